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
 *   <li>the whole name equals the query,</li>
 *   <li>the name starts with it (both from one b-tree range by code point: equal names come first in it),</li>
 *   <li>a later word of the name starts with it (trigrams of space + query; 2+ characters),</li>
 *   <li>it occurs anywhere (trigrams for 3+ characters; the 1-2 character gram table for Thai and CJK),</li>
 * </ol>
 * and, for a query of several words, after those (and after the tracks and albums of matching artists, tier 4):
 * <ol start="5">
 *   <li>the name holds every word, in any order (trigrams of the name, one phrase per word, ANDed),</li>
 *   <li>the name, artists and album together hold every word (the V6 words trigrams).</li>
 * </ol>
 * Within a tier, shorter names rank first: the query then covers more of them. Exact and prefix matches and all
 * ranking read the compact {@code search_keys} rows, never the wide tables. A one-character query in Latin,
 * Cyrillic or Greek matches name starts only (a single letter inside words matches nearly everything).
 */
@Repository
class SearchRepository {

    /**
     * PostgreSQL: the first pages of a table that a substring match reads directly before it asks the pg_trgm index
     * for the rest (see {@link #firstMatches}). 128 pages hold some 2,500 tracks: a pattern in 2% of the names fills
     * a tier's candidates from them.
     */
    static final int SCANNED_PAGES = 128;
    /** Code points from here up (Thai, kana, CJK, Hangul) get 1-2 character grams; see the V4 migration. */
    static final int GRAM_SCRIPTS_FROM = 0x0E00;
    /** The highest code point: appended to a prefix, it bounds the range of names that start with it. */
    private static final String MAX_CHAR = new String(Character.toChars(Character.MAX_CODE_POINT));

    enum Kind {
        TRACK("tracks", "title_norm", "track_search", "t", "track_words", SCANNED_PAGES),
        ALBUM("albums", "title_norm", "album_search", "l", "album_words", 0),
        ARTIST("artists", "name_norm", "artist_search", "a", null, 0);

        final String table;
        final String column;
        final String fts;
        final String gramKind;
        /** The V6 trigram table over the kind's words (own name plus artists and album), or null: name only. */
        final String wordsFts;
        /**
         * PostgreSQL: how many first pages of the table a substring match reads before it asks the index; 0 for
         * tables whose trigram lists stay short enough to read whole (100,000 albums, 30,000 artists).
         */
        final int scannedPages;

        Kind(String table, String column, String fts, String gramKind, String wordsFts, int scannedPages) {
            this.table = table;
            this.column = column;
            this.fts = fts;
            this.gramKind = gramKind;
            this.wordsFts = wordsFts;
            this.scannedPages = scannedPages;
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
        String k = kind.gramKind;
        List<Step> steps = new ArrayList<>();
        // Exact and prefix matches in one range read: the names equal to the query come first in the (kind, norm)
        // index, so this reads the same rows as an exact lookup followed by a prefix range, in one statement.
        steps.add(new Step(1, "SELECT ref_id, norm FROM search_keys WHERE kind = ? AND norm >= ? AND norm < ?"
                + " LIMIT ?", k, q, q + MAX_CHAR, cap));
        int length = q.codePointCount(0, q.length());
        if (length >= 2) {
            steps.add(contains(2, kind, " " + q, cap));
        }
        if (length >= 3) {
            steps.add(contains(3, kind, q, cap));
        } else if (q.codePointAt(0) >= GRAM_SCRIPTS_FROM) {
            String grams = "SELECT ref_id, norm FROM search_keys WHERE n IN"
                    + " (SELECT n FROM search_grams WHERE kind = ?";
            steps.add(length == 2 ? new Step(3, grams + " AND gram = ? LIMIT ?)", k, q, cap)
                    : new Step(3, grams + " AND gram >= ? AND gram < ? LIMIT ?)", k, q, q + MAX_CHAR, cap));
        }
        Map<String, Hit> best = new LinkedHashMap<>();
        if (postgres) {
            inOneStatement(steps, limit, q, best);
        } else {
            for (Step step : steps) {
                // A later tier can never outrank an earlier one, so once the earlier tiers fill the limit, stop.
                if (best.size() >= limit) {
                    break;
                }
                jdbc.sql(step.sql()).params(step.params()).query((java.sql.ResultSet rs) -> {
                    add(best, step.tier(), q, rs.getString(1), rs.getString(2));
                });
            }
        }
        return ranked(best.values(), limit);
    }

    /** One tier's candidates: a statement returning (id, folded name) rows. */
    private record Step(int tier, String sql, Object... params) {
    }

    /** Tier 1 (the range read) holds the exact matches too: tier 0. */
    private static void add(Map<String, Hit> best, int tier, String q, String id, String norm) {
        best.putIfAbsent(id, new Hit(id, tier == 1 && norm.equals(q) ? 0 : tier, norm));
    }

    /**
     * PostgreSQL: the steps in one statement, one round trip instead of up to three (each costs a wake-up of the
     * database's process and of ours, which a loaded machine makes slow). Each step is a materialized CTE, read
     * only when the steps before it hold fewer than {@code limit} distinct rows, the rule the sequential loop
     * follows: a CTE nobody reads never runs, and the gates (one-time filters, evaluated left to right and
     * cheapest first) stop at the first that fails, so a step that the loop would skip is never evaluated.
     */
    private void inOneStatement(List<Step> steps, int limit, String q, Map<String, Hit> best) {
        StringBuilder with = new StringBuilder("WITH ");
        StringBuilder select = new StringBuilder();
        List<Object> params = new ArrayList<>();
        List<Object> gateParams = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            with.append(i == 0 ? "" : ", ").append("s").append(i).append(" (id, norm) AS MATERIALIZED (")
                    .append(steps.get(i).sql()).append(")");
            params.addAll(List.of(steps.get(i).params()));
            select.append(i == 0 ? "" : " UNION ALL ").append("SELECT ").append(i).append(", id, norm FROM s")
                    .append(i);
            for (int j = 1; j <= i; j++) {
                select.append(j == 1 ? " WHERE " : " AND ").append("(SELECT COUNT(*) FROM (");
                for (int m = 0; m < j; m++) {
                    select.append(m == 0 ? "" : " UNION ").append("SELECT id FROM s").append(m);
                }
                select.append(") u) < ?");
                gateParams.add(limit);
            }
        }
        params.addAll(gateParams);
        jdbc.sql(with + " " + select).params(params).query((java.sql.ResultSet rs) -> {
            add(best, steps.get(rs.getInt(1)).tier(), q, rs.getString(2), rs.getString(3));
        });
    }

    /**
     * Rows of that kind holding every one of {@code words} (2 or more, distinct), own name first (tier 5), then
     * across name, artists and album (tier 6), added to {@code hits} until it holds {@code limit}. Words of 3+
     * characters go to the trigram index; shorter ones (which trigrams cannot find) only filter what it returns,
     * so a query made of short words alone has no tier 5 or 6.
     */
    void matchAllWords(Kind kind, List<String> words, int limit, Map<String, Hit> hits) {
        List<String> indexed = words.stream().filter(w -> w.codePointCount(0, w.length()) >= 3).toList();
        if (indexed.isEmpty() || hits.size() >= limit) {
            return;
        }
        List<String> shortWords = words.stream().filter(w -> !indexed.contains(w)).toList();
        // Short words filter after the index: fetch more candidates so that enough survive.
        int cap = (limit - hits.size()) * (shortWords.isEmpty() ? 2 : 10);
        allWords(hits, 5, kind, false, indexed, shortWords, cap);
        if (kind.wordsFts != null && hits.size() < limit) {
            allWords(hits, 6, kind, true, indexed, shortWords, cap);
        }
    }

    private void allWords(Map<String, Hit> hits, int tier, Kind kind, boolean acrossFields, List<String> indexed,
            List<String> shortWords, int cap) {
        String sql;
        Object[] params;
        if (postgres) {
            String column = acrossFields ? "words" : kind.column;
            String select = acrossFields ? "SELECT ref_id, norm, words" : "SELECT id, " + kind.column + ", "
                    + kind.column + " AS words";
            String from = acrossFields ? "search_keys WHERE kind = '" + kind.gramKind + "'" : kind.table
                    + " WHERE TRUE";
            sql = firstMatches(select, from, column, indexed.size(), kind.scannedPages);
            params = firstMatchesParams(indexed.stream().map(SearchRepository::like).toList(), cap,
                    kind.scannedPages);
        } else {
            String fts = acrossFields ? kind.wordsFts : kind.fts;
            String match = String.join(" AND ", indexed.stream().map(SearchRepository::phrase).toList());
            sql = "SELECT ref_id, norm, " + (acrossFields ? "words" : "norm") + " FROM search_keys WHERE n IN"
                    + " (SELECT rowid FROM " + fts + " WHERE " + fts + " MATCH ? LIMIT ?)";
            params = new Object[] {match, cap};
        }
        jdbc.sql(sql).params(params).query((java.sql.ResultSet rs) -> {
            String text = rs.getString(3);
            if (text != null && shortWords.stream().allMatch(text::contains)) {
                hits.putIfAbsent(rs.getString(1), new Hit(rs.getString(1), tier, rs.getString(2)));
            }
        });
    }

    private static String like(String s) {
        return "%" + s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }

    /**
     * PostgreSQL: the first {@code cap} rows of {@code from} (a table and a WHERE condition) in the table's order
     * whose {@code column} contains each of {@code patterns} LIKE patterns (bound by {@link #firstMatchesParams}),
     * as the pg_trgm index alone returns them, but cheaper for common patterns. A GIN scan cannot stop at a LIMIT:
     * it reads every matching row's entry first (50,000 for "ight" in 1M tracks: 10-50 ms), while those patterns
     * fill the LIMIT from the table's first pages at once. So the statement scans the first {@code scannedPages}
     * pages directly (a TID range scan; COLLATE "C" keeps the planner off the index there and leaves LIKE as it
     * is), and only when they hold fewer than {@code cap} matches asks the index for the rest of the table. Rare
     * patterns pay the scan of those pages (well under a millisecond) on top of a quick index read.
     */
    private static String firstMatches(String select, String from, String column, int patterns,
            int scannedPages) {
        String indexed = String.join(" AND ", java.util.Collections.nCopies(patterns, likeThroughIndex(column)));
        if (scannedPages == 0) {
            return select + " FROM " + from + " AND " + indexed + " LIMIT ?";
        }
        String scanned = String.join(" AND ", java.util.Collections.nCopies(patterns,
                column + " COLLATE \"C\" LIKE ? ESCAPE '\\'"));
        String edge = "'(" + scannedPages + ",0)'::tid";
        return "WITH head AS MATERIALIZED (" + select + " FROM " + from + " AND ctid < " + edge + " AND " + scanned
                + " LIMIT ?) SELECT * FROM head UNION ALL (" + select + " FROM " + from + " AND ctid >= " + edge
                + " AND " + indexed + " AND (SELECT COUNT(*) FROM head) < ?) LIMIT ?";
    }

    private static Object[] firstMatchesParams(List<String> likePatterns, int cap, int scannedPages) {
        List<Object> p = new ArrayList<>();
        if (scannedPages > 0) {
            p.addAll(likePatterns);
            p.add(cap);
        }
        likePatterns.forEach(l -> {
            p.add(l);
            p.add(l);
        });
        if (scannedPages > 0) {
            p.add(cap);
        }
        p.add(cap);
        return p.toArray();
    }

    /**
     * {@code column LIKE ?} for PostgreSQL, written twice (bind the pattern twice) so that the planner always reads
     * the pg_trgm index. With a LIMIT, a pattern the statistics call common (a few percent of the rows) makes a
     * scan of the table or of a b-tree in order look cheaper: it expects the LIMIT's rows within its first pages.
     * Names are not spread evenly (a library imports an artist's or a script's titles together), so such a scan
     * read 550,000 of 1M tracks for one Cyrillic trigram (500 ms; the index: 5-15 ms, bounded by the trigrams'
     * posting lists). The repeated condition squares the estimated selectivity, which keeps the index the cheaper
     * plan for anything but patterns in more than about a tenth of the rows, where a scan finds its rows at once;
     * the GIN scan merges the two identical conditions into one set of index entries.
     */
    private static String likeThroughIndex(String column) {
        String like = column + " LIKE ? ESCAPE '\\'";
        return "(" + like + " AND " + like + ")";
    }

    private static String phrase(String s) {
        return "\"" + s.replace("\"", "\"\"") + "\"";
    }

    /** Rows whose folded name contains {@code s} (3+ characters, or space + 2 or more), through trigrams. */
    private Step contains(int tier, Kind kind, String s, int cap) {
        if (postgres) {
            return new Step(tier, firstMatches("SELECT id, " + kind.column, kind.table + " WHERE TRUE", kind.column,
                    1, kind.scannedPages), firstMatchesParams(List.of(like(s)), cap, kind.scannedPages));
        }
        return new Step(tier, "SELECT ref_id, norm FROM search_keys WHERE n IN (SELECT rowid FROM " + kind.fts
                + " WHERE " + kind.fts + " MATCH ? LIMIT ?)", phrase(s), cap);
    }

    /** Tracks that the given artists play on, as tier-4 hits (below every title match), by artist rank. */
    List<Hit> tracksOf(List<String> artistIds, int limit) {
        return byArtist(artistIds, limit, "SELECT k.ref_id, k.norm FROM track_artists ta JOIN search_keys k"
                + " ON k.ref_id = ta.track_id WHERE ta.artist_id = ? LIMIT ?");
    }

    /** Albums whose album artist is one of the given artists, as tier-4 hits, by artist rank. */
    List<Hit> albumsOf(List<String> artistIds, int limit) {
        return byArtist(artistIds, limit, "SELECT id, title_norm FROM albums WHERE album_artist_id = ? LIMIT ?");
    }

    /**
     * Up to {@code limit} rows of {@code perArtist} for each artist, the artists in the order given: one statement
     * (a UNION ALL of one bounded read per artist, tagged with the artist's rank) instead of one per artist.
     */
    private List<Hit> byArtist(List<String> artistIds, int limit, String perArtist) {
        if (artistIds.isEmpty()) {
            return List.of();
        }
        StringBuilder sql = new StringBuilder();
        List<Object> params = new ArrayList<>();
        for (int i = 0; i < artistIds.size(); i++) {
            sql.append(i == 0 ? "" : " UNION ALL ").append("SELECT ").append(i).append(" AS r, s").append(i)
                    .append(".* FROM (").append(perArtist).append(") s").append(i);
            params.add(artistIds.get(i));
            params.add(limit);
        }
        List<List<Hit>> ranks = new ArrayList<>();
        artistIds.forEach(a -> ranks.add(new ArrayList<>()));
        jdbc.sql(sql.toString()).params(params).query((java.sql.ResultSet rs) -> {
            ranks.get(rs.getInt(1)).add(new Hit(rs.getString(2), 4, rs.getString(3)));
        });
        Map<String, Hit> out = new LinkedHashMap<>();
        ranks.forEach(hits -> hits.forEach(h -> out.putIfAbsent(h.id(), h)));
        return new ArrayList<>(out.values());
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
