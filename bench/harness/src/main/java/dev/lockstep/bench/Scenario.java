package dev.lockstep.bench;

import java.nio.file.Path;

/** One workload of the comparison, run for every chosen database and tool, written as one result file. */
interface Scenario {
    /** {@code S1} to {@code S5}. */
    String id();

    /**
     * Runs it and returns its report.
     *
     * @param work a scratch folder of its own, for migration files, SQLite files and process logs
     */
    Report run(Options options, Jars jars, Path work) throws Exception;
}
