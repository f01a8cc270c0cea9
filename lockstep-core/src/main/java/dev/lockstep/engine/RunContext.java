package dev.lockstep.engine;

import dev.lockstep.LockstepConfig;
import dev.lockstep.result.Version;
import dev.lockstep.source.Placeholders;

import java.time.Clock;
import java.util.Objects;

/**
 * What one {@link dev.lockstep.Lockstep} instance runs with: its frozen configuration, the settings that
 * configuration holds as text parsed once into the engine's own types, and what is not configuration at all:
 * the time source, how retries wait, and the stop request that signal handlers and shutdown hooks trip while a
 * verb runs. Tests give a fake clock and sleeper here; users cannot, because nothing here is exported.
 */
public final class RunContext {
    private final LockstepConfig config;
    private final Clock clock;
    private final Sleeper sleeper;
    private final StopToken stop;
    private final Version target;
    private final Version baselineVersion;
    private final Placeholders placeholders;

    private RunContext(LockstepConfig config, Clock clock, Sleeper sleeper, StopToken stop) {
        this.config = Objects.requireNonNull(config, "config");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.stop = Objects.requireNonNull(stop, "stop");
        this.sleeper = sleeper != null ? sleeper : stop::await;
        this.target = config.target() == null ? null : Version.parse(config.target());
        this.baselineVersion = Version.parse(config.baselineVersion());
        this.placeholders = Placeholders.of(config.placeholders());
        stop.grace(config.stopGrace());
    }

    /** The real thing: the system clock, sleeps that a stop request ends early, a fresh stop request. */
    public static RunContext of(LockstepConfig config) {
        return new RunContext(config, Clock.systemUTC(), null, new StopToken());
    }

    /** For tests: a given clock and sleeper ({@code null}: sleeps that a stop request ends early) and stop request. */
    public static RunContext of(LockstepConfig config, Clock clock, Sleeper sleeper, StopToken stop) {
        return new RunContext(config, clock, sleeper, stop);
    }

    public LockstepConfig config() {
        return config;
    }

    public Clock clock() {
        return clock;
    }

    public Sleeper sleeper() {
        return sleeper;
    }

    public StopToken stop() {
        return stop;
    }

    /** Versioned migrations up to this version only; {@code null} for all. */
    public Version target() {
        return target;
    }

    public Version baselineVersion() {
        return baselineVersion;
    }

    public Placeholders placeholders() {
        return placeholders;
    }
}
