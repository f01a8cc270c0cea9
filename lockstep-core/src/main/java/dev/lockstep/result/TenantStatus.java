package dev.lockstep.result;

import dev.lockstep.error.Reason;

/**
 * Where one tenant of a fleet stands, read without the lock; or why it could not be read.
 *
 * @param tenant the schema, database or file, as selected; a URL without its secrets
 * @param status where it stands, or {@code null} when it could not be read
 * @param reason why it could not be read, else {@code null}
 * @param error  the error's message, without secrets, else {@code null}
 */
public record TenantStatus(String tenant, SchemaStatus status, Reason reason, String error) {

    /** Read, at the newest local version, nothing running, nothing wrong. */
    public boolean isReady() {
        return status != null && status.isReady();
    }
}
