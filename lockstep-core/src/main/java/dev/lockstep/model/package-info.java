/** model: immutable records shared by every layer: versions, migrations, history rows. No I/O. */
package dev.lockstep.model;
