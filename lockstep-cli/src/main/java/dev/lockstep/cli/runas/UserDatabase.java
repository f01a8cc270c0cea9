package dev.lockstep.cli.runas;

import dev.lockstep.error.LockstepException;
import dev.lockstep.error.Reason;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The image's users and groups, read from {@code /etc/passwd} and {@code /etc/group} (not through NSS: a
 * container's users live in these files, and the tool that switches users reads the same ones). A missing file
 * reads as empty, as in a {@code scratch} image; malformed lines are skipped, as the C library skips them.
 */
public final class UserDatabase {
    /** One line of the passwd file. */
    public record PasswdEntry(String name, int uid, int gid, String home) {
    }

    private record GroupEntry(String name, int gid, List<String> members) {
    }

    private final Path passwdFile;
    private final Path groupFile;
    private final List<PasswdEntry> users;
    private final List<GroupEntry> groups;

    private UserDatabase(Path passwdFile, Path groupFile, List<PasswdEntry> users, List<GroupEntry> groups) {
        this.passwdFile = passwdFile;
        this.groupFile = groupFile;
        this.users = users;
        this.groups = groups;
    }

    /** This machine's (or image's) {@code /etc/passwd} and {@code /etc/group}. */
    public static UserDatabase system() {
        return read(Path.of("/etc/passwd"), Path.of("/etc/group"));
    }

    public static UserDatabase read(Path passwdFile, Path groupFile) {
        List<PasswdEntry> users = new ArrayList<>();
        for (String[] fields : lines(passwdFile, 7)) {
            users.add(new PasswdEntry(fields[0], Integer.parseInt(fields[2]), Integer.parseInt(fields[3]),
                    fields[5].isEmpty() ? "/" : fields[5]));
        }
        List<GroupEntry> groups = new ArrayList<>();
        for (String[] fields : lines(groupFile, 4)) {
            List<String> members = fields[3].isEmpty() ? List.of() : Arrays.asList(fields[3].split(","));
            groups.add(new GroupEntry(fields[0], Integer.parseInt(fields[2]), members));
        }
        return new UserDatabase(passwdFile, groupFile, List.copyOf(users), List.copyOf(groups));
    }

    /** The colon-separated lines of {@code file} with {@code count} fields and a numeric third field. */
    private static List<String[]> lines(Path file, int count) {
        List<String[]> lines = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(file)) {
                String[] fields = line.split(":", -1);
                if (fields.length == count && !fields[0].isEmpty() && fields[2].matches("\\d{1,9}")
                        && (count != 7 || fields[3].matches("\\d{1,9}"))) {
                    lines.add(fields);
                }
            }
        } catch (NoSuchFileException e) {
            return lines;
        } catch (IOException e) {
            throw new LockstepException(Reason.CONFIGURATION, "Cannot read " + file + " to resolve --run-as: "
                    + e.getMessage() + ". Give the user as numbers instead: --run-as UID:GID.", e);
        }
        return lines;
    }

    public Optional<PasswdEntry> user(String name) {
        return users.stream().filter(u -> u.name().equals(name)).findFirst();
    }

    /** The first entry with this UID, as {@code getpwuid} finds it. */
    public Optional<PasswdEntry> user(int uid) {
        return users.stream().filter(u -> u.uid() == uid).findFirst();
    }

    public Optional<Integer> group(String name) {
        return groups.stream().filter(g -> g.name().equals(name)).map(GroupEntry::gid).findFirst();
    }

    /** The GIDs of the groups that list {@code userName} as a member, in file order. */
    public List<Integer> groupsListing(String userName) {
        return groups.stream().filter(g -> g.members().contains(userName)).map(GroupEntry::gid).distinct().toList();
    }

    public Path passwdFile() {
        return passwdFile;
    }

    public Path groupFile() {
        return groupFile;
    }
}
