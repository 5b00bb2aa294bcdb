package io.teammusic.catalog;

import io.teammusic.shared.InvalidInputException;
import java.util.Map;

/**
 * A validated page request: page number, size and the SQL ORDER BY that the sort key stands for. Sort keys are
 * looked up in a fixed map, so no caller text ever reaches the SQL.
 */
record PageQuery(int page, int size, String orderBy) {

    static final int DEFAULT_SIZE = 50;
    static final int MAX_SIZE = 500;

    long offset() {
        return (long) page * size;
    }

    /**
     * @param keys sort key to ORDER BY expression (ascending); {@code -key} flips every term to descending
     * @param tieBreak a unique column appended so that pages never overlap or skip rows
     */
    static PageQuery of(Integer page, Integer size, String sort, String defaultSort, Map<String, String> keys,
            String tieBreak) {
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
        String expr = keys.get(name);
        if (expr == null) {
            throw new InvalidInputException("unknown sort key '" + name + "'; use one of "
                    + String.join(", ", keys.keySet()) + " (prefix - for descending)");
        }
        String dir = desc ? " DESC" : "";
        StringBuilder order = new StringBuilder();
        for (String term : (expr + ", " + tieBreak).split(",")) {
            String t = term.strip();
            if (!order.isEmpty()) {
                order.append(", ");
            }
            // Nullable columns carry "NULLS LAST" in the map; the direction goes before it.
            if (t.endsWith(" NULLS LAST")) {
                order.append(t, 0, t.length() - " NULLS LAST".length()).append(dir).append(" NULLS LAST");
            } else {
                order.append(t).append(dir);
            }
        }
        return new PageQuery(p, s, order.toString());
    }
}
