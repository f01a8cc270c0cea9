package dev.lockstep.engine;

/** How messages say which statements of a migration took effect: "statement 1", never "statements 1 to 1". */
final class TookEffect {
    private TookEffect() {
    }

    /** The first {@code last} statements, in words: "no statement", "statement 1", "statements 1 to 3". */
    static String statements(int last) {
        return last <= 0 ? "no statement" : last == 1 ? "statement 1" : "statements 1 to " + last;
    }

    /** "statement 1 took effect", "statements 1 to 3 took effect", "no statement took effect". */
    static String of(int last) {
        return statements(last) + " took effect";
    }
}
