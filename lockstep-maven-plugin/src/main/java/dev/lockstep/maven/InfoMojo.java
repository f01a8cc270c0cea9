package dev.lockstep.maven;

import dev.lockstep.Lockstep;
import dev.lockstep.result.HistoryEntry;
import dev.lockstep.result.InfoResult;
import dev.lockstep.result.MigrationInfo;
import org.apache.maven.plugins.annotations.Mojo;

import java.time.temporal.ChronoUnit;

/** {@code lockstep:info}: every migration with its state, as {@code lockstep info} prints it. Takes no lock. */
@Mojo(name = "info", threadSafe = true)
public class InfoMojo extends ConnectedMojo {
    @Override
    void run(Lockstep lockstep) {
        InfoResult result = lockstep.info();
        getLog().info("lockstep: " + result.database() + ", schema " + result.schema() + ", current version: "
                + (result.currentVersion() == null ? "none" : result.currentVersion()));
        if (result.migrations().isEmpty()) {
            getLog().info("lockstep: no migrations found.");
        }
        for (MigrationInfo m : result.migrations()) {
            HistoryEntry row = m.applied();
            getLog().info(String.format("  %-10s %-30s %-10s %-12s %s", m.version() == null ? "" : m.version(),
                    m.description(), m.type().name(), m.state().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'),
                    row == null || row.startedAt() == null ? "" : row.startedAt().truncatedTo(ChronoUnit.SECONDS)
                            + (row.replica() == null ? "" : " by " + row.replica())));
        }
        for (String warning : result.warnings()) {
            getLog().warn(warning);
        }
    }
}
