package io.teammusic.ingest.bucket;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code direct_uploads} rows: one per presigned multipart upload until it is ingested or aborted. */
@Repository
class DirectUploads {

    enum State { STARTED, UPLOADED, INGESTING }

    record Upload(String id, String objectKey, String uploadId, String filename, long size, long partSize,
            int partCount, State state, String createdBy, Instant createdAt, Instant expiresAt) {
    }

    private final JdbcClient jdbc;

    DirectUploads(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(Upload u) {
        jdbc.sql("INSERT INTO direct_uploads (id, object_key, upload_id, filename, size_bytes, part_size, part_count,"
                        + " state, created_by, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(u.id(), u.objectKey(), u.uploadId(), u.filename(), u.size(), u.partSize(), u.partCount(),
                        u.state().name().toLowerCase(), u.createdBy(), u.createdAt().toEpochMilli(),
                        u.expiresAt().toEpochMilli())
                .update();
    }

    Optional<Upload> find(String id) {
        return jdbc.sql("SELECT * FROM direct_uploads WHERE id = ?").param(id).query(DirectUploads::row).optional();
    }

    /** Moves the row from one state to another; false when it was not in {@code from} (a concurrent call won). */
    boolean transition(String id, State from, State to) {
        return jdbc.sql("UPDATE direct_uploads SET state = ? WHERE id = ? AND state = ?")
                .params(to.name().toLowerCase(), id, from.name().toLowerCase()).update() == 1;
    }

    void delete(String id) {
        jdbc.sql("DELETE FROM direct_uploads WHERE id = ?").param(id).update();
    }

    List<Upload> expiredBy(Instant now) {
        return jdbc.sql("SELECT * FROM direct_uploads WHERE expires_at < ? ORDER BY expires_at")
                .param(now.toEpochMilli()).query(DirectUploads::row).list();
    }

    boolean existsForUploadId(String uploadId) {
        return jdbc.sql("SELECT 1 FROM direct_uploads WHERE upload_id = ?").param(uploadId).query(Integer.class)
                .optional().isPresent();
    }

    private static Upload row(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new Upload(rs.getString("id"), rs.getString("object_key"), rs.getString("upload_id"),
                rs.getString("filename"), rs.getLong("size_bytes"), rs.getLong("part_size"), rs.getInt("part_count"),
                State.valueOf(rs.getString("state").toUpperCase()), rs.getString("created_by"),
                Instant.ofEpochMilli(rs.getLong("created_at")), Instant.ofEpochMilli(rs.getLong("expires_at")));
    }
}
