package io.teammusic.catalog;

import io.teammusic.shared.InvalidInputException;
import java.util.Map;

/**
 * A validated page request: the sort (looked up in a fixed map, so no caller text ever reaches the SQL), its
 * direction, the size, and where to start: a page number (offset paging) or a cursor (keyset paging, as cheap at
 * row 900,000 as at row 0).
 */
record PageQuery(String sortName, SortSpec sort, boolean descending, int size, int page, Cursor after) {

    static final int DEFAULT_SIZE = 50;
    static final int MAX_SIZE = 500;

    long offset() {
        return (long) page * size;
    }

    /**
     * @param keys sort key to its SQL; {@code -key} reads it descending (rows missing the value still come last)
     * @throws InvalidInputException for an unknown sort, a page below 0, a size outside 1..500, a cursor that is
     *     not ours or was made for another sort, or both a page and a cursor
     */
    static PageQuery of(Integer page, Integer size, String sort, String cursor, String defaultSort,
            Map<String, SortSpec> keys) {
        int p = page == null ? 0 : page;
        int s = size == null ? DEFAULT_SIZE : size;
        if (p < 0) {
            throw new InvalidInputException("page must be 0 or more, got " + p);
        }
        if (s < 1 || s > MAX_SIZE) {
            throw new InvalidInputException("size must be between 1 and " + MAX_SIZE + ", got " + s);
        }
        String key = sort == null || sort.isBlank() ? defaultSort : sort.strip();
        boolean desc = key.startsWith("-");
        String name = desc ? key.substring(1) : key;
        SortSpec spec = keys.get(name);
        if (spec == null) {
            throw new InvalidInputException("unknown sort key '" + name + "'; use one of "
                    + String.join(", ", keys.keySet()) + " (prefix - for descending)");
        }
        Cursor after = null;
        if (cursor != null) {
            if (page != null) {
                throw new InvalidInputException("give either page or cursor, not both");
            }
            after = Cursor.decode(cursor, key);
            if (after.section() < 0 || after.section() >= spec.sections().size()
                    || after.values().size() != spec.sections().get(after.section()).keys().size()) {
                throw new InvalidInputException("cursor is not one this server made; use the nextCursor of a page");
            }
        }
        return new PageQuery(key, spec, desc, s, p, after);
    }
}
