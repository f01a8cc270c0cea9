package dev.lockstep.cli;

import dev.lockstep.error.Reason;
import dev.lockstep.preflight.PreflightReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParameterException;


@Command(name = "preflight", mixinStandardHelpOptions = true, versionProvider = Cli.VersionProvider.class, description = {
        "Check the directories the application writes before it starts: each exists, has the right owner, can really be",
        "written (create, write, fsync, rename, delete), is not on a read-only mount, holds no world-writable directory,",
        "and has free space. Every problem comes with the commands that fix it. Exits 8 when a check fails.",
        "With --fix-ownership (as root, in an entrypoint) it first gives the directories the --owner, fast."})
final class PreflightCommand extends BaseCommand {
    @Mixin
    PreflightOptions preflight;
    @Mixin
    OutputOptions output;

    @Override
    public Integer call() {
        if (!preflight.requested()) {
            throw new ParameterException(spec.commandLine(), "Nothing to check: give the directories the application writes"
                    + " with --writable DIR (repeat it, or separate them with commas; LOCKSTEP_WRITABLE=/data,/cache).");
        }
        PreflightReport report = preflight.check();
        output.print(spec, () -> PreflightRenderer.text(report), () -> report);
        return ExitCode.of(!report.passed(), Reason.PREFLIGHT_FAILED);
    }

    @Override
    OutputOptions output() {
        return output;
    }
}
