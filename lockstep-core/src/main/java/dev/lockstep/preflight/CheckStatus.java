package dev.lockstep.preflight;

/** A check's outcome: a warning fails the preflight only under {@code --strict}. */
public enum CheckStatus { PASS, WARN, FAIL }
