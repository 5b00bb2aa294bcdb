package io.teammusic.storage;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.teammusic.shared.Ids;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Files imported in place ({@code import --in-place DIR}): what each was when it was read, and the storage key a
 * track reads it under. Keys are {@code file-} and an id; a changed file gets a new key when it is read again, so
 * the bytes behind a key never change while the key is served, which is what lets the stream path map a file once
 * per key.
 *
 * <p>The file can still be changed or removed by its owner at any time. {@link #verified} is the check: one
 * {@code stat} per key every {@link #REVALIDATE} at most (not one per range request), comparing size,
 * modification time and inode with what was imported.
 */
@Repository
public class LocalFiles {

    public static final String KEY_PREFIX = "file-";
    /** How long a check of a file stands; a file changed on disk is refused at most this long after the change. */
    static final Duration REVALIDATE = Duration.ofSeconds(2);

    /** A file as the importer saw it; two are equal when nothing suggests the bytes differ. */
    public record Fingerprint(long size, long mtimeNs, String fileKey) {

        public static Fingerprint of(BasicFileAttributes a) {
            long ns = a.lastModifiedTime().to(TimeUnit.NANOSECONDS);
            return new Fingerprint(a.size(), ns, a.fileKey() == null ? null : a.fileKey().toString());
        }

        public static Fingerprint of(Path p) throws IOException {
            return of(Files.readAttributes(p, BasicFileAttributes.class));
        }
    }

    /** One row of {@code local_files}. */
    public record Entry(String path, Fingerprint fingerprint, String state, String contentHash, String storageKey) {
    }

    private record Source(Path path, Fingerprint fingerprint) {
    }

    private final JdbcClient jdbc;
    private final Cache<String, Optional<Source>> sources = Caffeine.newBuilder().maximumSize(50_000)
            .expireAfterWrite(Duration.ofMinutes(10)).build();
    private final Cache<String, Boolean> checked = Caffeine.newBuilder().maximumSize(50_000)
            .expireAfterWrite(REVALIDATE).build();

    LocalFiles(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public static boolean isFileKey(String key) {
        return key != null && key.startsWith(KEY_PREFIX);
    }

    public static String newKey() {
        return KEY_PREFIX + Ids.newId();
    }

    /**
     * The file behind an in-place key, when it is still the file that was imported.
     *
     * @throws NoSuchFileException when the key is unknown or the file is gone
     * @throws ChangedFileException when the file differs from what was imported
     */
    public Path verified(String key) throws IOException {
        Source s = sources.get(key, this::load).orElseThrow(() -> new NoSuchFileException(key));
        if (checked.getIfPresent(key) != null) {
            return s.path();
        }
        Fingerprint now;
        try {
            now = Fingerprint.of(s.path());
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(s.path().toString(), null, "the imported file is gone");
        }
        if (!now.equals(s.fingerprint())) {
            // No path in the message: it goes to clients, and a path tells them about the server's disk.
            throw new ChangedFileException("the file this track was imported from changed on disk since;"
                    + " run import --in-place on its folder again");
        }
        checked.put(key, Boolean.TRUE);
        return s.path();
    }

    private Optional<Source> load(String key) {
        return jdbc.sql("SELECT path, size_bytes, mtime_ns, file_key FROM local_files WHERE storage_key = ?")
                .param(key).query((rs, n) -> new Source(Path.of(rs.getString(1)),
                        new Fingerprint(rs.getLong(2), rs.getLong(3), rs.getString(4))))
                .optional();
    }

    public Optional<Entry> find(Path path) {
        return jdbc.sql("SELECT path, size_bytes, mtime_ns, file_key, state, content_hash, storage_key"
                        + " FROM local_files WHERE path = ?")
                .param(path.toString()).query((rs, n) -> entry(rs)).optional();
    }

    /** A page of the rows under {@code folder} in path order, after {@code afterPath} (null for the first). */
    public List<Entry> under(Path folder, String afterPath, int limit) {
        String lo = folder.toString().endsWith("/") ? folder.toString() : folder + "/";
        // Every path under lo sorts between lo and lo with its final '/' raised to the next character, '0'.
        String hi = lo.substring(0, lo.length() - 1) + "0";
        String from = afterPath == null ? lo : afterPath;
        return jdbc.sql("SELECT path, size_bytes, mtime_ns, file_key, state, content_hash, storage_key"
                        + " FROM local_files WHERE path > ? AND path < ? ORDER BY path LIMIT ?")
                .params(from, hi, limit).query((rs, n) -> entry(rs)).list();
    }

    /** Paths of the files recorded as holding the same bytes as a track stored elsewhere. */
    public List<String> duplicatesOf(String contentHash) {
        return jdbc.sql("SELECT path FROM local_files WHERE content_hash = ? AND state = 'duplicate'")
                .param(contentHash).query(String.class).list();
    }

    private static Entry entry(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Entry(rs.getString(1), new Fingerprint(rs.getLong(2), rs.getLong(3), rs.getString(4)),
                rs.getString(5), rs.getString(6), rs.getString(7));
    }

    /** Records (or replaces) what is known of the file at {@code path}. */
    public void record(Path path, Fingerprint fp, String state, String contentHash, String storageKey,
            String detail) {
        long now = System.currentTimeMillis();
        jdbc.sql("INSERT INTO local_files (path, size_bytes, mtime_ns, file_key, state, content_hash, storage_key,"
                        + " detail, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (path) DO UPDATE SET"
                        + " size_bytes = excluded.size_bytes, mtime_ns = excluded.mtime_ns,"
                        + " file_key = excluded.file_key, state = excluded.state,"
                        + " content_hash = excluded.content_hash, storage_key = excluded.storage_key,"
                        + " detail = excluded.detail, updated_at = excluded.updated_at")
                .params(path.toString(), fp.size(), fp.mtimeNs(), fp.fileKey(), state, contentHash, storageKey,
                        detail, now).update();
        if (storageKey != null) {
            sources.invalidate(storageKey);
        }
    }

    public void forget(String path) {
        jdbc.sql("DELETE FROM local_files WHERE path = ?").param(path).update();
    }

    /** Takes back a row written for a track whose own row was not committed. */
    public void forgetKey(String key) {
        jdbc.sql("DELETE FROM local_files WHERE storage_key = ?").param(key).update();
        sources.invalidate(key);
        checked.invalidate(key);
    }

    /**
     * The track reading this key was deleted: the file stays (it is its owner's), and the row stays as
     * {@code removed} so that a re-run does not take an unchanged file in again.
     */
    void markRemoved(String key) {
        jdbc.sql("UPDATE local_files SET state = 'removed', storage_key = NULL, updated_at = ? WHERE storage_key = ?")
                .params(System.currentTimeMillis(), key).update();
        sources.invalidate(key);
        checked.invalidate(key);
    }

    /**
     * Drops rows left by an import that stopped between recording a file and committing its track (a crash): no
     * track reads them, so the file is taken in again by the next run.
     */
    public int sweepUnclaimed() {
        return jdbc.sql("DELETE FROM local_files WHERE state = 'track' AND NOT EXISTS (SELECT 1 FROM tracks t"
                + " WHERE t.storage_key = local_files.storage_key)").update();
    }
}
