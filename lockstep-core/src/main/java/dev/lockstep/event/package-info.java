/** What a run tells its listeners as it goes: the hooks for logs, progress, metrics and health state. */
package dev.lockstep.event;

