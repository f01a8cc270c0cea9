package dev.lockstep.cli;

import dev.lockstep.error.LockstepException;
import dev.lockstep.error.Reason;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The exit-code table scripts and orchestrators rely on: every outcome, its code, and what --help says of it. */
class ExitCodeTest {
    /** docs/architecture.md's table, as users read it; a new reason must be added here, in the docs and in --help. */
    static final Map<Reason, Integer> TABLE = new LinkedHashMap<>();

    static {
        TABLE.put(Reason.INTERNAL, 1);
        TABLE.put(Reason.CONFIGURATION, 2);
        TABLE.put(Reason.DATABASE_UNREACHABLE, 3);
        TABLE.put(Reason.LOCK_TIMEOUT, 4);
        TABLE.put(Reason.INVALID_MIGRATIONS, 5);
        TABLE.put(Reason.MIGRATION_FAILED, 6);
        TABLE.put(Reason.REPAIR_NEEDED, 7);
        TABLE.put(Reason.PREFLIGHT_FAILED, 8);
        TABLE.put(Reason.LINT_FAILED, 9);
        TABLE.put(Reason.TENANTS_FAILED, 10);
        TABLE.put(Reason.INTERRUPTED, 130);
        TABLE.put(Reason.TERMINATED, 143);
    }

    @Test
    void everyReasonHasTheCodeOfTheTable() {
        assertThat(TABLE.keySet()).as("every reason is in the table").containsExactly(Reason.values());
        TABLE.forEach((reason, code) -> assertThat(ExitCode.of(reason)).as(reason.name()).isEqualTo(code));
        assertThat(ExitCode.OK).isZero();
        assertThat(ExitCode.USAGE).isEqualTo(2);
        assertThat(ExitCode.INTERNAL).isEqualTo(1);
    }

    @Test
    void aThrownErrorExitsWithItsReasonAndAnythingElseIsABug() {
        for (Reason reason : Reason.values()) {
            assertThat(ExitCode.of(new LockstepException(reason, "x"))).isEqualTo(TABLE.get(reason));
        }
        assertThat(ExitCode.of(new IllegalStateException("a bug"))).isEqualTo(1);
        assertThat(ExitCode.reasonOf(new NullPointerException())).isEqualTo(Reason.INTERNAL);
    }

    @Test
    void anOutcomeIsZeroUnlessItFailed() {
        assertThat(ExitCode.of(false, Reason.LINT_FAILED)).isZero();
        assertThat(ExitCode.of(true, Reason.LINT_FAILED)).isEqualTo(9);
        assertThat(ExitCode.ofFleetRead(new StopRequest(), true)).isZero();
        assertThat(ExitCode.ofFleetRead(new StopRequest(), false)).isEqualTo(10);
    }

    @Test
    void helpListsEveryCodeOnceInOrderWithItsMeaning() {
        Map<String, String> help = ExitCode.help();

        assertThat(help.keySet()).containsExactly("0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "130", "143");
        assertThat(help.values()).allSatisfy(meaning -> assertThat(meaning).isNotBlank());
        assertThat(help).containsEntry("0", "done, or nothing to do").containsEntry("143", "stopped by SIGTERM");
    }

    @Test
    void theArchitectureDocumentListsTheSameCodes() throws IOException {
        String doc = Files.readString(Path.of("..", "docs", "architecture.md"));
        String table = doc.substring(doc.indexOf("### Exit codes"), doc.indexOf("`Reason` holds this table"));
        List<String> documented = new java.util.ArrayList<>();
        Matcher row = Pattern.compile("(?m)^\\| ([0-9][0-9, ]*) \\|").matcher(table);
        while (row.find()) {
            documented.addAll(Arrays.stream(row.group(1).split(",")).map(String::trim).toList());
        }

        assertThat(documented).containsExactlyElementsOf(ExitCode.help().keySet());
    }
}
