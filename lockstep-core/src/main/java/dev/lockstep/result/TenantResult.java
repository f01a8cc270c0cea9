package dev.lockstep.result;

import dev.lockstep.error.Reason;

/**
 * What one read of one tenant of a fleet gave ({@code validate}, {@code history}), or why it could not be read.
 *
 * @param tenant the schema, database or file, as selected; a URL without its secrets
 * @param result what the read gave, or {@code null} when it could not be read
 * @param reason why it could not be read, else {@code null}
 * @param error  the error's message, without secrets, else {@code null}
 * @param <T>    what the read gives for one database, such as {@link ValidateResult}
 */
public record TenantResult<T>(String tenant, T result, Reason reason, String error) {

    /** Whether the tenant was read; when not, {@link #reason()} and {@link #error()} say why. */
    public boolean isRead() {
        return result != null;
    }
}
