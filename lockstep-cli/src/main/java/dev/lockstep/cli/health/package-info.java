/** The status server: what a probe or Prometheus reads about migrations, fed by the engine's events; never takes the lock. */
package dev.lockstep.cli.health;
