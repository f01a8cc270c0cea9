package dev.lockstep;

/**
 * One resolved tenant of a fleet: where its history lives, or why it cannot be run at all.
 *
 * @param name    how outcomes name it: the schema, the file, or the URL without secrets
 * @param schema  the schema to migrate on the configured database, or {@code null} for a URL tenant
 * @param url     the tenant's own JDBC URL, or {@code null} for a schema tenant
 * @param problem why it fails without being tried (a schema or file that does not exist), else {@code null}
 */
record Tenant(String name, String schema, String url, String problem) {

    /** The tenant's configuration: the fleet's own, pointed at this tenant. */
    LockstepConfig.Builder configure(LockstepConfig base) {
        LockstepConfig.Builder builder = base.toBuilder();
        return url != null ? builder.url(url).schema(null) : builder.schema(schema);
    }
}
