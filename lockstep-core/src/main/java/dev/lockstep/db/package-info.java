/**
 * db: what differs between databases, behind one {@link dev.lockstep.db.DatabaseProvider} per database (found by
 * {@link dev.lockstep.db.Databases}), and what all share: lockstep's tables, the lease, the lock key.
 */
package dev.lockstep.db;
