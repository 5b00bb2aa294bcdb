package io.teammusic.catalog;

import java.util.List;

/**
 * One documented sort as SQL the indexes of the V6 migration answer in order: the ORDER BY keys (each never null
 * in the rows it orders, the last one unique) and, for a sort whose leading value may be missing, a second section
 * of the rows that lack it, with its own keys, read after the first in either direction ("missing last").
 *
 * <p>{@code outer} says how many leading keys belong to the table that drives a join (albums for tracks sorted by
 * album, artists for albums sorted by artist): a keyset condition is a range on those, so it stays an index range,
 * plus a filter on the rest for the one outer row the previous page stopped inside.
 */
record SortSpec(List<Section> sections) {

    /** The rows {@code where} selects, in {@code keys} order; {@code outer} leading keys drive the range. */
    record Section(String where, List<String> keys, int outer) {
    }

    /** A sort over a value no row lacks. */
    static SortSpec of(String... keys) {
        return new SortSpec(List.of(new Section("1 = 1", List.of(keys), keys.length)));
    }

    /**
     * The same sort reading only rows matching {@code where}: a condition on the first key that is true for every
     * row (such as {@code >= ''} for a text) still tells the planner which index to read in order.
     */
    SortSpec where(String where) {
        Section first = sections.getFirst();
        List<Section> s = new java.util.ArrayList<>(sections);
        s.set(0, new Section(where, first.keys(), first.outer()));
        return new SortSpec(List.copyOf(s));
    }

    /** The same sort with its first {@code n} keys from the outer table of a join. */
    SortSpec outer(int n) {
        Section first = sections.getFirst();
        List<Section> s = new java.util.ArrayList<>(sections);
        s.set(0, new Section(first.where(), first.keys(), n));
        return new SortSpec(List.copyOf(s));
    }

    /**
     * Rows matching {@code present} first, as ordered so far; then those matching {@code missing}, ordered by
     * {@code keys} (all from the driving table).
     */
    SortSpec missingLast(String present, String missing, String... keys) {
        Section first = sections.getFirst();
        return new SortSpec(List.of(new Section(present, first.keys(), first.outer()),
                new Section(missing, List.of(keys), keys.length)));
    }
}
