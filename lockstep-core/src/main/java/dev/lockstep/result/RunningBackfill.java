package dev.lockstep.result;

/**
 * How far the backfill of a migration that a replica is applying has come, read from the database by a replica that
 * does not hold the lock: what its batches committed, earlier attempts included.
 *
 * @param script    the migration's file
 * @param statement the backfill statement's number in it, counted from 1
 * @param batches   batches committed
 * @param rows      rows they changed
 */
public record RunningBackfill(String script, int statement, long batches, long rows) {
}
