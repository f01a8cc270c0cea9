/** db: everything that differs between databases: locks, history table DDL, session settings, catalog probes. */
package dev.lockstep.db;
