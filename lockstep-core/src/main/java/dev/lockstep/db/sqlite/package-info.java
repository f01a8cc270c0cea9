/** db.sqlite: SQLite, one provider: the sidecar file lock, the busy timeout, its catalog. */
package dev.lockstep.db.sqlite;
