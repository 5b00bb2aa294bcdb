package io.teammusic.ingest.bucket;

import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code bucket_objects} and {@code bucket_scans} rows: what reconciles and events have taken in. */
@Repository
class BucketObjects {

    record Row(String key, String etag, long size, String state, String trackId, String scanId) {
    }

    record Scan(String id, String prefix, String state, String lastKey, int ingested, int unchanged, int rejected,
            int failed, int dropped, long startedAt, long updatedAt, Long finishedAt) {
    }

    private final JdbcClient jdbc;

    BucketObjects(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Row> find(String key) {
        return jdbc.sql("SELECT object_key, etag, size_bytes, state, track_id, scan_id FROM bucket_objects"
                        + " WHERE object_key = ?").param(key)
                .query((rs, n) -> new Row(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getString(4),
                        rs.getString(5), rs.getString(6)))
                .optional();
    }

    void upsert(String key, String etag, long size, String state, String trackId, String detail, String scanId,
            long now) {
        int updated = jdbc.sql("UPDATE bucket_objects SET etag = ?, size_bytes = ?, state = ?, track_id = ?,"
                        + " detail = ?, scan_id = ?, updated_at = ? WHERE object_key = ?")
                .params(etag, size, state, trackId, detail, scanId, now, key).update();
        if (updated == 0) {
            jdbc.sql("INSERT INTO bucket_objects (object_key, etag, size_bytes, state, track_id, detail, scan_id,"
                            + " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
                    .params(key, etag, size, state, trackId, detail, scanId, now).update();
        }
    }

    void markSeen(String key, String scanId) {
        jdbc.sql("UPDATE bucket_objects SET scan_id = ? WHERE object_key = ?").params(scanId, key).update();
    }

    void delete(String key) {
        jdbc.sql("DELETE FROM bucket_objects WHERE object_key = ?").param(key).update();
    }

    /** Other objects recorded with the same track (objects holding the same bytes). */
    List<String> otherKeysOf(String trackId, String key) {
        return jdbc.sql("SELECT object_key FROM bucket_objects WHERE track_id = ? AND object_key <> ?"
                        + " ORDER BY object_key").params(trackId, key).query(String.class).list();
    }

    /**
     * Objects under the prefix that the scan did not see and nothing touched since it started: gone from the
     * bucket. An event's ingest during the scan has a later {@code updated_at} and is kept.
     */
    List<String> notSeenBy(String prefix, String scanId, long scanStartedAt) {
        return jdbc.sql("SELECT object_key FROM bucket_objects WHERE object_key LIKE ? ESCAPE '\\'"
                        + " AND (scan_id IS NULL OR scan_id <> ?) AND updated_at < ? ORDER BY object_key")
                .params(likePrefix(prefix), scanId, scanStartedAt).query(String.class).list();
    }

    /** The track with this id reads its bytes from another key from now on (the old object is gone). */
    void moveTrackStorage(String trackId, String fromKey, String toKey) {
        // The catalog owns tracks, but only this feature records tracks in place in the bucket.
        jdbc.sql("UPDATE tracks SET storage_key = ? WHERE id = ? AND storage_key = ?")
                .params(toKey, trackId, fromKey).update();
    }

    Optional<String> trackStorageKey(String trackId) {
        return jdbc.sql("SELECT storage_key FROM tracks WHERE id = ?").param(trackId).query(String.class)
                .optional();
    }

    Optional<Scan> runningScan(String prefix) {
        return jdbc.sql("SELECT * FROM bucket_scans WHERE prefix = ? AND state = 'running'"
                        + " ORDER BY started_at DESC LIMIT 1").param(prefix).query(BucketObjects::scan).optional();
    }

    Optional<Scan> scan(String id) {
        return jdbc.sql("SELECT * FROM bucket_scans WHERE id = ?").param(id).query(BucketObjects::scan).optional();
    }

    List<Scan> latestScans(int limit) {
        return jdbc.sql("SELECT * FROM bucket_scans ORDER BY started_at DESC LIMIT ?").param(limit)
                .query(BucketObjects::scan).list();
    }

    void insertScan(String id, String prefix, long now) {
        jdbc.sql("INSERT INTO bucket_scans (id, prefix, state, started_at, updated_at) VALUES (?, ?, 'running', ?, ?)")
                .params(id, prefix, now, now).update();
    }

    /** Records progress after one object: the listing resumes after {@code lastKey}. */
    void advance(String id, String lastKey, String counter, long now) {
        // counter is one of a fixed set of column names, never user input.
        jdbc.sql("UPDATE bucket_scans SET last_key = ?, " + counter + " = " + counter + " + 1, updated_at = ?"
                        + " WHERE id = ?").params(lastKey, now, id).update();
    }

    void countDropped(String id, long now) {
        jdbc.sql("UPDATE bucket_scans SET dropped = dropped + 1, updated_at = ? WHERE id = ?").params(now, id)
                .update();
    }

    void finish(String id, long now) {
        jdbc.sql("UPDATE bucket_scans SET state = 'finished', updated_at = ?, finished_at = ? WHERE id = ?")
                .params(now, now, id).update();
    }

    private static String likePrefix(String prefix) {
        return prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }

    private static Scan scan(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        long finishedAt = rs.getLong("finished_at");
        Long finished = rs.wasNull() ? null : finishedAt;
        return new Scan(rs.getString("id"), rs.getString("prefix"), rs.getString("state"), rs.getString("last_key"),
                rs.getInt("ingested"), rs.getInt("unchanged"), rs.getInt("rejected"), rs.getInt("failed"),
                rs.getInt("dropped"), rs.getLong("started_at"), rs.getLong("updated_at"), finished);
    }
}
