package dev.lockstep.cli.log;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.slf4j.event.KeyValuePair;
import org.slf4j.event.Level;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Iterator;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** One log event, one line: what people read, and what log shippers parse. */
class LineWriterTest {
    static final Instant TIME = Instant.parse("2026-01-31T12:00:00.250Z");

    @Test
    void jsonLineHasTheFieldsShippersIndexInOrder() throws Exception {
        String line = LineWriter.json(TIME, Level.INFO, "api-1:7",
                List.of(new KeyValuePair("event", "migration_applied"), new KeyValuePair("migration", "V7__orders.sql")),
                "Applied V7__orders.sql in 2s", null);

        JsonNode json = new ObjectMapper().readTree(line);
        assertThat(line).doesNotContain("\n");
        Iterator<String> fields = json.fieldNames();
        assertThat(List.of(fields.next(), fields.next(), fields.next(), fields.next(), fields.next(), fields.next()))
                .containsExactly("time", "level", "replica", "event", "migration", "message");
        assertThat(json.get("time").asText()).isEqualTo("2026-01-31T12:00:00.250Z");
        assertThat(json.get("level").asText()).isEqualTo("info");
        assertThat(json.get("event").asText()).isEqualTo("migration_applied");
        assertThat(json.get("message").asText()).isEqualTo("Applied V7__orders.sql in 2s");
    }

    @Test
    void jsonLineLeavesOutWhatIsUnknownAndCarriesAnErrorOnOneLine() throws Exception {
        String line = LineWriter.json(TIME, Level.WARN, null, List.of(), "Could not release the lock",
                new IllegalStateException("gone\nreally"));

        JsonNode json = new ObjectMapper().readTree(line);
        assertThat(line).doesNotContain("\n");
        assertThat(json.has("replica")).isFalse();
        assertThat(json.has("event")).isFalse();
        assertThat(json.get("error").asText()).isEqualTo("java.lang.IllegalStateException: gone\nreally");
        assertThat(json.get("stack").asText()).contains("LineWriterTest");
    }

    @Test
    void textLineIsTimeLevelMessage() {
        assertThat(LineWriter.text(TIME, Level.INFO, "Applying V1__init.sql (1 statement)", null))
                .matches("2026-01-31T\\d\\d:\\d\\d:00\\.250(Z|[+-]\\d\\d:\\d\\d) INFO Applying V1__init.sql \\(1 statement\\)");
    }

    @Test
    void textTimeIsTheZonesLocalTimeToTheMillisecondWithItsOffsetForEveryMillisecondAndSecondInTurn() {
        DateTimeFormatter local = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX").withZone(ZoneId.systemDefault());
        List<Instant> times = List.of(TIME, TIME.plusMillis(1), TIME.plusNanos(999_999), TIME.plusSeconds(1).plusMillis(9),
                TIME.plusSeconds(1).plusMillis(99), TIME.minusSeconds(86_400 * 180).plusMillis(999), Instant.EPOCH,
                Instant.parse("1999-12-31T23:59:59.999Z"), TIME.plusSeconds(1), TIME);

        for (Instant time : times) {
            assertThat(LineWriter.textTime(time)).as("%s", time).isEqualTo(local.format(time));
        }
    }
}
