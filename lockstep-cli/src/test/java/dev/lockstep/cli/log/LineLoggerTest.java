package dev.lockstep.cli.log;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class LineLoggerTest {
    private static final String CLEAR = "\r\u001b[K";
    private final PrintStream realErr = System.err;
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final LineLogger log = new LineLogger("dev.lockstep");

    @BeforeEach
    void captureStderr() {
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        LogSettings.configure(LogSettings.Format.text, false);
    }

    @AfterEach
    void restore() {
        System.setErr(realErr);
        LogSettings.terminal(System.console() != null);
    }

    @Test
    void onATerminalARunningStatementIsOneLineThatCountsUpAndTheNextLineReplacesIt() {
        LogSettings.terminal(true);

        running("V1__slow.sql: statement 2 of 3 running for 5s");
        running("V1__slow.sql: statement 2 of 3 running for 10s");
        log.info("Applied V1__slow.sql in 12s");

        String text = err.toString(StandardCharsets.UTF_8);
        assertThat(text.split(System.lineSeparator(), -1)).as("one line ends, the applied one").hasSize(2);
        assertThat(text).matches("(?s)\\Q" + CLEAR + "\\E.*running for 5s\\Q" + CLEAR + "\\E.*running for 10s\\Q" + CLEAR
                + "\\E.*INFO Applied V1__slow.sql in 12s" + System.lineSeparator());
    }

    @Test
    void elsewhereEachReportIsALineOfItsOwn() {
        LogSettings.terminal(false);

        running("V1__slow.sql: statement 2 of 3 running for 5s");
        running("V1__slow.sql: statement 2 of 3 running for 10s");

        assertThat(err.toString(StandardCharsets.UTF_8)).doesNotContain("\r", "\u001b")
                .containsPattern("(?m)^\\S+ INFO V1__slow.sql: statement 2 of 3 running for 5s$")
                .containsPattern("(?m)^\\S+ INFO V1__slow.sql: statement 2 of 3 running for 10s$");
    }

    private void running(String message) {
        log.atInfo().addKeyValue("event", "statement_running").addKeyValue("migration", "V1__slow.sql").log(message);
    }
}
