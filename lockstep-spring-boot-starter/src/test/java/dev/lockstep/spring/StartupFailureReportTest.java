package dev.lockstep.spring;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Configuration;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A start that lockstep refuses is reported as Boot reports its own failures: lockstep's message, then what to do. */
@ExtendWith(OutputCaptureExtension.class)
class StartupFailureReportTest {
    @TempDir
    Path folder;

    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class App {
    }

    @Test
    void aBadPropertyIsReportedWithLockstepsMessageAndTheNextStep(CapturedOutput output) {
        assertThatThrownBy(() -> new SpringApplicationBuilder(App.class).web(WebApplicationType.NONE)
                .properties("spring.datasource.url=jdbc:sqlite:" + folder.resolve("app.db"), "lockstep.lock-timeout=-5s",
                        "spring.main.banner-mode=off").run().close())
                .satisfies(e -> assertThat(LockstepAutoConfigurationTest.startupFailure(e).getExitCode()).isEqualTo(2));
        assertThat(output).contains("APPLICATION FAILED TO START", "Description:",
                "Invalid property lockstep.lock-timeout (-5s): Invalid configuration: lock timeout must be zero or more",
                "Action:", "Fix the setting named above (lockstep.* properties or LOCKSTEP_* environment variables)");
    }
}
