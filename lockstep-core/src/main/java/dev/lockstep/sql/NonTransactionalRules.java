package dev.lockstep.sql;

/**
 * The statements a database refuses to run inside a transaction block, judged by their leading
 * tokens. Erring towards "non-transactional" is the safer mistake: such a statement still runs,
 * only outside a transaction, while a missed one fails with "cannot run inside a transaction block".
 * MySQL has none (its DDL commits implicitly, which the engine handles); SQLite has {@code VACUUM}.
 */
final class NonTransactionalRules {

    private NonTransactionalRules() {
    }

    static boolean matches(StatementFacts facts, SqlDialect dialect) {
        return switch (dialect) {
            case POSTGRESQL -> postgres(facts);
            case SQLITE -> facts.token(0).equals("VACUUM");
            case MYSQL -> false;
        };
    }

    private static boolean postgres(StatementFacts facts) {
        String second = facts.token(1);
        return switch (facts.token(0)) {
            case "VACUUM" -> true;
            case "CREATE" -> concurrentIndex(facts, second.equals("UNIQUE") ? 2 : 1)
                    || isOneOf(second, "DATABASE", "TABLESPACE", "SUBSCRIPTION");
            case "DROP" -> concurrentIndex(facts, 1) || isOneOf(second, "DATABASE", "TABLESPACE", "SUBSCRIPTION");
            case "REINDEX" -> reindex(facts);
            case "ALTER" -> switch (second) {
                case "SYSTEM" -> true;
                case "SUBSCRIPTION" -> subscriptionRefresh(facts);
                case "DATABASE" -> movesDatabase(facts);
                case "TABLE" -> detachConcurrently(facts);
                default -> false;
            };
            case "CLUSTER" -> clusterWithoutTable(facts);
            default -> false;
        };
    }

    private static boolean concurrentIndex(StatementFacts facts, int indexWord) {
        return facts.token(indexWord).equals("INDEX") && facts.token(indexWord + 1).equals("CONCURRENTLY");
    }

    /** {@code ALTER DATABASE d SET TABLESPACE t} copies the database's files. */
    private static boolean movesDatabase(StatementFacts facts) {
        int set = facts.indexOf("SET", 3);
        return set > 0 && facts.token(set + 1).equals("TABLESPACE");
    }

    /** {@code REINDEX [(options)] DATABASE|SYSTEM ...}, or any REINDEX with CONCURRENTLY in its head. */
    private static boolean reindex(StatementFacts facts) {
        int target = afterOptions(facts, 1);
        return isOneOf(facts.token(target), "DATABASE", "SYSTEM") || facts.indexOf("CONCURRENTLY", 1) > 0;
    }

    /** {@code ALTER SUBSCRIPTION s REFRESH PUBLICATION}, {@code ... SET|ADD|DROP PUBLICATION} (refresh defaults on). */
    private static boolean subscriptionRefresh(StatementFacts facts) {
        String action = facts.token(3);
        return action.equals("REFRESH")
                || isOneOf(action, "SET", "ADD", "DROP") && facts.token(4).equals("PUBLICATION");
    }

    /** {@code ALTER TABLE t DETACH PARTITION p CONCURRENTLY}; the names may be qualified or quoted. */
    private static boolean detachConcurrently(StatementFacts facts) {
        int detach = facts.indexOf("DETACH", 2);
        if (detach < 0 || !facts.token(detach + 1).equals("PARTITION")) {
            return false;
        }
        int concurrently = facts.indexOf("CONCURRENTLY", detach + 2);
        return concurrently > 0 && concurrently <= detach + 6;
    }

    /** {@code CLUSTER} of every table the user owns: only options, no table. */
    private static boolean clusterWithoutTable(StatementFacts facts) {
        int target = afterOptions(facts, 1);
        if (facts.token(target).equals("VERBOSE")) {
            target++;
        }
        return target >= facts.tokenCount();
    }

    /** The index past a parenthesized option list starting at {@code i}, or {@code i} when there is none. */
    private static int afterOptions(StatementFacts facts, int i) {
        if (!facts.token(i).equals("(")) {
            return i;
        }
        int close = facts.indexOf(")", i);
        return close < 0 ? i : close + 1;
    }

    private static boolean isOneOf(String token, String... candidates) {
        for (String candidate : candidates) {
            if (candidate.equals(token)) {
                return true;
            }
        }
        return false;
    }
}
