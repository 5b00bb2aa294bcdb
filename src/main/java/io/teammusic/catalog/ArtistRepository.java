package io.teammusic.catalog;

import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Reads artists with their album and track counts; counts for a list come from grouped queries. */
@Repository
class ArtistRepository {

    // name_norm is unique: no id needed after it.
    static final Map<String, SortSpec> SORTS = Map.of("name",
            SortSpec.of("lower(a.sort_name)", "a.name_norm").where("lower(a.sort_name) >= ''"));

    private final JdbcClient jdbc;
    private final Pager<Artist> pager;

    ArtistRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
        this.pager = new Pager<>(jdbc, "artists a", "a.id", this::query, Artist::id);
    }

    Page<Artist> page(PageQuery q) {
        return pager.page(q, jdbc.sql("SELECT COUNT(*) FROM artists").query(Long.class).single());
    }

    Optional<Artist> findById(String id) {
        return query("WHERE a.id = ?", id).stream().findFirst();
    }

    /** Artists by id in the order of the ids given; unknown ids are left out. */
    List<Artist> findAllById(List<String> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        // One statement with the counts beside each row (index-only, as in query): search hydrates a few artists
        // per request, and three statements cost more than the counting.
        Map<String, Artist> byId = new HashMap<>();
        jdbc.sql("SELECT a.id, a.name, (SELECT COUNT(*) FROM albums al WHERE al.album_artist_id = a.id),"
                        + " (SELECT COUNT(*) FROM track_artists ta WHERE ta.artist_id = a.id) FROM artists a"
                        + " WHERE a.id IN (" + AlbumRepository.marks(ids.size()) + ")")
                .params(ids.toArray())
                .query((ResultSet rs) -> {
                    byId.put(rs.getString(1), new Artist(rs.getString(1), rs.getString(2), rs.getInt(3),
                            rs.getInt(4)));
                });
        return ids.stream().map(byId::get).filter(java.util.Objects::nonNull).toList();
    }

    List<Artist> query(String sqlAfterSelect, Object... params) {
        List<Artist> rows = jdbc.sql("SELECT a.id, a.name FROM artists a " + sqlAfterSelect).params(params)
                .query((rs, n) -> new Artist(rs.getString(1), rs.getString(2), 0, 0)).list();
        if (rows.isEmpty()) {
            return rows;
        }
        Map<String, Integer> albums = new HashMap<>();
        Map<String, Integer> tracks = new HashMap<>();
        List<String> ids = rows.stream().map(Artist::id).toList();
        for (int from = 0; from < ids.size(); from += 500) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + 500));
            String marks = AlbumRepository.marks(chunk.size());
            // Index-only counts: albums by (album_artist_id, title_norm), tracks by track_artists_artist.
            jdbc.sql("SELECT album_artist_id, COUNT(*) FROM albums WHERE album_artist_id IN (" + marks
                            + ") GROUP BY album_artist_id")
                    .params(chunk.toArray())
                    .query((ResultSet rs) -> {
                        albums.put(rs.getString(1), rs.getInt(2));
                    });
            jdbc.sql("SELECT artist_id, COUNT(*) FROM track_artists WHERE artist_id IN (" + marks
                            + ") GROUP BY artist_id")
                    .params(chunk.toArray())
                    .query((ResultSet rs) -> {
                        tracks.put(rs.getString(1), rs.getInt(2));
                    });
        }
        List<Artist> out = new ArrayList<>(rows.size());
        for (Artist a : rows) {
            out.add(new Artist(a.id(), a.name(), albums.getOrDefault(a.id(), 0), tracks.getOrDefault(a.id(), 0)));
        }
        return out;
    }
}
