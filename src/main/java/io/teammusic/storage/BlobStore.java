package io.teammusic.storage;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Where audio and cover bytes live, keyed by an opaque storage key. It knows nothing of tracks.
 *
 * <p>Implementations must make {@link #put} durable before returning: the catalog commits a row only after it.
 */
public interface BlobStore {

    /** Size in bytes of the blob, or empty when there is none under that key. */
    Optional<Long> size(String key) throws IOException;

    /** Stores the file's bytes under key, replacing nothing if the key already exists (content-addressed). */
    void put(String key, Path source, String contentType) throws IOException;

    /**
     * Like {@link #put}, but the store may take the file itself instead of copying it (a rename when it lives on
     * the same disk); {@code source} is gone afterwards either way. Durable before it returns, like put.
     */
    default void adopt(String key, Path source, String contentType) throws IOException {
        put(key, source, contentType);
        java.nio.file.Files.deleteIfExists(source);
    }

    /** Opens {@code length} bytes from {@code offset}; a remote store turns this into a ranged read. */
    InputStream open(String key, long offset, long length) throws IOException;

    /** Removes the blob; absent keys are not an error. */
    void delete(String key) throws IOException;

    /**
     * A URL from which any HTTP client can GET the blob (Range included) until {@code ttl} has passed, without
     * credentials: what a delivery mode that redirects rather than proxies the bytes needs. Empty when the store
     * has no such thing (local disk).
     */
    default Optional<URI> presignedGet(String key, Duration ttl) {
        return Optional.empty();
    }

    /**
     * As {@link #presignedGet(String, Duration)}, with the {@code Content-Disposition} the store is to answer that
     * URL with (signed into it, so it cannot be changed): a download saved under its name, not played inline.
     */
    default Optional<URI> presignedGet(String key, Duration ttl, String contentDisposition) {
        return presignedGet(key, ttl);
    }

    /**
     * Checks, cheaply, that the blob is still the bytes that were stored, before its size and ETag are sent.
     * Stored blobs cannot change, so by default this does nothing; a file imported in place can be changed or
     * removed by its owner.
     *
     * @throws java.nio.file.NoSuchFileException when the bytes are gone
     * @throws ChangedFileException when they are no longer the bytes that were imported
     */
    default void verify(String key) throws IOException {
    }

    /**
     * The bytes {@code [offset, offset + length)} as a read-only buffer mapped from a node-local copy (a remote
     * store's chunk cache), fetching them into it first when they are missing, so the streaming path can serve
     * them like a local file's. Null when the store keeps no such copy or the range does not lie in one piece.
     */
    default java.nio.ByteBuffer cachedRange(String key, long offset, long length) throws IOException {
        return null;
    }

    /**
     * A local file holding the blob, when the store has one, so the streaming path can serve it without copying
     * it through the heap.
     */
    default Optional<Path> localFile(String key) {
        return Optional.empty();
    }
}
