package dev.lockstep.preflight;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Who this process is to the kernel: its effective UID and GID and its supplementary groups, as
 * {@code /proc/self/status} reports them. (The JDK has no API for the effective IDs.)
 *
 * @param uid    the effective user id
 * @param gid    the effective group id
 * @param groups the supplementary groups
 */
public record ProcessIdentity(int uid, int gid, Set<Integer> groups) {
    public ProcessIdentity {
        groups = Set.copyOf(groups);
    }

    /** This process, read from {@code /proc/self/status}. */
    public static ProcessIdentity current() {
        return read(Path.of("/proc/self/status"));
    }

    static ProcessIdentity read(Path status) {
        try {
            return parse(Files.readAllLines(status));
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("cannot read the effective user and group from " + status
                    + " (" + e.getMessage() + "); preflight needs Linux's /proc", e);
        }
    }

    static ProcessIdentity parse(List<String> statusLines) {
        int uid = -1;
        int gid = -1;
        Set<Integer> groups = new HashSet<>();
        for (String line : statusLines) {
            String[] fields = line.trim().split("\\s+");
            switch (fields[0]) {
                case "Uid:" -> uid = Integer.parseInt(fields[2]); // real, effective, saved, filesystem
                case "Gid:" -> gid = Integer.parseInt(fields[2]);
                case "Groups:" -> {
                    for (int i = 1; i < fields.length; i++) {
                        groups.add(Integer.parseInt(fields[i]));
                    }
                }
                default -> { }
            }
        }
        if (uid < 0 || gid < 0) {
            throw new IllegalArgumentException("no Uid: and Gid: lines");
        }
        return new ProcessIdentity(uid, gid, groups);
    }

    public boolean isRoot() {
        return uid == 0;
    }

    /** The owner this process gives to the files it creates. */
    public Owner asOwner() {
        return new Owner(uid, gid);
    }

    boolean inGroup(int group) {
        return group == gid || groups.contains(group);
    }

    @Override
    public String toString() {
        return uid + ":" + gid;
    }
}
