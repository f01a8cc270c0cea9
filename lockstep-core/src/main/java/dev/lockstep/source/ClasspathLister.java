package dev.lockstep.source;

import dev.lockstep.error.LockstepException;
import dev.lockstep.error.Reason;
import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * Lists the files under a classpath folder, in every folder and jar of the class loader that has it.
 *
 * <p>The folder is found with {@link ClassLoader#getResources}, which finds a folder inside a jar only
 * when the jar has an entry for that folder. Maven, Gradle and the {@code jar} tool write such
 * entries; a jar built without them must use a {@code filesystem:} location or be rebuilt.
 */
final class ClasspathLister {
    private ClasspathLister() {
    }

    private static String key(URL url) {
        if (url.getProtocol().equals("file")) {
            try {
                return "file:" + Path.of(url.toURI()).normalize();
            } catch (URISyntaxException | IllegalArgumentException e) {
                return url.toExternalForm();
            }
        }
        return url.toExternalForm();
    }

    /** @throws LockstepException {@link Reason#CONFIGURATION} when the folder is missing or cannot be read */
    static void list(MigrationLocation location, ClassLoader loader, FoundFileSink sink) {
        for (URL url : roots(location, loader).values()) {
            try {
                switch (url.getProtocol()) {
                    case "file" -> listFolder(location, url, sink);
                    case "jar" -> listJar(location, url, sink);
                    default -> throw unlistable(location, url);
                }
            } catch (IOException e) {
                throw FolderWalker.unreadable("migration location '" + location.text() + "' (" + url + ")", e);
            }
        }
    }

    private static Map<String, URL> roots(MigrationLocation location, ClassLoader loader) {
        // Keyed by text: URL.equals may resolve host names, and a class path can list a jar twice. A folder may
        // also be found twice under two spellings (with and without a trailing slash, as a module's patched
        // content and as a class path entry): one folder is listed once.
        Map<String, URL> roots = new LinkedHashMap<>();
        try {
            Enumeration<URL> urls = loader.getResources(location.path());
            while (urls.hasMoreElements()) {
                URL url = urls.nextElement();
                roots.putIfAbsent(key(url), url);
            }
        } catch (IOException e) {
            throw FolderWalker.unreadable("migration location '" + location.text() + "'", e);
        }
        if (roots.isEmpty()) {
            throw new LockstepException(Reason.CONFIGURATION, "Migration location '" + location.text()
                    + "' is not on the classpath. Put the migrations in the folder " + location.path()
                    + " of a jar or resource folder on the classpath (src/main/resources/" + location.path()
                    + " in a Maven or Gradle project), or fix the location.");
        }
        return roots;
    }

    private static void listFolder(MigrationLocation location, URL url, FoundFileSink sink) {
        Path folder;
        try {
            folder = Path.of(url.toURI());
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new LockstepException(Reason.CONFIGURATION, "Cannot list migration location '" + location.text()
                    + "' at " + url + ": " + e.getMessage() + ". Use a filesystem: location instead.", e);
        }
        if (!Files.isDirectory(folder)) {
            throw new LockstepException(Reason.CONFIGURATION, "Migration location '" + location.text()
                    + "' is a file on the classpath (" + folder + "), not a folder. Give the folder that holds the migrations.");
        }
        FolderWalker.walk(folder, location.text(), sink);
    }

    private static void listJar(MigrationLocation location, URL url, FoundFileSink sink) throws IOException {
        if (!(url.openConnection() instanceof JarURLConnection connection)) {
            throw unlistable(location, url);
        }
        // Without caches the JarFile is ours to close, and no open handle is left behind on the jar.
        connection.setUseCaches(false);
        try (JarFile jar = connection.getJarFile()) {
            String prefix = connection.getEntryName().replaceAll("/+$", "") + "/";
            Map<String, JarEntry> entries = new TreeMap<>();
            for (Enumeration<JarEntry> all = jar.entries(); all.hasMoreElements(); ) {
                JarEntry entry = all.nextElement();
                String relative = entry.getName().startsWith(prefix) ? entry.getName().substring(prefix.length()) : "";
                if (!entry.isDirectory() && !relative.isEmpty() && !isHidden(relative)) {
                    entries.put(relative, entry);
                }
            }
            String jarUrl = connection.getJarFileURL().toExternalForm();
            for (Map.Entry<String, JarEntry> entry : entries.entrySet()) {
                JarEntry jarEntry = entry.getValue();
                sink.accept(entry.getKey(), () -> "jar:" + jarUrl + "!/" + jarEntry.getName(), () -> {
                    try (InputStream in = jar.getInputStream(jarEntry)) {
                        return in.readAllBytes();
                    }
                });
            }
        }
    }

    private static LockstepException unlistable(MigrationLocation location, URL url) {
        return new LockstepException(Reason.CONFIGURATION, "Cannot list migration location '" + location.text()
                + "': the class loader serves it as " + url
                + ", and only folders and jars can be listed. Use a filesystem: location instead.");
    }

    // Same rule as FolderWalker: a segment starting with '.' hides everything under it.
    private static boolean isHidden(String relative) {
        return relative.startsWith(".") || relative.contains("/.");
    }
}
