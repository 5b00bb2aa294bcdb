package io.teammusic.ingest;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Where the audio bytes of a new track end up. The default stores the received temp file under its content hash;
 * bytes that already sit in the bucket are copied there server-side instead, or recorded where they are.
 */
public interface BlobPlacement {

    /**
     * Makes the bytes durable where the track will read them and returns that storage key. {@code file} holds the
     * same bytes and is the implementation's to use or delete.
     */
    String place(String contentHash, Path file, String mimeType) throws IOException;

    /**
     * Runs in the transaction that commits the track's row, right before the row is written: what must be stored
     * with the row and only with it (the in-place importer records there the file that the key reads). Nothing by
     * default.
     */
    default void alongsideRow(String contentHash, String storageKey) {
    }

    /** Takes back what {@link #place} did when the track's row cannot be committed. */
    void undo(String storageKey) throws IOException;
}
