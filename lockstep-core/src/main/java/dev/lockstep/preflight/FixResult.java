package dev.lockstep.preflight;

import java.nio.file.Path;
import java.time.Duration;

/**
 * What {@code --fix-ownership} did to one tree.
 *
 * @param root        the tree, its real path
 * @param owner       the owner it was given
 * @param incremental whether the marker of a previous complete fix let it skip unchanged directories' files
 * @param complete    whether every entry was reached; false when it stopped at {@code --fix-timeout}
 * @param visited     entries read (directories included): the cost, which a matching tree keeps at its directory count
 * @param changed     entries whose owner was changed
 * @param directories directories in the tree
 * @param listed      directories whose entries were all read, because they changed or nothing was known of them
 * @param elapsed     how long it took
 */
public record FixResult(Path root, Owner owner, boolean incremental, boolean complete, long visited, long changed,
                        long directories, long listed, Duration elapsed) {
}
