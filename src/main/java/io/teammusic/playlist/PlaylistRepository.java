package io.teammusic.playlist;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class PlaylistRepository {

    private static final String SELECT = "SELECT p.id, p.owner_id, u.username, p.name, p.comment, p.public,"
            + " p.created_at, p.updated_at,"
            + " (SELECT COUNT(*) FROM playlist_tracks pt WHERE pt.playlist_id = p.id) AS track_count,"
            + " (SELECT COALESCE(SUM(t.duration_ms), 0) FROM playlist_tracks pt JOIN tracks t ON t.id = pt.track_id"
            + " WHERE pt.playlist_id = p.id) AS duration_ms"
            + " FROM playlists p JOIN users u ON u.id = p.owner_id";

    private final JdbcClient jdbc;

    PlaylistRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    private static Playlist map(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Playlist(rs.getString("id"), rs.getString("owner_id"), rs.getString("username"),
                rs.getString("name"), rs.getString("comment"), rs.getInt("public") != 0,
                Instant.ofEpochMilli(rs.getLong("created_at")), Instant.ofEpochMilli(rs.getLong("updated_at")),
                rs.getInt("track_count"), rs.getLong("duration_ms"));
    }

    Optional<Playlist> find(String id) {
        return jdbc.sql(SELECT + " WHERE p.id = ?").param(id).query((rs, n) -> map(rs)).optional();
    }

    /** The viewer's own playlists, then everyone else's public ones. */
    List<Playlist> visibleTo(String viewerId) {
        return jdbc.sql(SELECT + " WHERE p.owner_id = :me OR p.public = 1"
                        + " ORDER BY CASE WHEN p.owner_id = :me THEN 0 ELSE 1 END, p.name, p.id")
                .param("me", viewerId).query((rs, n) -> map(rs)).list();
    }

    List<Playlist> publicOf(String ownerId) {
        return jdbc.sql(SELECT + " WHERE p.owner_id = ? AND p.public = 1 ORDER BY p.name, p.id").param(ownerId)
                .query((rs, n) -> map(rs)).list();
    }

    void insert(String id, String ownerId, String name, String comment, boolean isPublic, long now) {
        jdbc.sql("INSERT INTO playlists (id, owner_id, name, comment, public, created_at, updated_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?)")
                .params(id, ownerId, name, comment, isPublic ? 1 : 0, now, now).update();
    }

    void update(String id, String name, String comment, boolean isPublic, long now) {
        jdbc.sql("UPDATE playlists SET name = ?, comment = ?, public = ?, updated_at = ? WHERE id = ?")
                .params(name, comment, isPublic ? 1 : 0, now, id).update();
    }

    void touch(String id, long now) {
        jdbc.sql("UPDATE playlists SET updated_at = ? WHERE id = ?").params(now, id).update();
    }

    void delete(String id) {
        jdbc.sql("DELETE FROM playlists WHERE id = ?").param(id).update();
    }

    List<String> trackIds(String playlistId) {
        return jdbc.sql("SELECT track_id FROM playlist_tracks WHERE playlist_id = ? ORDER BY position")
                .param(playlistId).query(String.class).list();
    }

    /** Rewrites the whole order; playlists are short enough that this is simpler and safer than shifting. */
    void replaceTracks(String playlistId, List<String> trackIds) {
        jdbc.sql("DELETE FROM playlist_tracks WHERE playlist_id = ?").param(playlistId).update();
        for (int i = 0; i < trackIds.size(); i++) {
            jdbc.sql("INSERT INTO playlist_tracks (playlist_id, position, track_id) VALUES (?, ?, ?)")
                    .params(playlistId, i, trackIds.get(i)).update();
        }
    }

    List<String> existingTracks(List<String> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("SELECT id FROM tracks WHERE id IN (:ids)").param("ids", ids).query(String.class).list();
    }
}
