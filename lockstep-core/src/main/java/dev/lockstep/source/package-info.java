/** source: finds migration files in folders and on the classpath, parses their names, normalises their text and computes checksums. */
package dev.lockstep.source;
