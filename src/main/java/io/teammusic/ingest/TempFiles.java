package io.teammusic.ingest;

import io.teammusic.shared.TeammusicProperties;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Temp files for uploads in progress, under {@code <data-dir>/tmp/<pid>-<process start>-<n>/}. Each process writes
 * only into its own folder, so a server and a bulk import sharing a data dir never sweep each other's files; on
 * start, folders of processes that are gone (crashed or killed mid-upload) are removed. The start time is part of
 * the name because a PID comes back: in a container the JVM is PID 1 on every restart.
 */
@Component
class TempFiles {

    private static final Logger log = LoggerFactory.getLogger(TempFiles.class);
    private static final int BUFFER = 256 * 1024;

    private final Path dir;

    TempFiles(TeammusicProperties app) {
        Path root = app.dataDir().resolve("tmp");
        try {
            Files.createDirectories(root);
            sweep(root);
            ProcessHandle me = ProcessHandle.current();
            this.dir = Files.createTempDirectory(root, me.pid() + "-" + startMillis(me) + "-");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare the upload temp folder under " + root, e);
        }
    }

    Path dir() {
        return dir;
    }

    /** Removes the folders of processes that no longer run, and loose files left by older layouts. */
    private static void sweep(Path root) throws IOException {
        int removed = 0;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(root)) {
            for (Path p : entries) {
                if (Files.isDirectory(p) && ownerAlive(p.getFileName().toString())) {
                    continue;
                }
                deleteTree(p);
                removed++;
            }
        }
        if (removed > 0) {
            log.info("Removed {} temp upload folders left by stopped processes", removed);
        }
    }

    private static boolean ownerAlive(String name) {
        String[] parts = name.split("-", 3);
        if (parts.length < 3) {
            return false;
        }
        try {
            long pid = Long.parseLong(parts[0]);
            long start = Long.parseLong(parts[1]);
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).map(p -> startMillis(p) == start)
                    .orElse(false);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static long startMillis(ProcessHandle p) {
        return p.info().startInstant().map(java.time.Instant::toEpochMilli).orElse(0L);
    }

    static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> all = Files.walk(p)) {
            for (Path q : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(q);
            }
        }
    }

    /**
     * Streams {@code in} into a new temp file while hashing it. Reads at most {@code maxBytes + 1} bytes: one byte
     * past the limit is enough to know the file is too large, and the rest is never read.
     *
     * @throws IngestRejection with 413 when the stream is longer than {@code maxBytes}
     */
    Received receive(InputStream in, String filename, long maxBytes) throws IOException {
        Path file = Files.createTempFile(dir, "up-", ".part");
        boolean ok = false;
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.WRITE)) {
            MessageDigest sha = sha256();
            byte[] buf = new byte[BUFFER];
            long total = 0;
            int n;
            while ((n = in.read(buf)) >= 0) {
                total += n;
                if (total > maxBytes) {
                    throw IngestRejection.tooLarge(maxBytes);
                }
                sha.update(buf, 0, n);
                ByteBuffer bb = ByteBuffer.wrap(buf, 0, n);
                while (bb.hasRemaining()) {
                    out.write(bb);
                }
            }
            ok = true;
            return new Received(file, HexFormat.of().formatHex(sha.digest()), total, filename);
        } finally {
            if (!ok) {
                Files.deleteIfExists(file);
            }
        }
    }

    /**
     * Copies a file on disk into a new temp file and hashes the copy. The copy is made by the kernel
     * ({@code FileChannel.transferTo} between two files is {@code copy_file_range} on Linux), so the bytes never
     * pass through the heap on the way; the hash then reads the copy's pages from the page cache through a
     * mapping. What is hashed is what is stored, even if the source changes meanwhile.
     *
     * @throws IngestRejection with 413 when the file is longer than {@code maxBytes}
     */
    Received receiveFile(Path source, String filename, long maxBytes) throws IOException {
        Path file = Files.createTempFile(dir, "up-", ".part");
        boolean ok = false;
        try (FileChannel in = FileChannel.open(source, StandardOpenOption.READ);
                FileChannel out = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long size = in.size();
            if (size > maxBytes) {
                throw IngestRejection.tooLarge(maxBytes);
            }
            long pos = 0;
            while (pos < size) {
                long n = in.transferTo(pos, size - pos, out);
                if (n <= 0) {
                    break;
                }
                pos += n;
            }
            long total = out.size();
            if (total > maxBytes) {
                throw IngestRejection.tooLarge(maxBytes);
            }
            String hash = hashMapped(out, total);
            ok = true;
            return new Received(file, hash, total, filename);
        } finally {
            if (!ok) {
                Files.deleteIfExists(file);
            }
        }
    }

    private static final long MAP_CHUNK = 64L * 1024 * 1024;

    /** SHA-256 of a file only this process writes (a temp file), read through mappings of at most 64 MiB. */
    private static String hashMapped(FileChannel ch, long size) throws IOException {
        MessageDigest sha = sha256();
        for (long pos = 0; pos < size; pos += MAP_CHUNK) {
            sha.update(ch.map(FileChannel.MapMode.READ_ONLY, pos, Math.min(MAP_CHUNK, size - pos)));
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    /**
     * SHA-256 of a file that is not ours (imported in place), read with plain reads: a mapping of a file its owner
     * truncates meanwhile would fault.
     */
    static String hashFile(Path file) throws IOException {
        MessageDigest sha = sha256();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[BUFFER];
            int n;
            while ((n = in.read(buf)) >= 0) {
                sha.update(buf, 0, n);
            }
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always has SHA-256", e);
        }
    }
}
