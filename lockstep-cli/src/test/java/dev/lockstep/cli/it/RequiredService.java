package dev.lockstep.cli.it;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * A service some integration tests need beside the databases (PgBouncer, a Galera cluster), started by a script of
 * {@code .ci/}: missing under CI it fails the test, since {@code .ci/services} must have started it; elsewhere the
 * test is skipped, loudly, naming the script that starts it.
 */
final class RequiredService {
    private RequiredService() {
    }

    /** Fails (under {@code CI=true}) or skips the calling test class because {@code why}. */
    static void missing(String test, String service, String why, String script) {
        if ("true".equals(System.getenv("CI"))) {
            Assertions.fail("CI must run the " + service + " tests, but " + why + ". .ci/services starts it through "
                    + script + ".");
        }
        System.err.println("SKIPPED " + test + ": " + why + ". Run " + script + " (as root) to run it.");
        Assumptions.abort(why);
    }
}
