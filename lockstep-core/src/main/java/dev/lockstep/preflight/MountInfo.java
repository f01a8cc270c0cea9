package dev.lockstep.preflight;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The mounts of this process, from {@code /proc/self/mountinfo}, to tell a read-only mount from a
 * permission problem and to name the mount point in the advice. Empty where there is no such file.
 */
final class MountInfo {

    /**
     * One mount.
     *
     * @param mountPoint where it is mounted
     * @param type       the file system type ({@code ext4}, {@code overlay}, {@code nfs4})
     * @param source     what is mounted ({@code /dev/sda1}, a server export)
     * @param readOnly   whether the mount or its file system is read-only
     */
    record Mount(String mountPoint, String type, String source, boolean readOnly) {
    }

    private static final Pattern OCTAL = Pattern.compile("[0-7]{3}");

    private final List<Mount> mounts;

    MountInfo(List<Mount> mounts) {
        this.mounts = List.copyOf(mounts);
    }

    static MountInfo current() {
        return read(Path.of("/proc/self/mountinfo"));
    }

    static MountInfo read(Path file) {
        try {
            return parse(Files.readAllLines(file));
        } catch (IOException | RuntimeException e) {
            return new MountInfo(List.of());
        }
    }

    /** Lines as {@code 36 35 98:0 /mnt1 /mnt/parent rw,noatime master:1 - ext3 /dev/root rw,errors=continue}. */
    static MountInfo parse(List<String> lines) {
        return new MountInfo(lines.stream().map(MountInfo::mount).flatMap(Optional::stream).toList());
    }

    private static Optional<Mount> mount(String line) {
        List<String> fields = Arrays.asList(line.split(" "));
        int separator = fields.indexOf("-");
        if (separator < 6 || fields.size() < separator + 4) {
            return Optional.empty();
        }
        boolean readOnly = hasOption(fields.get(5), "ro") || hasOption(fields.get(separator + 3), "ro");
        return Optional.of(new Mount(decode(fields.get(4)), fields.get(separator + 1), decode(fields.get(separator + 2)), readOnly));
    }

    /** The mount that holds {@code path} (a real path): the last one mounted on its longest mount point. */
    Optional<Mount> mountOf(Path path) {
        Mount best = null;
        for (Mount mount : mounts) {
            if (path.startsWith(mount.mountPoint())
                    && (best == null || mount.mountPoint().length() >= best.mountPoint().length())) {
                best = mount;
            }
        }
        return Optional.ofNullable(best);
    }

    private static boolean hasOption(String options, String option) {
        return Arrays.asList(options.split(",")).contains(option);
    }

    /** The kernel writes a space, tab, newline and backslash in a path as octal escapes: {@code \040}. */
    private static String decode(String field) {
        if (field.indexOf('\\') < 0) {
            return field;
        }
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < field.length()) {
            boolean escape = field.charAt(i) == '\\' && i + 4 <= field.length() && OCTAL.matcher(field.substring(i + 1, i + 4)).matches();
            out.append(escape ? (char) Integer.parseInt(field.substring(i + 1, i + 4), 8) : field.charAt(i));
            i += escape ? 4 : 1;
        }
        return out.toString();
    }
}
