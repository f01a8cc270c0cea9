package dev.lockstep.spring;

import dev.lockstep.LockstepConfig;

/**
 * Changes the auto-configured {@code Lockstep} before it is loaded, for what properties cannot say (a listener with
 * state, a computed placeholder). Beans of this type are applied in their order, after the {@code lockstep.*}
 * properties; the library validates the result.
 */
@FunctionalInterface
public interface LockstepConfigurationCustomizer {
    void customize(LockstepConfig.Builder builder);
}
