package dev.lockstep.db;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The databases are found through ServiceLoader, one provider each, and a URL or a product names exactly one. */
class DatabasesTest {

    @Test
    void findsEveryDatabaseThroughItsService() {
        assertThat(Databases.all()).extracting(DatabaseProvider::name)
                .containsExactly("PostgreSQL", "MySQL/MariaDB", "SQLite");
        assertThat(Databases.schemes()).isEqualTo("jdbc:postgresql:, jdbc:mysql:, jdbc:mariadb: and jdbc:sqlite:");
    }

    @Test
    void aUrlsSchemeNamesOneProvider() {
        assertThat(Databases.forUrl("jdbc:postgresql://db/app")).map(DatabaseProvider::name).contains("PostgreSQL");
        assertThat(Databases.forUrl("jdbc:mariadb://db/app")).map(DatabaseProvider::name).contains("MySQL/MariaDB");
        assertThat(Databases.forUrl("jdbc:mysql://db/app")).map(DatabaseProvider::name).contains("MySQL/MariaDB");
        assertThat(Databases.forUrl("jdbc:sqlite:app.db")).map(DatabaseProvider::name).contains("SQLite");
        assertThat(Databases.forUrl("jdbc:oracle:thin:@db")).isEmpty();
        assertThat(Databases.forUrl(null)).isEmpty();

        Set<String> seen = new HashSet<>();
        for (DatabaseProvider provider : Databases.all()) {
            assertThat(provider.urlSchemes()).allSatisfy(scheme -> assertThat(seen.add(scheme)).as(scheme).isTrue());
        }
    }

    @Test
    void aProductIsRecognisedByOneProviderOnly() {
        for (String product : List.of("postgresql", "mariadb", "mysql", "sqlite")) {
            assertThat(Databases.all().stream().filter(p -> p.recognizes(product))).as(product).hasSize(1);
        }
    }
}
