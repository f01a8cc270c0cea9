package dev.lockstep.maven;

import dev.lockstep.Lockstep;
import dev.lockstep.result.Problem;
import dev.lockstep.result.ValidateResult;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * {@code lockstep:validate}: compares the local migrations with the history (checksums, order, missing files) and
 * fails the build on a problem, as {@code lockstep validate} exits 5. Takes no lock, changes nothing.
 */
@Mojo(name = "validate", threadSafe = true)
public class ValidateMojo extends ConnectedMojo {
    /** Also fail on migrations applied in the database that are newer than every local one. */
    @Parameter(property = "lockstep.strict", defaultValue = "false")
    boolean strict;

    @Override
    void run(Lockstep lockstep) throws MojoFailureException {
        ValidateResult result = lockstep.validate(strict);
        for (Problem warning : result.warnings()) {
            getLog().warn(warning.message());
        }
        if (!result.isValid()) {
            StringBuilder message = new StringBuilder("Validation of ").append(result.migrations())
                    .append(" migrations against ").append(result.database()).append(" failed with ")
                    .append(result.errors().size()).append(result.errors().size() == 1 ? " problem:" : " problems:");
            for (Problem problem : result.errors()) {
                message.append("\n  - ").append(problem.message());
            }
            throw new MojoFailureException(message.toString());
        }
        getLog().info("lockstep: validated " + result.migrations() + " migration" + (result.migrations() == 1 ? "" : "s")
                + " against " + result.database() + ": no problems.");
    }
}
