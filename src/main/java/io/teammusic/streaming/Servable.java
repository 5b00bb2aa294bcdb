package io.teammusic.streaming;

import java.time.Instant;

/**
 * One stored blob as the stream and cover endpoints serve it: where its bytes are and every header value that
 * describes it.
 *
 * @param etag the strong entity-tag, quoted as it goes on the wire
 * @param fileName the name offered in {@code Content-Disposition}, or null for none
 */
record Servable(String storageKey, long size, String etag, Instant lastModified, String contentType,
        String fileName, String cacheControl) {

    static String quote(String hash) {
        return "\"" + hash + "\"";
    }
}
