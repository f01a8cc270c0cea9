/** What the verbs of {@link dev.lockstep.Lockstep} return, and the vocabulary those results are written in. */
package dev.lockstep.result;

