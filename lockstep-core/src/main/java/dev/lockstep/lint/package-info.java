/** lint: rules over a migration file's parsed statements, each finding with a code, a place and a fix. Pure. */
package dev.lockstep.lint;
