package io.teammusic.playlist;

import java.util.Locale;

/** What a star, rating or play is about. The lower-case name is what the annotations table stores. */
public enum ItemType {
    TRACK, ALBUM, ARTIST;

    String db() {
        return name().toLowerCase(Locale.ROOT);
    }
}
