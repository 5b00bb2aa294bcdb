package io.teammusic.catalog;

import java.util.List;
import java.util.function.Function;

/** One page of a sorted list, as the native API shows it: the items, the page number and size, and the total. */
public record Page<T>(List<T> items, int page, int size, long total) {

    public <R> Page<R> map(Function<T, R> f) {
        return new Page<>(items.stream().map(f).toList(), page, size, total);
    }
}
