package dev.lockstep;

import dev.lockstep.db.DatabaseProvider;
import dev.lockstep.db.Databases;
import dev.lockstep.db.JdbcUrl;
import dev.lockstep.engine.Engine;
import dev.lockstep.engine.RunContext;
import dev.lockstep.error.LockstepException;
import dev.lockstep.error.Reason;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Turns a {@link Tenants} selection into the tenants of one run, when the run starts: a pattern is matched against the
 * catalog then, and a named schema or file that does not exist becomes a tenant that fails without being tried, so the
 * others go on. A selection that comes to no tenant at all is a configuration error naming what matched nothing.
 */
final class TenantResolver {
    private final LockstepConfig base;

    TenantResolver(LockstepConfig base) {
        this.base = base;
    }

    List<Tenant> resolve(Tenants selection) {
        List<Tenant> tenants = switch (selection.kind()) {
            case URLS -> urls(selection.names());
            case SCHEMAS -> embedded().isPresent() ? urls(selection.names().stream().map(embedded().get()::urlOfFile).toList())
                    : schemas(selection.names(), catalog("%"));
            case LIKE -> schemas(catalog(selection.names().get(0)), null);
        };
        if (tenants.isEmpty()) {
            throw new LockstepException(Reason.CONFIGURATION, "No tenant selected: " + selection.describe()
                    + (selection.kind() == Tenants.Kind.LIKE ? " matched no schema in " + where() : " named none")
                    + ". Check the pattern or the list; nothing was migrated.");
        }
        return tenants;
    }

    /** The database of the base URL where it is one file (SQLite): a tenant is then a file, not a schema. */
    private Optional<DatabaseProvider> embedded() {
        return base.url() == null ? Optional.empty() : Databases.forUrl(base.url()).filter(DatabaseProvider::embedded);
    }

    private List<String> catalog(String pattern) {
        if (embedded().isPresent()) {
            String name = embedded().get().name();
            throw new LockstepException(Reason.CONFIGURATION, "A " + name + " database is one file with one schema, so there are"
                    + " no schemas to match '" + pattern + "'. Give one " + name + " file per tenant instead (--tenants-file,"
                    + " one path a line).");
        }
        return new Engine(RunContext.of(base)).schemasLike(pattern);
    }

    /** @param existing the schemas the catalog has, or {@code null} when {@code names} came from it */
    private List<Tenant> schemas(List<String> names, List<String> existing) {
        Set<String> known = existing == null ? null : new HashSet<>(existing);
        List<Tenant> tenants = new ArrayList<>();
        for (String name : distinct(names)) {
            String problem = known == null || known.contains(name) ? null : "Schema '" + name + "' does not exist in "
                    + where() + "; create it, or take it out of the selection. The other tenants went on.";
            tenants.add(new Tenant(name, name, null, problem));
        }
        return tenants;
    }

    private List<Tenant> urls(List<String> urls) {
        if (base.dataSource() != null) {
            throw new LockstepException(Reason.CONFIGURATION, "Tenants given by URL need lockstep to connect by URL, but"
                    + " a data source was configured; select schemas of that data source instead.");
        }
        List<Tenant> tenants = new ArrayList<>();
        for (String url : distinct(urls)) {
            Optional<DatabaseProvider> database = Databases.forUrl(url);
            Optional<Path> file = database.flatMap(d -> d.databaseFile(url));
            String name = file.map(Path::toString).orElse(JdbcUrl.display(url));
            String problem = file.isPresent() && !Files.exists(file.get()) ? database.get().name() + " file " + file.get()
                    + " does not exist;"
                    + " a fleet migrates existing tenants only: create it, or take it out of the selection." : null;
            tenants.add(new Tenant(name, null, url, problem));
        }
        return tenants;
    }

    private String where() {
        return base.url() != null ? JdbcUrl.display(base.url()) : "the application's data source";
    }

    private static Set<String> distinct(List<String> names) {
        return new LinkedHashSet<>(names);
    }
}
