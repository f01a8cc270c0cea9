package dev.lockstep.spring;

import dev.lockstep.Fleet;
import dev.lockstep.Lockstep;
import dev.lockstep.LockstepConfig;
import dev.lockstep.error.LockstepException;
import dev.lockstep.error.Reason;
import dev.lockstep.event.MigrationListener;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.sql.init.dependency.DatabaseInitializationDependencyConfigurer;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.core.io.ResourceLoader;

import javax.sql.DataSource;

/**
 * Migrates at start-up with lockstep, in the place Boot gives Flyway: after the DataSource, before everything that
 * needs the schema. Active when there is a DataSource (or {@code lockstep.url}) and {@code lockstep.enabled} is not
 * false; backs off entirely when the application defines its own {@link Lockstep} bean. Flyway's auto-configuration
 * is switched off while this one is on ({@link FlywayAutoConfigurationFilter}), so the two never both migrate.
 */
@AutoConfiguration(afterName = {
        "org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration",
        "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
        "org.springframework.boot.autoconfigure.jdbc.JdbcTemplateAutoConfiguration",
        "org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration",
        "org.springframework.boot.autoconfigure.orm.jpa.HibernateJpaAutoConfiguration",
        "org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration"})
@ConditionalOnClass(Lockstep.class)
@ConditionalOnBooleanProperty(name = "lockstep.enabled", matchIfMissing = true)
@Conditional(LockstepAutoConfiguration.ConnectionCondition.class)
@EnableConfigurationProperties(LockstepProperties.class)
public class LockstepAutoConfiguration {

    /** Boot's machinery that makes schema users depend on database initializers (Boot 4: module spring-boot-sql). */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.boot.sql.init.dependency.DatabaseInitializationDependencyConfigurer")
    @Import(DatabaseInitializationDependencyConfigurer.class)
    static class InitializationOrder {
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnMissingBean(Lockstep.class)
    static class LockstepConfiguration {

        @Bean
        StartupProgress lockstepStartupProgress() {
            return new StartupProgress();
        }

        @Bean
        Lockstep lockstep(LockstepProperties properties, ObjectProvider<DataSource> dataSource,
                          @LockstepDataSource ObjectProvider<DataSource> lockstepDataSource,
                          ObjectProvider<MigrationListener> listeners,
                          ObjectProvider<LockstepConfigurationCustomizer> customizers,
                          ResourceLoader resourceLoader, Environment environment, StartupProgress progress) {
            try {
                return builder(properties, dataSource, lockstepDataSource, listeners, customizers, resourceLoader,
                        environment, progress).load();
            } catch (LockstepException e) {
                throw new LockstepStartupException(e);
            }
        }

        /**
         * With {@code lockstep.schemas} or {@code lockstep.schemas-like}: the tenants migrated at start-up, each
         * configured as the {@link Lockstep} bean is but for its schema.
         */
        @Bean
        @Conditional(FleetCondition.class)
        Fleet lockstepFleet(LockstepProperties properties, ObjectProvider<DataSource> dataSource,
                            @LockstepDataSource ObjectProvider<DataSource> lockstepDataSource,
                            ObjectProvider<MigrationListener> listeners,
                            ObjectProvider<LockstepConfigurationCustomizer> customizers,
                            ResourceLoader resourceLoader, Environment environment, StartupProgress progress) {
            try {
                return LockstepFactory.fleet(properties, builder(properties, dataSource, lockstepDataSource, listeners,
                        customizers, resourceLoader, environment, progress));
            } catch (LockstepException e) {
                throw new LockstepStartupException(e);
            }
        }

        private static LockstepConfig.Builder builder(LockstepProperties properties, ObjectProvider<DataSource> dataSource,
                                                      ObjectProvider<DataSource> lockstepDataSource,
                                                      ObjectProvider<MigrationListener> listeners,
                                                      ObjectProvider<LockstepConfigurationCustomizer> customizers,
                                                      ResourceLoader resourceLoader, Environment environment,
                                                      StartupProgress progress) {
            DataSource source = properties.getUrl() != null ? null : dataSource(lockstepDataSource, dataSource);
            LockstepConfig.Builder builder = LockstepFactory.configure(properties, source,
                    environment.getProperty("spring.datasource.url"), resourceLoader.getClassLoader());
            builder.listener(new ProgressListener(progress));
            listeners.orderedStream().forEach(builder::listener);
            customizers.orderedStream().forEach(customizer -> customizer.customize(builder));
            return builder;
        }

        private static DataSource dataSource(ObjectProvider<DataSource> lockstepDataSource, ObjectProvider<DataSource> all) {
            DataSource marked = lockstepDataSource.getIfAvailable();
            if (marked != null) {
                return marked;
            }
            DataSource unique = all.getIfUnique();
            if (unique == null) {
                throw new LockstepException(Reason.CONFIGURATION, "Invalid configuration: the application has several"
                        + " DataSource beans and none is primary, so lockstep cannot tell which database to migrate."
                        + " Mark one @Primary or @LockstepDataSource, or set lockstep.url.");
            }
            return unique;
        }

        @Bean
        @ConditionalOnMissingBean
        LockstepInitializer lockstepInitializer(Lockstep lockstep, ObjectProvider<Fleet> fleet, LockstepProperties properties,
                                                StartupProgress progress, ObjectProvider<StartupProbes> probes) {
            try {
                return new LockstepInitializer(lockstep, fleet.getIfAvailable(), LockstepFactory.Mode.of(properties.getMode()),
                        LockstepFactory.target(properties.getTarget()), probes.getIfAvailable(), progress);
            } catch (LockstepException e) {
                throw new LockstepStartupException(e);
            }
        }

        @Configuration(proxyBeanMethods = false)
        @ConditionalOnWebApplication
        @ConditionalOnBooleanProperty(name = "lockstep.probes.enabled", matchIfMissing = true)
        static class ProbesConfiguration {
            @Bean
            StartupProbes lockstepStartupProbes(Environment environment, StartupProgress progress) {
                return new StartupProbes(ProbePorts.of(environment), progress::reason);
            }
        }

        @Configuration(proxyBeanMethods = false)
        @ConditionalOnClass(name = "io.micrometer.core.instrument.binder.MeterBinder")
        static class MetricsConfiguration {
            @Bean
            LockstepMetrics lockstepMetrics() {
                return new LockstepMetrics();
            }
        }
    }

    /**
     * lockstep.schemas or lockstep.schemas-like: a fleet of tenants instead of one schema. Bound, not looked up by
     * name, since a list in YAML has only indexed keys ({@code lockstep.schemas[0]}).
     */
    static final class FleetCondition implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            Binder binder = Binder.get(context.getEnvironment());
            return binder.bind("lockstep.schemas", Bindable.listOf(String.class)).isBound()
                    || binder.bind("lockstep.schemas-like", String.class).isBound();
        }
    }

    /** A DataSource to migrate, or a URL of lockstep's own. */
    static final class ConnectionCondition extends AnyNestedCondition {
        ConnectionCondition() {
            super(ConfigurationPhase.REGISTER_BEAN);
        }

        @ConditionalOnBean(DataSource.class)
        static final class DataSourceBean {
        }

        @ConditionalOnProperty("lockstep.url")
        static final class LockstepUrl {
        }
    }
}
