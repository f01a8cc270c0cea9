package dev.lockstep.cli;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import dev.lockstep.lint.Finding;
import dev.lockstep.lint.Severity;
import dev.lockstep.result.BaselineResult;
import dev.lockstep.result.HistoryEntry;
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
}
