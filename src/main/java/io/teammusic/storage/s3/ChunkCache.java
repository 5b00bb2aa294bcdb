package io.teammusic.storage.s3;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.RemovalCause;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A size-bounded cache of blob chunks on the node's disk, in front of ranged GETs.
 *
 * <p>A blob is cut into aligned chunks of {@code chunkSize} bytes (the last one shorter). Keys are content hashes,
 * so a chunk's bytes never change: there is nothing to invalidate, only to evict. A miss fetches the chunk with
 * one ranged GET (a short read across a boundary takes both chunks with one GET), writes it to a temp file and
 * renames it into place, so a chunk file is either whole or absent. Concurrent misses of one chunk wait for the
 * one fetch. Each chunk file is mapped once and ranges are served as slices of the mapping, the way
 * local-disk blobs are.
 *
 * <p>A chunk file is named {@code KEY~INDEX~LENGTH~CRC32C}. At start the folder is scanned (oldest first, so
 * the eviction order roughly survives a restart); a file whose size is not the length in its name is deleted at
 * once, and one whose bytes do not match the checksum in its name is deleted on first use and fetched again.
 * Chunk files are not fsynced: a crash may leave a renamed file with lost bytes, which that check catches.
 */
final class ChunkCache {

    private static final Logger log = LoggerFactory.getLogger(ChunkCache.class);
    /**
     * Only the keys the server writes itself, SHA-256 hashes of the bytes, are cached. An object taken in from the
     * bucket where it lies keeps its own key, under which someone may put other bytes, so it is read uncached.
     */
    private static final Pattern CACHEABLE_KEY = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern FILE_NAME = Pattern.compile("([0-9a-f]{64})~(\\d{1,12})~(\\d{1,10})~([0-9a-f]{8})");
    private static final String TEMP_SUFFIX = ".part";
    /** At most this many chunks per GET. */
    private static final int MAX_RUN = 2;

    /** The ranged GET beneath: {@code length} bytes from {@code offset}, and the blob's total size. */
    interface Origin {
        /** Null when {@code offset} is at or past the end of the blob. */
        Ranged read(String key, long offset, long length) throws IOException;
    }

    /** A ranged GET's body and the blob's total size from its {@code Content-Range}. */
    record Ranged(InputStream body, long total) {
    }

    private final Path dir;
    private final int chunkSize;
    private final long maxBytes;
    private final Origin origin;
    private final Cache<String, Chunk> chunks;
    private final ConcurrentHashMap<String, CompletableFuture<Chunk>> fetching = new ConcurrentHashMap<>();
    private final AtomicLong fetches = new AtomicLong();
    private final AtomicLong lastDiskWarning = new AtomicLong();

    ChunkCache(Path dir, long maxBytes, int chunkSize, Origin origin) throws IOException {
        this.dir = Files.createDirectories(dir);
        this.chunkSize = chunkSize;
        this.maxBytes = maxBytes;
        this.origin = origin;
        // The eviction listener runs inside the removal, atomically for the key: a file is deleted before another
        // thread can see the chunk missing and fetch it again under the same name.
        this.chunks = Caffeine.newBuilder()
                .maximumWeight(maxBytes)
                .weigher((String id, Chunk c) -> c.length)
                .executor(Runnable::run)
                .evictionListener((String id, Chunk c, RemovalCause cause) -> {
                    if (c != null) {
                        c.deleteFile();
                    }
                })
                .build();
        load();
    }

    static boolean cacheable(String key) {
        return key != null && CACHEABLE_KEY.matcher(key).matches();
    }

    /** GETs made to fill the cache since it started (tests and logs). */
    long fetches() {
        return fetches.get();
    }

    /** The bytes the cached chunks take, as the index counts them. */
    long usedBytes() {
        return chunks.policy().eviction().map(e -> e.weightedSize().orElse(0)).orElse(0L);
    }

    /**
     * {@code [offset, offset + length)} as a read-only slice of one chunk's mapping, fetching the chunk first when
     * it is missing; null when the range spans two chunks (read it with {@link #open}) or starts past the end.
     */
    ByteBuffer slice(String key, long offset, long length) throws IOException {
        long index = offset / chunkSize;
        if (length <= 0 || (offset + length - 1) / chunkSize != index) {
            return null;
        }
        Chunk c;
        try {
            c = chunk(key, index, index);
        } catch (DiskFailure e) {
            // The caller reads it through open(), which falls back to an uncached GET.
            warn(e);
            return null;
        }
        if (c == null) {
            return null;
        }
        int from = (int) (offset - index * chunkSize);
        int to = (int) Math.min(c.length, from + length);
        if (from >= to) {
            return null;
        }
        return c.mapping.slice(from, to - from);
    }

    /** {@code length} bytes from {@code offset}, chunk by chunk; like a file read, it stops early at the end. */
    InputStream open(String key, long offset, long length) throws IOException {
        return new ChunkStream(key, offset, length);
    }

    /** Forgets and deletes every cached chunk of the blob. */
    void remove(String key) {
        String prefix = key + "~";
        for (String id : List.copyOf(chunks.asMap().keySet())) {
            if (id.startsWith(prefix)) {
                chunks.asMap().computeIfPresent(id, (k, c) -> {
                    c.deleteFile();
                    return null;
                });
            }
        }
        // Files the index does not know (a fetch that finished during the loop above) go as well.
        try (DirectoryStream<Path> files = Files.newDirectoryStream(fanOut(key), prefix + "*")) {
            for (Path f : files) {
                Files.deleteIfExists(f);
            }
        } catch (NoSuchFileException e) {
            // No chunk of this fan-out folder was ever cached.
        } catch (IOException e) {
            log.warn("Could not remove cached chunks of {}: {}", key, e.toString());
        }
    }

    /**
     * The chunk, from the index or fetched; with {@code lastWanted} beyond {@code index}, a fetch takes the
     * missing chunks after it in the same GET (up to {@link #MAX_RUN}). Null past the end of the blob.
     */
    private Chunk chunk(String key, long index, long lastWanted) throws IOException {
        String id = id(key, index);
        while (true) {
            Chunk c = chunks.getIfPresent(id);
            if (c != null) {
                if (c.usable()) {
                    return c;
                }
                // Its bytes did not match the checksum: dropped, and fetched on the next turn.
                drop(id, c);
                continue;
            }
            CompletableFuture<Chunk> mine = new CompletableFuture<>();
            CompletableFuture<Chunk> other = fetching.putIfAbsent(id, mine);
            if (other != null) {
                Chunk theirs = await(other);
                if (theirs == null || theirs.usable()) {
                    return theirs;
                }
                continue;
            }
            // A fetch that finished between the lookup and the claim has put its chunk in the index first.
            c = chunks.getIfPresent(id);
            if (c != null) {
                fetching.remove(id, mine);
                mine.complete(c);
                continue;
            }
            List<CompletableFuture<Chunk>> run = new ArrayList<>(List.of(mine));
            for (long next = index + 1; next <= lastWanted && run.size() < MAX_RUN; next++) {
                String nextId = id(key, next);
                if (chunks.getIfPresent(nextId) != null) {
                    break;
                }
                CompletableFuture<Chunk> claim = new CompletableFuture<>();
                if (fetching.putIfAbsent(nextId, claim) != null) {
                    break;
                }
                run.add(claim);
            }
            fetch(key, index, run);
            return await(mine);
        }
    }

    private void drop(String id, Chunk damaged) {
        chunks.asMap().computeIfPresent(id, (k, c) -> {
            if (c != damaged) {
                return c;
            }
            c.deleteFile();
            return null;
        });
    }

    private static Chunk await(CompletableFuture<Chunk> f) throws IOException {
        try {
            return f.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IOException("fetching a chunk failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for a chunk", e);
        }
    }

    /** One GET for the chunks {@code first ...} that {@code run} holds the claims of; settles every claim. */
    private void fetch(String key, long first, List<CompletableFuture<Chunk>> run) {
        int done = 0;
        try {
            fetches.incrementAndGet();
            Ranged r = origin.read(key, first * chunkSize, (long) run.size() * chunkSize);
            if (r == null) {
                for (; done < run.size(); done++) {
                    settle(key, first + done, run.get(done), null);
                }
                return;
            }
            try (InputStream body = r.body()) {
                for (; done < run.size(); done++) {
                    long index = first + done;
                    long length = Math.min(chunkSize, r.total() - index * chunkSize);
                    settle(key, index, run.get(done), length <= 0 ? null : write(key, index, (int) length, body));
                }
            }
        } catch (IOException | RuntimeException e) {
            for (; done < run.size(); done++) {
                fetching.remove(id(key, first + done), run.get(done));
                run.get(done).completeExceptionally(e);
            }
        }
    }

    private void settle(String key, long index, CompletableFuture<Chunk> claim, Chunk chunk) {
        String id = id(key, index);
        if (chunk != null) {
            chunks.put(id, chunk);
        }
        fetching.remove(id, claim);
        claim.complete(chunk);
    }

    /** Copies the chunk's bytes from the body into a temp file, then renames it into place and maps it. */
    private Chunk write(String key, long index, int length, InputStream body) throws IOException {
        Path folder;
        Path tmp;
        FileChannel ch;
        try {
            folder = Files.createDirectories(fanOut(key));
            tmp = Files.createTempFile(folder, key + "-", TEMP_SUFFIX);
            ch = FileChannel.open(tmp, StandardOpenOption.READ, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new DiskFailure(e);
        }
        try (ch) {
            CRC32C crc = new CRC32C();
            byte[] buf = new byte[64 * 1024];
            int left = length;
            while (left > 0) {
                int n = body.readNBytes(buf, 0, Math.min(buf.length, left));
                if (n == 0) {
                    throw new IOException("S3 sent " + (length - left) + " of the " + length + " bytes of chunk "
                            + index + " of " + key);
                }
                crc.update(buf, 0, n);
                ByteBuffer b = ByteBuffer.wrap(buf, 0, n);
                try {
                    while (b.hasRemaining()) {
                        ch.write(b);
                    }
                } catch (IOException e) {
                    throw new DiskFailure(e);
                }
                left -= n;
            }
            Path target = folder.resolve(fileName(key, index, length, (int) crc.getValue()));
            try {
                MappedByteBuffer mapping = ch.map(FileChannel.MapMode.READ_ONLY, 0, length);
                try {
                    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
                }
                return new Chunk(target, length, (int) crc.getValue(), mapping);
            } catch (IOException e) {
                throw new DiskFailure(e);
            }
        } finally {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException e) {
                // The next start removes it.
            }
        }
    }

    /**
     * The cache's disk failed (full, read-only, gone): the read that needed the chunk is answered by an uncached
     * GET instead, so a broken cache never breaks a stream. Warned about once a minute at most.
     */
    private static final class DiskFailure extends IOException {
        DiskFailure(IOException cause) {
            super("the chunk cache could not write: " + cause, cause);
        }
    }

    private void warn(DiskFailure e) {
        long now = System.nanoTime();
        long last = lastDiskWarning.get();
        if ((last == 0 || now - last > 60_000_000_000L) && lastDiskWarning.compareAndSet(last, now)) {
            log.warn("S3 chunk cache in {} cannot store chunks, reading uncached: {}", dir, e.getCause().toString());
        }
    }

    /** {@code [offset, end)} by one GET into the heap, for a read whose chunk the cache could not store. */
    private ByteBuffer uncached(String key, long offset, long end) throws IOException {
        Ranged r = origin.read(key, offset, end - offset);
        if (r == null) {
            return ByteBuffer.allocate(0);
        }
        try (InputStream in = r.body()) {
            return ByteBuffer.wrap(in.readAllBytes());
        }
    }

    /** Indexes the chunk files left by an earlier run, oldest first; drops temp files and damaged chunks. */
    private void load() throws IOException {
        record Found(Path file, String key, long index, int length, int crc, long modified) {
        }
        List<Found> found = new ArrayList<>();
        long dropped = 0;
        try (Stream<Path> walk = Files.walk(dir, 2)) {
            for (Path f : (Iterable<Path>) walk::iterator) {
                BasicFileAttributes a;
                try {
                    a = Files.readAttributes(f, BasicFileAttributes.class);
                } catch (NoSuchFileException e) {
                    continue;
                }
                if (!a.isRegularFile()) {
                    continue;
                }
                String name = f.getFileName().toString();
                var m = FILE_NAME.matcher(name);
                boolean ours = m.matches() && f.getParent().equals(fanOut(m.group(1)));
                if (ours && a.size() == Long.parseLong(m.group(3))) {
                    found.add(new Found(f, m.group(1), Long.parseLong(m.group(2)), Integer.parseInt(m.group(3)),
                            Integer.parseUnsignedInt(m.group(4), 16), a.lastModifiedTime().toMillis()));
                } else if (ours || (name.endsWith(TEMP_SUFFIX) && f.getParent().getParent().equals(dir))) {
                    // A chunk cut short, or the temp file of a fetch cut short: never served. Files that are not
                    // ours are left alone, in case the folder was set to one that holds other things.
                    Files.deleteIfExists(f);
                    dropped++;
                }
            }
        }
        found.sort(Comparator.comparingLong(Found::modified));
        for (Found f : found) {
            chunks.put(id(f.key(), f.index()), new Chunk(f.file(), f.length(), f.crc(), null));
        }
        chunks.cleanUp();
        if (!found.isEmpty() || dropped > 0) {
            log.info("S3 chunk cache in {}: {} chunks ({} MB of at most {} MB) kept, {} damaged or unfinished files "
                    + "removed", dir, found.size(), usedBytes() >> 20, maxBytes >> 20, dropped);
        }
    }

    private Path fanOut(String key) {
        return dir.resolve(key.substring(0, 2));
    }

    private static String id(String key, long index) {
        return key + "~" + index;
    }

    private static String fileName(String key, long index, int length, int crc) {
        return key + "~" + index + "~" + length + "~" + String.format("%08x", crc);
    }

    /** One chunk file; a file found at start is mapped, and checked against its checksum, on first use. */
    private static final class Chunk {

        final Path file;
        final int length;
        final int crc;
        volatile MappedByteBuffer mapping;
        private boolean damaged;

        Chunk(Path file, int length, int crc, MappedByteBuffer mapping) {
            this.file = file;
            this.length = length;
            this.crc = crc;
            this.mapping = mapping;
        }

        boolean usable() throws IOException {
            if (mapping != null) {
                return true;
            }
            synchronized (this) {
                if (mapping != null) {
                    return true;
                }
                if (damaged) {
                    return false;
                }
                MappedByteBuffer m;
                try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
                    if (ch.size() != length) {
                        damaged = true;
                        return false;
                    }
                    m = ch.map(FileChannel.MapMode.READ_ONLY, 0, length);
                } catch (NoSuchFileException e) {
                    damaged = true;
                    return false;
                }
                CRC32C check = new CRC32C();
                check.update(m.duplicate());
                if ((int) check.getValue() != crc) {
                    log.warn("Cached chunk {} does not match its checksum; fetching it again", file.getFileName());
                    damaged = true;
                    return false;
                }
                mapping = m;
                return true;
            }
        }

        void deleteFile() {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // Left behind, it is found and indexed again at the next start, then evicted in its turn.
                log.warn("Could not delete cached chunk {}: {}", file, e.toString());
            }
        }
    }

    /** A range read chunk by chunk, each fetched when the reader reaches it. */
    private final class ChunkStream extends InputStream {

        private final String key;
        private final long end;
        private final long lastIndex;
        private long position;
        private ByteBuffer current;
        private boolean ended;

        ChunkStream(String key, long offset, long length) {
            this.key = key;
            this.position = offset;
            this.end = offset + length;
            this.lastIndex = length == 0 ? offset / chunkSize : (end - 1) / chunkSize;
        }

        private boolean fill() throws IOException {
            if (current != null && current.hasRemaining()) {
                return true;
            }
            if (ended || position >= end) {
                return false;
            }
            long index = position / chunkSize;
            // A read that ends in the next chunk (a short range across a boundary) takes both with one GET; a
            // longer one goes a chunk at a time, so that a listener's first bytes wait for one chunk only.
            Chunk c;
            try {
                c = chunk(key, index, lastIndex == index + 1 ? lastIndex : index);
            } catch (DiskFailure e) {
                warn(e);
                current = uncached(key, position, Math.min(end, (index + 1) * chunkSize));
                position += current.remaining();
                ended = !current.hasRemaining();
                return !ended;
            }
            int from = (int) (position - index * chunkSize);
            if (c == null || from >= c.length) {
                ended = true;
                return false;
            }
            int to = (int) Math.min(c.length, end - index * chunkSize);
            current = c.mapping.slice(from, to - from);
            position += to - from;
            if (c.length < chunkSize && to == c.length) {
                // The blob's last chunk: nothing follows it.
                ended = position < end;
            }
            return true;
        }

        @Override
        public int read() throws IOException {
            return fill() ? current.get() & 0xff : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            if (!fill()) {
                return -1;
            }
            int n = Math.min(len, current.remaining());
            current.get(b, off, n);
            return n;
        }
    }
}
