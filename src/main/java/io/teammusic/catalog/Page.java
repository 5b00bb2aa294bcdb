package io.teammusic.catalog;

import java.util.List;
import java.util.function.Function;

/**
 * One page of a sorted list, as the native API shows it: the items, the page number (absent when the page was
 * asked for by cursor), the size, the total, and the cursor of the next page (absent on the last page).
 */
public record Page<T>(List<T> items, Integer page, int size, long total, String nextCursor) {

    public <R> Page<R> map(Function<T, R> f) {
        return new Page<>(items.stream().map(f).toList(), page, size, total, nextCursor);
    }
}
