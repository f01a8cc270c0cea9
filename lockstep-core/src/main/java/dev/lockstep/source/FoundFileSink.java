package dev.lockstep.source;

import java.io.IOException;
import java.util.function.Supplier;

/**
 * Receives each file a lister finds, in a deterministic order, while the file can still be read
 * (a jar is open only during the listing). The receiver reads only the files it needs.
 */
@FunctionalInterface
interface FoundFileSink {
    /**
     * @param relativePath the path under the location, with {@code /} separators
     * @param origin       where the file really is (absolute path or URL), for telling apart two files
     *                     that have one relative path in two jars or folders of the classpath; made only when
     *                     asked, which is only for a duplicate
     * @param content      reads the file's bytes; valid only during this call
     */
    void accept(String relativePath, Supplier<String> origin, Content content);

    /** The bytes of one found file. */
    @FunctionalInterface
    interface Content {
        byte[] read() throws IOException;
    }
}
