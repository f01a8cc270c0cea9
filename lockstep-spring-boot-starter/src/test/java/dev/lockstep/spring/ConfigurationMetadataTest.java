package dev.lockstep.spring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lockstep.Lockstep;
import dev.lockstep.LockstepConfig;
import org.junit.jupiter.api.Test;
import org.springframework.boot.convert.DurationStyle;

import java.io.InputStream;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * IDEs complete {@code lockstep.*} from the metadata the configuration processor writes (descriptions from the
 * javadoc) and the additional metadata (defaults, values): every library setting has its property, every property a
 * description, and every default shown is the library's own.
 */
class ConfigurationMetadataTest {
    /** Builder methods that are no setting of their own, or that the starter sets from Spring. */
    private static final Set<String> NOT_PROPERTIES = Set.of("dataSource", "listener", "classLoader", "placeholder", "load");
    /** Where a property's name is not the builder method's. */
    private static final Map<String, String> RENAMED = Map.of("allowNetworkFilesystem", "allow-network-fs");

    private final Map<String, JsonNode> properties = properties();

    @Test
    void everySettingOfTheLibraryHasAProperty() {
        Set<String> settings = Arrays.stream(LockstepConfig.Builder.class.getDeclaredMethods())
                .filter(m -> Modifier.isPublic(m.getModifiers()) && !NOT_PROPERTIES.contains(m.getName()))
                .map(Method::getName).map(name -> "lockstep." + RENAMED.getOrDefault(name, kebab(name)))
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(properties.keySet()).containsAll(settings);
    }

    @Test
    void everyPropertyHasADescription() {
        properties.forEach((name, property) -> assertThat(property.path("description").asText()).as(name).isNotBlank());
    }

    @Test
    void theDefaultsShownAreTheLibrarysOwn() {
        LockstepConfig defaults = Lockstep.configure().url("jdbc:sqlite:unused.db").load().config();
        assertThat(text("lockstep.table")).isEqualTo(defaults.table());
        assertThat(duration("lockstep.connect-timeout")).isEqualTo(defaults.connectTimeout());
        assertThat(duration("lockstep.lock-timeout")).isEqualTo(defaults.lockTimeout());
        assertThat(duration("lockstep.lease-duration")).isEqualTo(defaults.leaseDuration());
        assertThat(duration("lockstep.ddl-lock-timeout")).isEqualTo(defaults.ddlLockTimeout());
        assertThat(duration("lockstep.ddl-retry-for")).isEqualTo(defaults.ddlRetryFor());
        assertThat(duration("lockstep.statement-timeout")).isEqualTo(defaults.statementTimeout());
        assertThat(duration("lockstep.max-duration")).isEqualTo(defaults.maxDuration());
        assertThat(duration("lockstep.stop-grace")).isEqualTo(defaults.stopGrace());
        assertThat(duration("lockstep.progress-interval")).isEqualTo(defaults.progressInterval());
        assertThat(text("lockstep.lock-mode")).isEqualTo(defaults.lockMode().name().toLowerCase(Locale.ROOT));
        assertThat(text("lockstep.baseline-version")).isEqualTo(defaults.baselineVersion().toString());
        assertThat(properties.get("lockstep.locations").path("defaultValue").get(0).asText())
                .isEqualTo(defaults.locations().get(0));
    }

    @Test
    void theLockAndStartUpModesOfferTheirValues() throws Exception {
        JsonNode hints = read("META-INF/spring-configuration-metadata.json").path("hints");
        Map<String, Set<String>> values = new HashMap<>();
        hints.forEach(h -> {
            Set<String> names = new TreeSet<>();
            h.path("values").forEach(v -> names.add(v.path("value").asText()));
            values.put(h.path("name").asText(), names);
        });
        assertThat(values.get("lockstep.mode")).containsExactly("migrate", "validate", "wait");
        assertThat(values.get("lockstep.lock-mode")).containsExactly("lease", "session");
    }

    private String text(String name) {
        return properties.get(name).path("defaultValue").asText();
    }

    private Duration duration(String name) {
        return DurationStyle.detectAndParse(text(name));
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    private static Map<String, JsonNode> properties() {
        Map<String, JsonNode> all = new HashMap<>();
        try {
            read("META-INF/spring-configuration-metadata.json").path("properties")
                    .forEach(p -> all.put(p.path("name").asText(), p));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        return all;
    }

    private static JsonNode read(String resource) throws Exception {
        try (InputStream in = ConfigurationMetadataTest.class.getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as(resource + " written by spring-boot-configuration-processor").isNotNull();
            return new ObjectMapper().readTree(in);
        }
    }
}
