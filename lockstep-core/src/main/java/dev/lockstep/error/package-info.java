/** The one exception hierarchy: every failure a user can act on, each reason mapped to one exit code. */
package dev.lockstep.error;
