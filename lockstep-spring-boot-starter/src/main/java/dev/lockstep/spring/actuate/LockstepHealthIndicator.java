package dev.lockstep.spring.actuate;

import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;

/** The {@code lockstep} health contributor on Boot 3: see {@link SchemaHealth}. */
public class LockstepHealthIndicator extends AbstractHealthIndicator {
    private final SchemaHealth health;

    public LockstepHealthIndicator(SchemaHealth health) {
        super("lockstep health check failed");
        this.health = health;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        SchemaHealth.Report report = health.check();
        builder.status(new Status(report.status())).withDetails(report.details());
    }
}
