package dev.lockstep.sql;

import java.util.EnumSet;
import java.util.Set;

/**
 * The SQL grammars lockstep splits and classifies, each as the facts that set it apart: how it quotes, comments and
 * delimits, how its routine bodies are written, which of its statements act on the session. The splitter, the lexer
 * and the classifier ask a grammar for a {@link Feature} or its {@link #bodies()}, never which grammar it is, so a
 * database's grammar is its line here. A database's provider names its grammar ({@code Dialect.sqlDialect()}).
 */
public enum SqlDialect {
    /** PostgreSQL: dollar quoting, {@code E''} strings, nested block comments. */
    POSTGRESQL(Bodies.DOLLAR_QUOTED, Keyword.PG_ADVISORY_UNLOCK_ALL, null, EnumSet.of(Feature.DOLLAR_QUOTES,
            Feature.ESCAPE_STRINGS, Feature.NESTED_BLOCK_COMMENTS, Feature.END_COMMITS, Feature.COPY_FROM_CLIENT,
            Feature.DISCARD_ALL, Feature.FOLDS_UNQUOTED_NAMES)),
    /** MySQL and MariaDB: backticks, {@code #} comments, {@code DELIMITER} blocks. */
    MYSQL(Bodies.COMPOUND_STATEMENTS, Keyword.RELEASE_ALL_LOCKS, "PRIMARY", EnumSet.of(Feature.BACKTICK_IDENTIFIERS,
            Feature.BACKSLASH_ESCAPES, Feature.DOUBLE_QUOTED_STRINGS, Feature.HASH_COMMENTS,
            Feature.DASH_COMMENTS_NEED_A_SPACE, Feature.EXECUTABLE_COMMENTS, Feature.IDENTIFIERS_MAY_START_WITH_DIGITS,
            Feature.DELIMITER_COMMAND, Feature.LOAD_DATA)),
    /** SQLite: {@code CREATE TRIGGER ... BEGIN ... END;} bodies. */
    SQLITE(Bodies.TRIGGER_BLOCKS, null, null, EnumSet.of(Feature.BACKTICK_IDENTIFIERS, Feature.BRACKET_IDENTIFIERS,
            Feature.END_COMMITS, Feature.ATTACH_DATABASE));

    /** What one grammar has and another has not. */
    public enum Feature {
        /** {@code $$ ... $$} and {@code $tag$ ... $tag$} quote text, routine bodies among it. */
        DOLLAR_QUOTES,
        /** {@code E'...'} strings, with backslash escapes. */
        ESCAPE_STRINGS,
        /** A block comment may hold another. */
        NESTED_BLOCK_COMMENTS,
        /** {@code `name`} quotes an identifier. */
        BACKTICK_IDENTIFIERS,
        /** {@code [name]} quotes an identifier. */
        BRACKET_IDENTIFIERS,
        /** A backslash escapes the next character in a string. */
        BACKSLASH_ESCAPES,
        /** {@code "..."} is a string, not a quoted identifier. */
        DOUBLE_QUOTED_STRINGS,
        /** {@code #} starts a comment to the end of the line. */
        HASH_COMMENTS,
        /** {@code --} starts a comment only when a space (or the line's end) follows it. */
        DASH_COMMENTS_NEED_A_SPACE,
        /** {@code /*! ... *}{@code /} holds code the server runs. */
        EXECUTABLE_COMMENTS,
        /** An unquoted identifier may begin with a digit ({@code 1st_column}). */
        IDENTIFIERS_MAY_START_WITH_DIGITS,
        /** The client's {@code DELIMITER //} command changes what ends a statement. */
        DELIMITER_COMMAND,
        /** {@code END} commits, as {@code COMMIT} does (MySQL's {@code END} closes a block instead). */
        END_COMMITS,
        /** {@code COPY ... FROM stdin} reads rows from the client, which a migration file cannot give. */
        COPY_FROM_CLIENT,
        /** {@code DISCARD ALL} and {@code RESET ALL} drop the session's state, lockstep's lock with it. */
        DISCARD_ALL,
        /** {@code LOAD DATA} writes rows (elsewhere {@code LOAD} acts on the session). */
        LOAD_DATA,
        /** {@code ATTACH} and {@code DETACH} change the session's databases. */
        ATTACH_DATABASE,
        /** The catalog keeps an unquoted name in lower case ({@code Orders} is {@code orders}). */
        FOLDS_UNQUOTED_NAMES
    }

    /** How routine bodies, whose {@code ;} end no statement, are written. */
    public enum Bodies {
        /** A body is one dollar-quoted string; {@code BEGIN ATOMIC ... END} bodies are counted by their blocks. */
        DOLLAR_QUOTED,
        /** Routines, triggers and events are compound statements of {@code BEGIN}, {@code IF}, {@code LOOP} blocks. */
        COMPOUND_STATEMENTS,
        /** Only a trigger has a body, one {@code BEGIN ... END}. */
        TRIGGER_BLOCKS
    }

    private final Bodies bodies;
    private final Keyword lockDropper;
    private final String primaryKeyName;
    private final Set<Feature> features;

    SqlDialect(Bodies bodies, Keyword lockDropper, String primaryKeyName, Set<Feature> features) {
        this.bodies = bodies;
        this.lockDropper = lockDropper;
        this.primaryKeyName = primaryKeyName;
        this.features = features;
    }

    /** Whether this grammar has the feature. */
    public boolean has(Feature feature) {
        return features.contains(feature);
    }

    /** How this grammar writes routine bodies. */
    public Bodies bodies() {
        return bodies;
    }

    /**
     * The name the catalog gives a primary key added without one ({@code PRIMARY}), or {@code null} where it names
     * none that a probe can look for.
     */
    String primaryKeyName() {
        return primaryKeyName;
    }

    /** The function whose call gives back every lock of the session ({@code pg_advisory_unlock_all}), or null. */
    Keyword lockDropper() {
        return lockDropper;
    }
}
