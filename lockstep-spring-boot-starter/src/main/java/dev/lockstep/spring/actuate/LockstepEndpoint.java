package dev.lockstep.spring.actuate;

import dev.lockstep.Lockstep;
import dev.lockstep.result.HistoryEntry;
import dev.lockstep.result.InfoResult;
import dev.lockstep.result.MigrationInfo;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.context.ApplicationContext;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /actuator/lockstep}: every migration of every {@link Lockstep} bean with its state, shaped like
 * {@code /actuator/flyway} ({@code contexts.<id>.lockstepBeans.<bean>.migrations}), plus what lockstep records beyond
 * Flyway: the replica that ran it and its statement journal. One read of the history per bean; no lock, no change.
 */
@Endpoint(id = "lockstep")
public class LockstepEndpoint {
    private final ApplicationContext context;

    public LockstepEndpoint(ApplicationContext context) {
        this.context = context;
    }

    @ReadOperation
    public LockstepBeans lockstepBeans() {
        Map<String, ContextLockstepBeans> contexts = new LinkedHashMap<>();
        for (ApplicationContext target = context; target != null; target = target.getParent()) {
            Map<String, LockstepDescriptor> beans = new LinkedHashMap<>();
            target.getBeansOfType(Lockstep.class).forEach((name, lockstep) -> beans.put(name, describe(lockstep.info())));
            ApplicationContext parent = target.getParent();
            contexts.put(target.getId(), new ContextLockstepBeans(beans, parent == null ? null : parent.getId()));
        }
        return new LockstepBeans(contexts);
    }

    private static LockstepDescriptor describe(InfoResult info) {
        return new LockstepDescriptor(info.database(), info.schema(), info.table(), info.currentVersion(),
                info.migrations().stream().map(LockstepEndpoint::describe).toList(), info.warnings());
    }

    private static MigrationDescriptor describe(MigrationInfo m) {
        HistoryEntry row = m.applied();
        return new MigrationDescriptor(m.type().name(), m.checksum(), m.version(), m.description(), m.script(),
                m.state().name(), row == null ? null : row.status().name(), row == null ? null : row.installedBy(),
                row == null ? null : row.finishedAt() != null ? row.finishedAt() : row.startedAt(),
                row == null ? null : row.installedRank(), row == null || row.executionMs() == null ? null
                : row.executionMs().intValue(), row == null ? null : row.replica(),
                row == null ? null : row.statementsDone(), row == null ? null : row.statementsTotal(),
                row == null ? null : row.error());
    }

    /** The document: one entry per application context, as {@code /actuator/flyway}. */
    public record LockstepBeans(Map<String, ContextLockstepBeans> contexts) {
    }

    public record ContextLockstepBeans(Map<String, LockstepDescriptor> lockstepBeans, String parentId) {
    }

    /** One Lockstep bean: where its history lives and every migration. */
    public record LockstepDescriptor(String database, String schema, String table, String currentVersion,
                                     List<MigrationDescriptor> migrations, List<String> warnings) {
    }

    /**
     * One migration, with Flyway's field names where they mean the same ({@code type}, {@code checksum},
     * {@code version}, {@code description}, {@code script}, {@code state}, {@code installedBy}, {@code installedOn},
     * {@code installedRank}, {@code executionTime} in ms) and lockstep's own after them.
     */
    public record MigrationDescriptor(String type, String checksum, String version, String description, String script,
                                      String state, String status, String installedBy, Instant installedOn,
                                      Integer installedRank, Integer executionTime, String replica,
                                      Integer statementsDone, Integer statementsTotal, String error) {
    }
}
