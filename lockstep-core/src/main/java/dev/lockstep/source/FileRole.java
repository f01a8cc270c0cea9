package dev.lockstep.source;

/** What a file's name makes it in a migration location, decided from the name alone. */
public enum FileRole {
    /** Looks like a migration; {@link MigrationFileName#parse} either parses it or says what is wrong. */
    MIGRATION,
    /** One of the reserved callback names, such as {@code beforeMigrate.sql}. */
    CALLBACK,
    /** Another {@code .sql} file: not run, reported so the caller can log that it was ignored. */
    IGNORED,
    /** Not SQL at all ({@code README.md}, {@code .gitkeep}): skipped without a word. */
    OTHER
}
