package dev.lockstep;

import dev.lockstep.event.FleetListener;

/**
 * How a fleet runs, besides the configuration every tenant shares.
 *
 * @param parallel how many tenants at once in this process
 * @param failFast take no new tenant once one failed
 * @param listener told of every tenant's outcome
 */
record FleetOptions(int parallel, boolean failFast, FleetListener listener) {
}
