package dev.lockstep.sql;

import java.util.ArrayList;
import java.util.List;

/**
 * The words the splitter reacts to while it scans. Looking one up compares the word in place
 * (bucketed by length, case-insensitive), so the scan allocates nothing for the words it meets.
 */
enum Keyword {
    // blocks of routine bodies
    BEGIN, END, CASE, IF, LOOP, WHILE, REPEAT, ATOMIC, NOT, ROW, DO,
    // routine headers
    CREATE, OR, REPLACE, TEMP, TEMPORARY, FUNCTION, PROCEDURE, TRIGGER, EVENT, PACKAGE,
    // other objects of CREATE: they tell a MySQL statement is not a routine
    TABLE, VIEW, INDEX, UNIQUE, FULLTEXT, SPATIAL, DATABASE, SCHEMA, USER, ROLE, SERVER, TABLESPACE,
    SEQUENCE, LOGFILE, ALGORITHM, SQL,
    // classification clues found past the leading words
    SELECT, INSERT, UPDATE, DELETE, MERGE, INTO, FROM, STDIN, COPY,
    // calls that release every lock of the session
    PG_ADVISORY_UNLOCK_ALL, RELEASE_ALL_LOCKS,
    // the mysql client's command
    DELIMITER;

    private static final Keyword[][] BY_LENGTH = byLength();

    /** The keyword spelled by {@code text[start, end)} in any case, or null when it is none of them. */
    static Keyword of(String text, int start, int end) {
        int length = end - start;
        if (length >= BY_LENGTH.length) {
            return null;
        }
        char first = (char) (text.charAt(start) & ~0x20);
        for (Keyword candidate : BY_LENGTH[length]) {
            String name = candidate.name();
            if (name.charAt(0) == first && text.regionMatches(true, start, name, 0, length)) {
                return candidate;
            }
        }
        return null;
    }

    private static Keyword[][] byLength() {
        int longest = 0;
        for (Keyword keyword : values()) {
            longest = Math.max(longest, keyword.name().length());
        }
        List<List<Keyword>> buckets = new ArrayList<>();
        for (int i = 0; i <= longest; i++) {
            buckets.add(new ArrayList<>());
        }
        for (Keyword keyword : values()) {
            buckets.get(keyword.name().length()).add(keyword);
        }
        Keyword[][] table = new Keyword[longest + 1][];
        for (int i = 0; i <= longest; i++) {
            table[i] = buckets.get(i).toArray(new Keyword[0]);
        }
        return table;
    }
}
