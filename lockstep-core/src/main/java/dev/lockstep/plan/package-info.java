/** plan: decides what to run from local migrations, history rows and options. Pure: no JDBC, no files. */
package dev.lockstep.plan;
