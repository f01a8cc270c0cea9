package dev.lockstep.db.sqlite;

import dev.lockstep.db.SessionLock;
import dev.lockstep.error.LockstepException;
import dev.lockstep.error.Reason;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

/**
 * An OS file lock on a sidecar file, freed by the kernel when the process dies. Threads of one JVM
 * first take a semaphore for the same path, because a JVM cannot hold two locks on one file, and
 * because closing any descriptor of a locked file releases the process's lock on it (POSIX): so
 * nothing in this JVM opens the sidecar except the thread that holds the semaphore. The holder
 * writes who it is into the file for waiters in other processes to read.
 */
final class SidecarFileLock implements SessionLock {
    private static final Map<String, Slot> SLOTS = new ConcurrentHashMap<>();

    private final Path file;
    private final Slot slot;
    private final String replicaId;
    private FileChannel channel;
    private FileLock lock;

    private SidecarFileLock(Path file, Slot slot, String replicaId) {
        this.file = file;
        this.slot = slot;
        this.replicaId = replicaId;
    }

    static SidecarFileLock onFile(Path file, String replicaId) {
        return new SidecarFileLock(file, SLOTS.computeIfAbsent(file.toString(), k -> new Slot()), replicaId);
    }

    /** An in-memory database lives in one JVM: the semaphore alone is the lock. */
    static SidecarFileLock inMemory(String name, String replicaId) {
        return new SidecarFileLock(null, SLOTS.computeIfAbsent(name, k -> new Slot()), replicaId);
    }

    @Override
    public boolean tryAcquire() {
        if (!slot.permit.tryAcquire()) {
            return false;
        }
        String me = replicaId + " (pid " + ProcessHandle.current().pid() + ") since " + Instant.now();
        if (file == null) {
            slot.holder = me;
            return true;
        }
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            lock = channel.tryLock();
            if (lock == null) {
                closeQuietly();
                slot.permit.release();
                return false;
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(me.getBytes(StandardCharsets.UTF_8)), 0);
            slot.holder = me;
            return true;
        } catch (IOException e) {
            closeQuietly();
            slot.permit.release();
            throw new LockstepException(Reason.CONFIGURATION, "Cannot lock " + file + ": " + e
                    + ". lockstep needs to create and lock this file beside the SQLite database;"
                    + " make the folder writable by this user.", e);
        }
    }

    @Override
    public void release() {
        slot.holder = null;
        try {
            if (channel != null) {
                channel.truncate(0);
            }
        } catch (IOException e) {
            // The content is only a hint for waiters; the lock itself is released below.
        } finally {
            closeQuietly();
            slot.permit.release();
        }
    }

    /** Threads of one JVM queue on the semaphore: a worker starts the moment the one before it is done. */
    @Override
    public boolean awaitReleaseInProcess(java.time.Duration time) throws InterruptedException {
        if (slot.permit.availablePermits() > 0) {
            return false; // nobody here holds it: another process does, and only polling can tell
        }
        if (slot.permit.tryAcquire(time.toNanos(), java.util.concurrent.TimeUnit.NANOSECONDS)) {
            slot.permit.release();
        }
        return true;
    }

    @Override
    public String holder() {
        if (file == null || !slot.permit.tryAcquire()) {
            String holder = slot.holder;
            return holder == null ? "unknown" : "this process: " + holder;
        }
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8).strip();
            return text.isEmpty() ? "unknown" : text;
        } catch (NoSuchFileException e) {
            return "unknown";
        } catch (IOException e) {
            return "unknown (" + e.getMessage() + ")";
        } finally {
            slot.permit.release();
        }
    }

    @Override
    public String description() {
        return file == null ? "in-process lock" : "file lock on " + file;
    }

    private void closeQuietly() {
        try {
            if (channel != null) {
                channel.close(); // also releases the lock
            }
        } catch (IOException e) {
            // Closing a descriptor cannot leave the lock behind: the kernel drops it with the descriptor.
        }
        channel = null;
        lock = null;
    }

    private static final class Slot {
        final Semaphore permit = new Semaphore(1);
        volatile String holder;
    }
}
