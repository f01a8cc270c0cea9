/** runas: who {@code exec}'s app runs as: a user resolved from the image's passwd files, and the tool that switches to it. */
package dev.lockstep.cli.runas;
