/** engine: runs a plan: connect (waiting for the database), lock, re-read history, apply, record, release. */
package dev.lockstep.engine;
