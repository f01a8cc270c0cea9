package dev.lockstep.spring.actuate;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

/** The {@code lockstep} health contributor on Boot 4, whose health API has a module of its own: see {@link SchemaHealth}. */
public class Boot4LockstepHealthIndicator extends AbstractHealthIndicator {
    private final SchemaHealth health;

    public Boot4LockstepHealthIndicator(SchemaHealth health) {
        super("lockstep health check failed");
        this.health = health;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        SchemaHealth.Report report = health.check();
        builder.status(new Status(report.status())).withDetails(report.details());
    }
}
