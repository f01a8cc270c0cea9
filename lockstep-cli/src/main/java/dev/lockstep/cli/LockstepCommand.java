package dev.lockstep.cli;

/** A command whose errors are written the way its output options ask. */
interface LockstepCommand {
    OutputOptions output();
}
