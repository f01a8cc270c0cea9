/** preflight: checks that volume directories are usable before the app writes to them, and fixes their ownership fast. */
package dev.lockstep.preflight;
