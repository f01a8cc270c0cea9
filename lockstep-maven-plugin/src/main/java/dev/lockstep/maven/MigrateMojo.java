package dev.lockstep.maven;

import dev.lockstep.Lockstep;
import dev.lockstep.result.MigrateResult;
import org.apache.maven.plugins.annotations.Mojo;

/** {@code lockstep:migrate}: applies what is pending, under lockstep's lock, as {@code lockstep migrate} does. */
@Mojo(name = "migrate", threadSafe = true)
public class MigrateMojo extends ConnectedMojo {
    @Override
    void run(Lockstep lockstep) {
        MigrateResult result = lockstep.migrate();
        for (String warning : result.warnings()) {
            getLog().warn(warning);
        }
        if (result.applied().isEmpty()) {
            return; // the library said so
        }
        getLog().info("lockstep: applied " + result.applied().size() + " migration" + (result.applied().size() == 1 ? "" : "s")
                + " to " + result.database() + "; now at " + version(result.currentVersion()) + ".");
    }

    static String version(String version) {
        return version == null ? "no version" : "version " + version;
    }
}
