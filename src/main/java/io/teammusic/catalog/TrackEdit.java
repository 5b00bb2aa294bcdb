package io.teammusic.catalog;

import java.util.List;
import java.util.Set;

/**
 * Corrected tags for one track ({@code PATCH /api/tracks/{id}}). A null value leaves the field as it is, unless
 * its name is in {@code cleared}, which removes it.
 */
public record TrackEdit(
        String title,
        List<String> artists,
        String album,
        String albumArtist,
        Integer trackNumber,
        Integer trackTotal,
        Integer discNumber,
        Integer discTotal,
        Integer year,
        List<String> genres,
        String composer,
        Set<String> cleared) {

    /** Field names as in the API (and {@link #cleared}). */
    public static final Set<String> FIELDS = Set.of("title", "artists", "album", "albumArtist", "trackNumber",
            "trackTotal", "discNumber", "discTotal", "year", "genres", "composer");

    boolean clears(String field) {
        return cleared.contains(field);
    }
}
