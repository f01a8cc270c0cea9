/** cli: the lockstep command: options, then configuration, one library call, output and an exit code. */
package dev.lockstep.cli;
