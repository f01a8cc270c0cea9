package dev.lockstep.cli;

import dev.lockstep.lint.Finding;
import dev.lockstep.lint.LintReport;

/**
 * Lint findings as GitHub Actions workflow commands ({@code ::error file=F,line=L,col=C,title=T::message}),
 * which a workflow step turns into annotations on the pull request's diff.
 */
final class GithubAnnotationRenderer {

    private GithubAnnotationRenderer() {
    }

    static String render(LintReport report) {
        StringBuilder text = new StringBuilder();
        for (Finding f : report.findings()) {
            String command = switch (f.severity()) {
                case ERROR -> "error";
                case WARNING -> "warning";
                case INFO -> "notice";
            };
            text.append("::").append(command)
                    .append(" file=").append(property(f.file()))
                    .append(",line=").append(f.line())
                    .append(",col=").append(f.column())
                    .append(",title=").append(property(f.code()))
                    .append("::").append(data(f.message() + "\nFix: " + f.fix()))
                    .append('\n');
        }
        return text.toString();
    }

    /** Escapes a message as the runner expects: {@code %}, CR and LF. */
    static String data(String text) {
        return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
    }

    /** Escapes a property value: as a message, plus {@code :} and {@code ,}, which end a property. */
    static String property(String text) {
        return data(text).replace(":", "%3A").replace(",", "%2C");
    }
}
