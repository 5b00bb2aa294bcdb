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

    /** Takes back what {@link #place} did when the track's row cannot be committed. */
    void undo(String storageKey) throws IOException;
}
