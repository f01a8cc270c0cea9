package dev.lockstep.db.sqlite;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The kernel's mount table, read to tell whether a file lives on a network filesystem. Linux only; elsewhere empty. */
final class MountTable {
    private static final Set<String> NETWORK_TYPES = Set.of(
            "nfs", "nfs4", "cifs", "smb3", "smbfs", "ceph", "glusterfs", "9p", "afs", "lustre", "gpfs", "davfs", "virtiofs");

    private final List<String> lines;

    private MountTable(List<String> lines) {
        this.lines = lines;
    }

    static MountTable current() {
        try {
            return new MountTable(Files.readAllLines(Path.of("/proc/self/mounts")));
        } catch (IOException | RuntimeException e) {
            return new MountTable(List.of());
        }
    }

    /** The filesystem type when the file's nearest mount is a network (or FUSE) filesystem. */
    Optional<String> networkFilesystemOf(Path file) {
        Path dir = existingAncestor(file.toAbsolutePath().normalize());
        String best = null;
        String bestType = null;
        for (String line : lines) {
            String[] fields = line.split(" ");
            if (fields.length < 3) {
                continue;
            }
            String mountPoint = unescape(fields[1]);
            if (dir.startsWith(mountPoint) && (best == null || mountPoint.length() > best.length())) {
                best = mountPoint;
                bestType = fields[2];
            }
        }
        return Optional.ofNullable(bestType).filter(MountTable::isNetwork);
    }

    static boolean isNetwork(String type) {
        return NETWORK_TYPES.contains(type)
                || (type.startsWith("fuse") && !type.equals("fuse.fuse-overlayfs") && !type.equals("fusectl"));
    }

    private static Path existingAncestor(Path path) {
        Path p = path;
        while (p != null && !Files.exists(p)) {
            p = p.getParent();
        }
        if (p == null) {
            return path;
        }
        try {
            return p.toRealPath();
        } catch (IOException e) {
            return p;
        }
    }

    /** Mount points escape spaces and the like as octal: {@code \040}. */
    private static String unescape(String field) {
        StringBuilder out = new StringBuilder(field.length());
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == '\\' && i + 3 < field.length()) {
                out.append((char) Integer.parseInt(field.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
