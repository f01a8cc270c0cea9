package dev.lockstep.spring;

import dev.lockstep.error.LockstepException;
import dev.lockstep.error.Reason;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.BeanClassLoaderAware;
import org.springframework.boot.autoconfigure.AutoConfigurationImportFilter;
import org.springframework.boot.autoconfigure.AutoConfigurationMetadata;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;
import org.springframework.util.ClassUtils;

import java.util.Arrays;
import java.util.Set;

/**
 * Never two tools migrating one schema: while lockstep is on ({@code lockstep.enabled} not false), Flyway's
 * auto-configuration is left out of the application, so Flyway on the classpath (a transitive dependency, a library
 * that brings it) migrates nothing; the log says so. {@code lockstep.enabled=false} gives migrating back to Flyway.
 * An explicit {@code spring.flyway.enabled=true} beside lockstep is a contradiction, and fails the start rather than
 * being overruled in silence.
 */
public final class FlywayAutoConfigurationFilter implements AutoConfigurationImportFilter, EnvironmentAware,
        BeanClassLoaderAware {
    private static final Logger log = LoggerFactory.getLogger(FlywayAutoConfigurationFilter.class);

    /** Flyway's auto-configuration in Boot 3 and in Boot 4. */
    static final Set<String> FLYWAY_AUTO_CONFIGURATIONS = Set.of(
            "org.springframework.boot.autoconfigure.flyway.FlywayAutoConfiguration",
            "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration");

    private Environment environment;
    private ClassLoader classLoader;

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void setBeanClassLoader(ClassLoader classLoader) {
        this.classLoader = classLoader;
    }

    @Override
    public boolean[] match(String[] candidates, AutoConfigurationMetadata metadata) {
        boolean[] keep = new boolean[candidates.length];
        Arrays.fill(keep, true);
        if (!environment.getProperty("lockstep.enabled", Boolean.class, true)) {
            return keep;
        }
        boolean flywayPresent = ClassUtils.isPresent("org.flywaydb.core.Flyway", classLoader);
        for (int i = 0; i < candidates.length; i++) {
            if (candidates[i] != null && FLYWAY_AUTO_CONFIGURATIONS.contains(candidates[i])) {
                keep[i] = false;
                if (flywayPresent) {
                    refuseExplicitFlyway();
                    log.info("lockstep: Flyway is on the classpath too; its auto-configuration is off because lockstep"
                            + " migrates this application (set lockstep.enabled=false to let Flyway migrate instead)");
                }
            }
        }
        return keep;
    }

    private void refuseExplicitFlyway() {
        if (environment.getProperty("spring.flyway.enabled", Boolean.class, false)) {
            throw new LockstepStartupException(new LockstepException(Reason.CONFIGURATION, "Invalid configuration:"
                    + " spring.flyway.enabled=true and lockstep.enabled is not false, so both Flyway and lockstep would"
                    + " migrate this database at start-up, each with a history of its own. Choose one: remove"
                    + " spring.flyway.enabled=true (lockstep migrates; lockstep baseline --from flyway adopts Flyway's"
                    + " history), or set lockstep.enabled=false (Flyway migrates)."));
        }
    }
}
