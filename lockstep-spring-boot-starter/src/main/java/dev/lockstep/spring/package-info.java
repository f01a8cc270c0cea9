/** Spring Boot auto-configuration: lockstep migrates (or waits, or validates) at start-up, before the schema is used. */
package dev.lockstep.spring;
