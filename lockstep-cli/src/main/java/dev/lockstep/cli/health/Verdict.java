package dev.lockstep.cli.health;

/** Readiness or liveness: {@code ok}, or why not. */
public record Verdict(boolean ok, String reason) {
    static final Verdict OK = new Verdict(true, null);
}
