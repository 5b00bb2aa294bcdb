package io.teammusic.catalog;

import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Reads one page of a sorted list (see {@link SortSpec}): section by section, from an offset or after a cursor,
 * one row more than asked so it knows whether a next page exists, and the next page's cursor from the sort keys of
 * the last row shown.
 *
 * @param <T> the listed item
 */
final class Pager<T> {

    /** Runs the entity's own select with {@code sqlAfterSelect} (WHERE ... ORDER BY ... LIMIT ...) appended. */
    interface Rows<T> {
        List<T> query(String sqlAfterSelect, Object... params);
    }

    private final JdbcClient jdbc;
    private final String from;
    private final String idColumn;
    private final Rows<T> rows;
    private final Function<T, String> id;

    /**
     * @param from the FROM clause (with joins) that the sort keys and section conditions name
     * @param idColumn the unique id column in that clause, to read the keys of the last row
     */
    Pager(JdbcClient jdbc, String from, String idColumn, Rows<T> rows, Function<T, String> id) {
        this.jdbc = jdbc;
        this.from = from;
        this.idColumn = idColumn;
        this.rows = rows;
        this.id = id;
    }

    Page<T> page(PageQuery q, long total) {
        List<SortSpec.Section> sections = q.sort().sections();
        int want = q.size() + 1;
        List<T> out = new ArrayList<>(want);
        List<Integer> sectionOf = new ArrayList<>(want);
        int start = q.after() == null ? 0 : q.after().section();
        long skip = q.after() == null ? q.offset() : 0;
        for (int i = start; i < sections.size() && out.size() < want; i++) {
            SortSpec.Section s = sections.get(i);
            List<Object> params = new ArrayList<>();
            StringBuilder sql = new StringBuilder("WHERE ");
            String order = order(s, q.descending());
            // The cursor's bound first: of two lower bounds on one index, SQLite ranges by the first it meets,
            // and the section's own (">= ''") would start the scan at the top of the index.
            if (q.after() != null && i == start) {
                sql.append(after(s, q.descending(), q.after().values(), params)).append(" AND ");
            }
            sql.append(s.where());
            if (skip > 0) {
                // The skipped rows' ids only, from the index: the full select would build every skipped row.
                sql = new StringBuilder("WHERE ").append(idColumn).append(" IN (SELECT ").append(idColumn)
                        .append(" FROM ").append(from).append(' ').append(sql).append(" ORDER BY ").append(order)
                        .append(" LIMIT ? OFFSET ?)");
                params.add(want - out.size());
                params.add(skip);
                sql.append(" ORDER BY ").append(order);
            } else {
                sql.append(" ORDER BY ").append(order).append(" LIMIT ?");
                params.add(want - out.size());
            }
            List<T> got = rows.query(sql.toString(), params.toArray());
            // Deep in the offset, past every row of this section: the rest of the offset falls in the next one.
            skip = skip > 0 && got.isEmpty() && i + 1 < sections.size() ? Math.max(0, skip - count(s)) : 0;
            out.addAll(got);
            int section = i;
            got.forEach(x -> sectionOf.add(section));
        }
        String next = null;
        if (out.size() > q.size()) {
            int section = sectionOf.get(q.size() - 1);
            next = new Cursor(q.sortName(), section, keysOf(sections.get(section), id.apply(out.get(q.size() - 1))))
                    .encode();
            out = out.subList(0, q.size());
        }
        return new Page<>(List.copyOf(out), q.after() == null ? q.page() : null, q.size(), total, next);
    }

    private long count(SortSpec.Section s) {
        return jdbc.sql("SELECT COUNT(*) FROM " + from + " WHERE " + s.where()).query(Long.class).single();
    }

    private List<Object> keysOf(SortSpec.Section s, String rowId) {
        return jdbc.sql("SELECT " + String.join(", ", s.keys()) + " FROM " + from + " WHERE " + idColumn + " = ?")
                .param(rowId)
                .query((ResultSet rs, int n) -> {
                    List<Object> values = new ArrayList<>();
                    for (int i = 1; i <= s.keys().size(); i++) {
                        Object v = rs.getObject(i);
                        values.add(v instanceof Number number ? (Object) number.longValue() : v.toString());
                    }
                    return values;
                })
                .single();
    }

    private static String order(SortSpec.Section s, boolean desc) {
        return String.join(", ", s.keys().stream().map(k -> desc ? k + " DESC" : k).toList());
    }

    /**
     * Rows after the cursor's: a range on the first key (an index range even where the key is an expression, which
     * row values are not), then the exact row-value test; with a join, the range is on the outer keys and the
     * inner keys only filter the one outer row the last page stopped inside.
     */
    private static String after(SortSpec.Section s, boolean desc, List<Object> values, List<Object> params) {
        String op = desc ? "<" : ">";
        List<String> keys = s.keys();
        StringBuilder b = new StringBuilder(keys.getFirst()).append(' ').append(op).append("= ?");
        params.add(values.getFirst());
        if (s.outer() == keys.size()) {
            b.append(" AND ").append(row(keys)).append(' ').append(op).append(' ').append(marks(keys.size()));
            params.addAll(values);
            return b.toString();
        }
        List<String> outer = keys.subList(0, s.outer());
        List<String> inner = keys.subList(s.outer(), keys.size());
        b.append(" AND ").append(row(outer)).append(' ').append(op).append("= ").append(marks(outer.size()));
        params.addAll(values.subList(0, s.outer()));
        b.append(" AND NOT (").append(row(outer)).append(" = ").append(marks(outer.size()));
        params.addAll(values.subList(0, s.outer()));
        b.append(" AND ").append(row(inner)).append(' ').append(desc ? ">" : "<").append("= ")
                .append(marks(inner.size())).append(')');
        params.addAll(values.subList(s.outer(), values.size()));
        return b.toString();
    }

    private static String row(List<String> keys) {
        return "(" + String.join(", ", keys) + ")";
    }

    private static String marks(int n) {
        return "(" + AlbumRepository.marks(n) + ")";
    }
}
