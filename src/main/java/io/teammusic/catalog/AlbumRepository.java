package io.teammusic.catalog;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Reads albums with their artist, cover and counts; counts for a list come from one grouped query. */
@Repository
class AlbumRepository {

    static final Map<String, SortSpec> SORTS = sorts();

    // cover_hash is the cover of the album's first track that has one, kept so by the V6 triggers.
    private static final String COLUMNS = "SELECT al.id, al.title, al.year, al.compilation, al.created_at,"
            + " aa.id AS artist_id, aa.name AS artist_name, al.cover_hash AS cover";
    private static final String FROM = " FROM albums al JOIN artists aa ON aa.id = al.album_artist_id";
    private static final String SELECT = COLUMNS + FROM;

    private final JdbcClient jdbc;
    private final Pager<Album> pager;

    AlbumRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
        this.pager = new Pager<>(jdbc, "albums al JOIN artists aa ON aa.id = al.album_artist_id", "al.id",
                this::query, Album::id);
    }

    private static Map<String, SortSpec> sorts() {
        Map<String, SortSpec> m = new java.util.LinkedHashMap<>();
        m.put("title", SortSpec.of("al.title_norm", "al.id"));
        // Artists in order, each one's albums by title: (album_artist_id, title_norm) is unique and indexed.
        m.put("artist", SortSpec.of("lower(aa.sort_name)", "aa.name_norm", "al.title_norm", "al.id").outer(2)
                .where("lower(aa.sort_name) >= ''"));
        m.put("year", SortSpec.of("al.year", "al.title_norm", "al.id")
                .missingLast("al.year IS NOT NULL", "al.year IS NULL", "al.title_norm", "al.id"));
        m.put("createdAt", SortSpec.of("al.created_at", "al.id"));
        return Collections.unmodifiableMap(m);
    }

    Page<Album> page(PageQuery q) {
        return pager.page(q, jdbc.sql("SELECT COUNT(*) FROM albums").query(Long.class).single());
    }

    Optional<Album> findById(String id) {
        return query("WHERE al.id = ?", id).stream().findFirst();
    }

    /** Albums by id in the order of the ids given; unknown ids are left out. */
    List<Album> findAllById(List<String> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        // One statement with the counts beside each row (from the tracks_album_totals index alone): search
        // hydrates a few albums per request, and a second statement costs more than the counting.
        Map<String, Album> byId = new HashMap<>();
        jdbc.sql(COLUMNS + ", (SELECT COUNT(*) FROM tracks t WHERE t.album_id = al.id) AS track_count,"
                        + " (SELECT COALESCE(SUM(t.duration_ms), 0) FROM tracks t WHERE t.album_id = al.id) AS total"
                        + FROM + " WHERE al.id IN (" + marks(ids.size()) + ")")
                .params(ids.toArray())
                .query((ResultSet rs) -> {
                    Album a = row(rs, 0);
                    byId.put(a.id(), new Album(a.id(), a.title(), a.artist(), a.year(), a.compilation(),
                            rs.getInt("track_count"), rs.getLong("total"), a.coverHash(), a.createdAt()));
                });
        return ids.stream().map(byId::get).filter(java.util.Objects::nonNull).toList();
    }

    /** Albums the artist is the album artist of or plays a track on, oldest first. */
    List<Album> findByArtist(String artistId) {
        return query("WHERE al.album_artist_id = ? OR al.id IN (SELECT t.album_id FROM track_artists ta"
                + " JOIN tracks t ON t.id = ta.track_id WHERE ta.artist_id = ?)"
                + " ORDER BY al.year NULLS LAST, al.title_norm, al.id", artistId, artistId);
    }

    private List<Album> query(String sqlAfterSelect, Object... params) {
        List<Album> rows = jdbc.sql(SELECT + " " + sqlAfterSelect).params(params)
                .query(AlbumRepository::row).list();
        return withCounts(rows);
    }

    private List<Album> withCounts(List<Album> rows) {
        if (rows.isEmpty()) {
            return rows;
        }
        Map<String, long[]> counts = new HashMap<>();
        List<String> ids = rows.stream().map(Album::id).toList();
        for (int from = 0; from < ids.size(); from += 500) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + 500));
            jdbc.sql("SELECT album_id, COUNT(*), COALESCE(SUM(duration_ms), 0) FROM tracks WHERE album_id IN ("
                            + marks(chunk.size()) + ") GROUP BY album_id")
                    .params(chunk.toArray())
                    .query((ResultSet rs) -> {
                        counts.put(rs.getString(1), new long[] {rs.getLong(2), rs.getLong(3)});
                    });
        }
        List<Album> out = new ArrayList<>(rows.size());
        for (Album a : rows) {
            long[] c = counts.getOrDefault(a.id(), new long[2]);
            out.add(new Album(a.id(), a.title(), a.artist(), a.year(), a.compilation(), (int) c[0], c[1],
                    a.coverHash(), a.createdAt()));
        }
        return out;
    }

    private static Album row(ResultSet rs, int n) throws SQLException {
        int year = rs.getInt("year");
        Integer y = rs.wasNull() ? null : year;
        return new Album(rs.getString("id"), rs.getString("title"),
                new Track.Ref(rs.getString("artist_id"), rs.getString("artist_name")), y,
                rs.getInt("compilation") != 0, 0, 0, rs.getString("cover"),
                Instant.ofEpochMilli(rs.getLong("created_at")));
    }

    static String marks(int n) {
        return String.join(",", Collections.nCopies(n, "?"));
    }
}
