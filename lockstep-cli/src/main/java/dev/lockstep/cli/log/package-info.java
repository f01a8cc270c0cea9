/** The CLI's own SLF4J 2 provider: one log line per event on stderr, as text for people or JSON for log shippers. */
package dev.lockstep.cli.log;
