package dev.lockstep.cli;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import com.fasterxml.jackson.databind.util.StdConverter;
import dev.lockstep.lint.Finding;
import dev.lockstep.preflight.Check;
import dev.lockstep.preflight.CheckKind;
import dev.lockstep.preflight.CheckStatus;
import dev.lockstep.preflight.DirectoryReport;
import dev.lockstep.preflight.FixResult;
import dev.lockstep.preflight.Owner;
import dev.lockstep.preflight.PreflightReport;
import dev.lockstep.lint.Severity;
import dev.lockstep.result.BaselineResult;
import dev.lockstep.result.DryRunResult;
import dev.lockstep.result.HistoryEntry;
import dev.lockstep.result.InfoResult;
import dev.lockstep.result.MigrationInfo;
import dev.lockstep.result.MigrationState;
import dev.lockstep.result.MigrationType;
import dev.lockstep.result.HistoryResult;
import dev.lockstep.result.MigrateResult;
import dev.lockstep.result.MigrationStatus;
import dev.lockstep.result.Problem;
import dev.lockstep.result.RepairResult;
import dev.lockstep.result.UndoResult;
import dev.lockstep.result.ValidateResult;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * How the library's result records are written as JSON, for {@code --json}: Jackson mix-ins, so the core stays free of
 * Jackson (it depends on the JDK and slf4j-api only) and the records are serialized as they are, not copied into maps
 * field by field. Each mix-in fixes the order of the fields and the names and forms scripts read: a duration is
 * {@code <name>Ms} in whole milliseconds, an instant its ISO-8601 text, a history status its database value
 * ({@code applied}), a lint severity its label. {@code JsonGoldenTest} holds every document; decision 0022 says why mix-ins.
 */
final class ResultJson extends SimpleModule {
    ResultJson() {
        super("lockstep-results");
        setMixInAnnotation(MigrateResult.class, MigrateResultJson.class);
        setMixInAnnotation(MigrateResult.AppliedStep.class, AppliedStepJson.class);
        setMixInAnnotation(UndoResult.class, UndoResultJson.class);
        setMixInAnnotation(UndoResult.Step.class, UndoStepJson.class);
        setMixInAnnotation(BaselineResult.class, BaselineResultJson.class);
        setMixInAnnotation(RepairResult.class, RepairResultJson.class);
        setMixInAnnotation(ValidateResult.class, ValidateResultJson.class);
        setMixInAnnotation(Problem.class, ProblemJson.class);
        setMixInAnnotation(HistoryResult.class, HistoryResultJson.class);
        setMixInAnnotation(HistoryEntry.class, HistoryEntryJson.class);
        setMixInAnnotation(MigrationStatus.class, MigrationStatusJson.class);
        setMixInAnnotation(Finding.class, FindingJson.class);
        setMixInAnnotation(InfoResult.class, InfoResultJson.class);
        setMixInAnnotation(MigrationInfo.class, MigrationInfoJson.class);
        setMixInAnnotation(MigrationState.class, MigrationStateJson.class);
        setMixInAnnotation(DryRunResult.class, DryRunResultJson.class);
        setMixInAnnotation(DryRunResult.Step.class, DryRunStepJson.class);
        setMixInAnnotation(PreflightReport.class, PreflightReportJson.class);
        setMixInAnnotation(DirectoryReport.class, DirectoryReportJson.class);
        setMixInAnnotation(Check.class, CheckJson.class);
        setMixInAnnotation(CheckKind.class, CheckKindJson.class);
        setMixInAnnotation(FixResult.class, FixResultJson.class);
        setMixInAnnotation(Severity.class, SeverityJson.class);
    }

    /** A duration as whole milliseconds. */
    static final class Millis extends JsonSerializer<Duration> {
        @Override
        public void serialize(Duration value, JsonGenerator out, SerializerProvider serializers) throws IOException {
            out.writeNumber(value.toMillis());
        }
    }

    @JsonPropertyOrder({"database", "schema", "initialVersion", "currentVersion", "lockTaken", "applied", "warnings", "durationMs"})
    abstract static class MigrateResultJson {
        @JsonProperty("durationMs")
        @JsonSerialize(using = Millis.class)
        abstract Duration duration();
    }

    @JsonPropertyOrder({"version", "description", "script", "type", "statements", "durationMs"})
    abstract static class AppliedStepJson {
        @JsonProperty("durationMs")
        @JsonSerialize(using = Millis.class)
        abstract Duration duration();
    }

    @JsonPropertyOrder({"database", "schema", "initialVersion", "currentVersion", "undone", "durationMs"})
    abstract static class UndoResultJson {
        @JsonProperty("durationMs")
        @JsonSerialize(using = Millis.class)
        abstract Duration duration();
    }

    @JsonPropertyOrder({"version", "description", "script", "statements", "durationMs"})
    abstract static class UndoStepJson {
        @JsonProperty("durationMs")
        @JsonSerialize(using = Millis.class)
        abstract Duration duration();
    }

    @JsonPropertyOrder({"database", "schema", "from", "baselineVersion", "recorded", "notLocal", "changed", "warnings"})
    abstract static class BaselineResultJson {
    }

    @JsonPropertyOrder({"database", "changes", "warnings"})
    abstract static class RepairResultJson {
    }

    @JsonPropertyOrder({"valid", "database", "migrations", "errors", "warnings"})
    abstract static class ValidateResultJson {
        @JsonProperty("valid")
        abstract boolean isValid();
    }

    @JsonPropertyOrder({"kind", "message", "files"})
    abstract static class ProblemJson {
    }

    @JsonPropertyOrder({"database", "schema", "table", "rows"})
    abstract static class HistoryResultJson {
    }

    @JsonPropertyOrder({"installedRank", "version", "description", "type", "script", "checksum", "status", "statementsDone",
            "statementsTotal", "installedBy", "replica", "startedAt", "finishedAt", "executionMs", "error"})
    abstract static class HistoryEntryJson {
        @JsonSerialize(using = ToStringSerializer.class)
        abstract Instant startedAt();

        @JsonSerialize(using = ToStringSerializer.class)
        abstract Instant finishedAt();

        @JsonIgnore
        abstract int statementInFlight();

        @JsonIgnore
        abstract String progress();
    }

    abstract static class MigrationStatusJson {
        @JsonValue
        abstract String dbValue();
    }

    @JsonPropertyOrder({"code", "severity", "file", "line", "column", "message", "fix"})
    abstract static class FindingJson {
    }

    abstract static class SeverityJson {
        @JsonValue
        abstract String label();
    }

    /** An enum constant as its name in lower case ({@code migration}, {@code undo}). */
    static final class LowerCase extends JsonSerializer<Enum<?>> {
        @Override
        public void serialize(Enum<?> value, JsonGenerator out, SerializerProvider serializers) throws IOException {
            out.writeString(value.name().toLowerCase(Locale.ROOT));
        }
    }

    @JsonPropertyOrder({"database", "schema", "table", "currentVersion", "migrations", "warnings"})
    abstract static class InfoResultJson {
    }

    /** Info's migration is written as an {@link InfoRow}: the history row's fields flattened into it, in their own order. */
    @JsonSerialize(converter = InfoRow.Of.class)
    abstract static class MigrationInfoJson {
    }

    /** One migration of {@code info}: the local file's fields, then its latest history row's, only when there is one. */
    record InfoRow(String version, String description, MigrationType type, String script, MigrationState state,
                   String checksum, @JsonUnwrapped Applied applied) {
        static final class Of extends StdConverter<MigrationInfo, InfoRow> {
            @Override
            public InfoRow convert(MigrationInfo m) {
                HistoryEntry row = m.applied();
                return new InfoRow(m.version(), m.description(), m.type(), m.script(), m.state(), m.checksum(),
                        row == null ? null : new Applied(row.installedRank(), row.status(), row.installedBy(), row.replica(),
                                row.startedAt(), row.finishedAt(), row.executionMs(), row.statementsDone(),
                                row.statementsTotal(), row.error()));
            }
        }
    }

    /** The history row as info lists it: who ran it and when, then its statement journal. */
    record Applied(int installedRank, MigrationStatus status, String installedBy, String replica,
                   @JsonSerialize(using = ToStringSerializer.class) Instant startedAt,
                   @JsonSerialize(using = ToStringSerializer.class) Instant finishedAt,
                   Long executionMs, int statementsDone, int statementsTotal, String error) {
    }

    abstract static class MigrationStateJson {
        @JsonValue
        abstract String label();
    }

    @JsonPropertyOrder({"database", "schema", "currentVersion", "steps", "warnings"})
    abstract static class DryRunResultJson {
        @JsonIgnore
        abstract long migrations();
    }

    @JsonPropertyOrder({"kind", "version", "description", "script", "path", "inTransaction", "statements"})
    abstract static class DryRunStepJson {
        @JsonSerialize(using = LowerCase.class)
        abstract DryRunResult.Kind kind();
    }

    /** A list as how many it holds. */
    static final class Size extends JsonSerializer<Collection<?>> {
        @Override
        public void serialize(Collection<?> value, JsonGenerator out, SerializerProvider serializers) throws IOException {
            out.writeNumber(value.size());
        }
    }

    /** Preflight's report: whether it passed and how many failures and warnings, then each directory. */
    @JsonPropertyOrder({"passed", "strict", "failures", "warnings", "directories"})
    abstract static class PreflightReportJson {
        @JsonProperty
        abstract boolean passed();

        @JsonProperty
        @JsonSerialize(using = Size.class)
        abstract List<Check> failures();

        @JsonProperty
        @JsonSerialize(using = Size.class)
        abstract List<Check> warnings();
    }

    /** A directory of preflight is written as a {@link PreflightDirectory}: its verdict is no component of the record. */
    @JsonSerialize(converter = PreflightDirectory.Of.class)
    abstract static class DirectoryReportJson {
    }

    /** One directory of preflight: its path, whether no check failed, each check, and what --fix-ownership did, if it ran. */
    record PreflightDirectory(String path, boolean passed, List<Check> checks,
                              @JsonInclude(JsonInclude.Include.NON_NULL) FixResult ownershipFix) {
        static final class Of extends StdConverter<DirectoryReport, PreflightDirectory> {
            @Override
            public PreflightDirectory convert(DirectoryReport d) {
                return new PreflightDirectory(d.directory().toString(), !d.has(CheckStatus.FAIL), d.checks(),
                        d.ownershipFix().orElse(null));
            }
        }
    }

    @JsonPropertyOrder({"check", "status", "message", "fixes"})
    abstract static class CheckJson {
        @JsonProperty("check")
        abstract CheckKind kind();

        @JsonSerialize(using = LowerCase.class)
        abstract CheckStatus status();
    }

    abstract static class CheckKindJson {
        @JsonValue
        abstract String id();
    }

    @JsonPropertyOrder({"owner", "incremental", "complete", "visited", "changed", "directories", "listed", "elapsedMs"})
    abstract static class FixResultJson {
        @JsonIgnore
        abstract java.nio.file.Path root();

        @JsonSerialize(using = ToStringSerializer.class)
        abstract Owner owner();

        @JsonProperty("elapsedMs")
        @JsonSerialize(using = Millis.class)
        abstract Duration elapsed();
    }
}
