/**
 * lockstep: database migrations that are safe when many replicas start at once. The front door is
 * {@link dev.lockstep.Lockstep#configure()}; every other package serves it.
 */
package dev.lockstep;
