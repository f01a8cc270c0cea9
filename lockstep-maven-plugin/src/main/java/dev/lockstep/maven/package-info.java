/** Maven goals over lockstep-core's front door: lint, validate, info, migrate. */
package dev.lockstep.maven;
