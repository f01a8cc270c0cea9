package dev.lockstep.spring.actuate;

import dev.lockstep.Fleet;
import dev.lockstep.Lockstep;
import dev.lockstep.spring.LockstepAutoConfiguration;
import dev.lockstep.spring.LockstepProperties;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The actuator's view of lockstep, for the auto-configured {@code Lockstep} bean and for one the application defines:
 * the {@code lockstep} health contributor (Boot 3's health API or Boot 4's, whichever is on the classpath) and the
 * {@code /actuator/lockstep} endpoint. Each part switches on only where its actuator classes are present. With a fleet
 * ({@code lockstep.schemas}, {@code lockstep.schemas-like}) there is no health contributor: the {@code Lockstep} bean
 * stands for no tenant, and a started application has every tenant migrated (else its start failed).
 */
@AutoConfiguration(after = LockstepAutoConfiguration.class)
@ConditionalOnClass(name = "org.springframework.boot.actuate.endpoint.annotation.Endpoint")
@ConditionalOnBean(Lockstep.class)
@EnableConfigurationProperties(LockstepProperties.class)
public class LockstepActuatorAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnAvailableEndpoint
    LockstepEndpoint lockstepEndpoint(ApplicationContext context) {
        return new LockstepEndpoint(context);
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.boot.actuate.health.HealthIndicator")
    @org.springframework.boot.actuate.autoconfigure.health.ConditionalOnEnabledHealthIndicator("lockstep")
    @ConditionalOnMissingBean(Fleet.class)
    static class Boot3Health {
        @Bean
        @ConditionalOnMissingBean(name = "lockstepHealthIndicator")
        LockstepHealthIndicator lockstepHealthIndicator(Lockstep lockstep, LockstepProperties properties) {
            return new LockstepHealthIndicator(new SchemaHealth(lockstep, properties.getTarget()));
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
    @org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator("lockstep")
    @ConditionalOnMissingBean(Fleet.class)
    static class Boot4Health {
        @Bean
        @ConditionalOnMissingBean(name = "lockstepHealthIndicator")
        Boot4LockstepHealthIndicator lockstepHealthIndicator(Lockstep lockstep, LockstepProperties properties) {
            return new Boot4LockstepHealthIndicator(new SchemaHealth(lockstep, properties.getTarget()));
        }
    }
}
