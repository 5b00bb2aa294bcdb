package io.teammusic.catalog;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Finds names that match a folded query, best first, through the indexes of the V4 search migration only (never a
 * table scan). Matches come in tiers, each answered by its own index and capped, so the cost of a query does not
 * grow with the catalog:
 * <ol>
 *   <li>the whole name equals the query (b-tree),</li>
 *   <li>the name starts with it (b-tree range by code point),</li>
 *   <li>a later word of the name starts with it (trigrams of space + query; 2+ characters),</li>
 *   <li>it occurs anywhere (trigrams for 3+ characters; the 1-2 character gram table for Thai and CJK).</li>
 * </ol>
 * Within a tier, shorter names rank first: the query then covers more of them. Exact and prefix matches and all
 * ranking read the compact {@code search_keys} rows, never the wide tables. A one-character query in Latin,
 * Cyrillic or Greek matches name starts only (a single letter inside words matches nearly everything).
 */
@Repository
class SearchRepository {

    /** Code points from here up (Thai, kana, CJK, Hangul) get 1-2 character grams; see the V4 migration. */
    static final int GRAM_SCRIPTS_FROM = 0x0E00;
    /** The highest code point: appended to a prefix, it bounds the range of names that start with it. */
    private static final String MAX_CHAR = new String(Character.toChars(Character.MAX_CODE_POINT));

    enum Kind {
        TRACK("tracks", "title_norm", "track_search", "t"),
        ALBUM("albums", "title_norm", "album_search", "l"),
        ARTIST("artists", "name_norm", "artist_search", "a");

        final String table;
        final String column;
        final String fts;
        final String gramKind;

        Kind(String table, String column, String fts, String gramKind) {
            this.table = table;
            this.column = column;
            this.fts = fts;
            this.gramKind = gramKind;
        }
    }

    /** A matching row: its id, the tier it matched in (0 best) and its folded name. */
    record Hit(String id, int tier, String norm) {
    }

    private final JdbcClient jdbc;
    private final boolean postgres;

    SearchRepository(JdbcClient jdbc, DataSource dataSource) throws SQLException {
        this.jdbc = jdbc;
        try (Connection c = dataSource.getConnection()) {
            this.postgres = c.getMetaData().getDatabaseProductName().toLowerCase().contains("postgres");
        }
    }

    /** Up to {@code limit} rows of that kind matching the folded query, best first. */
    List<Hit> match(Kind kind, String q, int limit) {
        // Candidates per tier: enough to rank the best of each tier by length, few enough to stay cheap.
        int cap = limit * 2;
        Map<String, Hit> best = new LinkedHashMap<>();
        String k = kind.gramKind;
        collect(best, 0, "SELECT ref_id, norm FROM search_keys WHERE kind = ? AND norm = ? LIMIT ?", k, q, cap);
        // A later tier can never outrank an earlier one, so once the earlier tiers fill the limit, stop.
        if (best.size() < limit) {
            collect(best, 1, "SELECT ref_id, norm FROM search_keys WHERE kind = ? AND norm >= ? AND norm < ?"
                    + " LIMIT ?", k, q, q + MAX_CHAR, cap);
        }
        if (best.size() < limit) {
            contains(best, 2, kind, " " + q, cap);
        }
        int length = q.codePointCount(0, q.length());
        if (best.size() >= limit) {
            return ranked(best.values(), limit);
        }
        if (length >= 3) {
            contains(best, 3, kind, q, cap);
        } else if (q.codePointAt(0) >= GRAM_SCRIPTS_FROM) {
            String grams = "SELECT ref_id, norm FROM search_keys WHERE n IN"
                    + " (SELECT n FROM search_grams WHERE kind = ?";
            if (length == 2) {
                collect(best, 3, grams + " AND gram = ? LIMIT ?)", k, q, cap);
            } else {
                collect(best, 3, grams + " AND gram >= ? AND gram < ? LIMIT ?)", k, q, q + MAX_CHAR, cap);
            }
        }
        return ranked(best.values(), limit);
    }

    /** Rows whose folded name contains {@code s} (3+ characters, or space + 2 or more), through trigrams. */
    private void contains(Map<String, Hit> best, int tier, Kind kind, String s, int cap) {
        if (s.codePointCount(0, s.length()) < 3) {
            return;
        }
        if (postgres) {
            String like = "%" + s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
            collect(best, tier, "SELECT id, " + kind.column + " FROM " + kind.table + " WHERE " + kind.column
                    + " LIKE ? ESCAPE '\\' LIMIT ?", like, cap);
        } else {
            String phrase = "\"" + s.replace("\"", "\"\"") + "\"";
            collect(best, tier, "SELECT ref_id, norm FROM search_keys WHERE n IN (SELECT rowid FROM " + kind.fts
                    + " WHERE " + kind.fts + " MATCH ? LIMIT ?)", phrase, cap);
        }
    }

    /** Tracks that the given artists play on, as tier-4 hits (below every title match). */
    List<Hit> tracksOf(List<String> artistIds, int limit) {
        if (artistIds.isEmpty()) {
            return List.of();
        }
        Map<String, Hit> out = new LinkedHashMap<>();
        for (String artist : artistIds) {
            collect(out, 4, "SELECT k.ref_id, k.norm FROM track_artists ta JOIN search_keys k ON k.ref_id ="
                    + " ta.track_id WHERE ta.artist_id = ? LIMIT ?", artist, limit);
        }
        return new ArrayList<>(out.values());
    }

    /** Albums whose album artist is one of the given artists, as tier-4 hits. */
    List<Hit> albumsOf(List<String> artistIds, int limit) {
        if (artistIds.isEmpty()) {
            return List.of();
        }
        Map<String, Hit> out = new LinkedHashMap<>();
        for (String artist : artistIds) {
            collect(out, 4, "SELECT id, title_norm FROM albums WHERE album_artist_id = ? LIMIT ?", artist, limit);
        }
        return new ArrayList<>(out.values());
    }

    private void collect(Map<String, Hit> best, int tier, String sql, Object... params) {
        jdbc.sql(sql).params(params).query((java.sql.ResultSet rs) -> {
            best.putIfAbsent(rs.getString(1), new Hit(rs.getString(1), tier, rs.getString(2)));
        });
    }

    /** Best tier first, then shorter names, then by name; at most {@code limit}. */
    static List<Hit> ranked(java.util.Collection<Hit> hits, int limit) {
        return hits.stream()
                .sorted(Comparator.comparingInt(Hit::tier)
                        .thenComparingInt((Hit h) -> h.norm().length())
                        .thenComparing(Hit::norm)
                        .thenComparing(Hit::id))
                .limit(limit)
                .toList();
    }
}
