package dev.lockstep.cli;

import dev.lockstep.Fleet;
import dev.lockstep.Lockstep;
import dev.lockstep.LockstepConfig;
import dev.lockstep.error.Reason;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The process's stop request, which SIGTERM and SIGINT trip. It reaches the library through
 * {@link Lockstep#stop(Reason)} of every instance a command loads, also when the signal came before the
 * instance existed, so that the second signal, and only the second, cancels at once. It also ends
 * {@code serve}'s wait between two reads and tells {@code exec} not to start the app.
 */
final class StopRequest {
    private final CountDownLatch requested = new CountDownLatch(1);
    private final List<Lockstep> attached = new ArrayList<>();
    private final List<Fleet> fleets = new ArrayList<>();
    private Reason reason;
    private String stopping;

    /** Stops every attached run safely; again, at once. */
    synchronized void request(Reason why) {
        if (reason == null) {
            reason = why;
        }
        requested.countDown();
        attached.forEach(lockstep -> lockstep.stop(why));
        fleets.forEach(fleet -> fleet.stop(why));
    }

    /** Hands the stop on to {@code fleet}, as {@link #attach(Lockstep)} does. */
    synchronized Fleet attach(Fleet fleet) {
        fleets.add(fleet);
        if (reason != null) {
            fleet.stop(reason);
        }
        return fleet;
    }

    /** Hands the stop on to {@code lockstep}: at once if it was requested already, else when it is. */
    synchronized Lockstep attach(Lockstep lockstep) {
        attached.add(lockstep);
        if (reason != null) {
            lockstep.stop(reason);
        }
        return lockstep;
    }

    /** What a stop does in a command that runs no migration, such as serve; said when the signal comes. */
    synchronized void stopping(String what) {
        this.stopping = what;
    }

    /** {@code null} for a command that may be migrating. */
    synchronized String stopping() {
        return stopping;
    }

    synchronized boolean isRequested() {
        return reason != null;
    }

    /** {@link Reason#TERMINATED} or {@link Reason#INTERRUPTED}; {@code null} before a request. */
    synchronized Reason reason() {
        return reason;
    }

    /** How long the running work is given before it is cancelled: the attached run's grace, else the default. */
    synchronized Duration grace() {
        return !attached.isEmpty() ? attached.get(0).config().stopGrace()
                : !fleets.isEmpty() ? fleets.get(0).config().stopGrace() : LockstepConfig.DEFAULT_STOP_GRACE;
    }

    /** Waits up to {@code duration}, ending early on a stop request. */
    void await(Duration duration) throws InterruptedException {
        requested.await(duration.toMillis(), TimeUnit.MILLISECONDS);
    }
}
