/** The actuator's view of lockstep: the health contributor (Boot 3 and Boot 4), /actuator/lockstep. */
package dev.lockstep.spring.actuate;
