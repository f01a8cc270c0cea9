/** sql: splits migration text into statements for each dialect and tells what kind each is. Pure. */
package dev.lockstep.sql;
