package dev.lockstep;

import dev.lockstep.engine.RunContext;
import dev.lockstep.engine.Sleeper;
import dev.lockstep.engine.StopToken;

import java.time.Clock;

/**
 * What tests give a run that users cannot: a fake clock, a sleeper that records instead of sleeping, a stop
 * request the test trips. The public builder has none of these; this reaches its package-private side.
 */
public final class Seams {
    private Seams() {
    }

    /** @param sleeper {@code null}: sleeps that a stop request ends early */
    public static Lockstep load(LockstepConfig.Builder builder, Clock clock, Sleeper sleeper, StopToken stop) {
        return new Lockstep(RunContext.of(builder.build(), clock, sleeper, stop));
    }

    public static Lockstep load(LockstepConfig.Builder builder, Clock clock, Sleeper sleeper) {
        return load(builder, clock, sleeper, new StopToken());
    }

    public static Lockstep load(LockstepConfig.Builder builder, StopToken stop) {
        return load(builder, Clock.systemUTC(), null, stop);
    }
}
