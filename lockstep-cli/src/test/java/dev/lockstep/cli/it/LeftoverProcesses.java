package dev.lockstep.cli.it;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.List;

/**
 * After each test, kills the lockstep processes it started that still run, and what they started (registered for
 * every test of the module through {@code META-INF/services}; see {@code junit-platform.properties}). A test that
 * fails between starting a replica and stopping it would otherwise leave it running: an {@code exec}'s app, a
 * {@code serve} on its port, a holder of a lock the next test waits for.
 */
public final class LeftoverProcesses implements AfterEachCallback {
    @Override
    public void afterEach(ExtensionContext context) {
        List<Long> killed = CliProcess.killLeftovers();
        if (!killed.isEmpty()) {
            System.err.println("[" + context.getDisplayName() + "] killed lockstep processes it left running: " + killed);
        }
    }
}
