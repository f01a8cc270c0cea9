/** db.postgres: PostgreSQL, one provider: advisory locks, session settings, the pooler probe, its catalog. */
package dev.lockstep.db.postgres;
