/** adopt: reads another tool's history (Flyway, golang-migrate) and decides what lockstep records from it. */
package dev.lockstep.adopt;
