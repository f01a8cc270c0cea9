package dev.lockstep.preflight;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How far a long ownership fix has come, reported every few seconds so a log shows it is alive.
 *
 * @param root    the tree being fixed
 * @param visited entries read so far
 * @param changed entries whose owner was changed so far
 * @param elapsed time since the fix began
 */
public record FixProgress(Path root, long visited, long changed, Duration elapsed) {
}
