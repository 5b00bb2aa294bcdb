package io.teammusic.streaming;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.teammusic.storage.BlobStore;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.ServletResponseWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Writes {@code length} bytes of a blob from {@code offset} to a response whose headers are already set.
 *
 * <p>The default, {@link StreamingProperties.BodyWriter#MAPPED}, maps each file once (blobs are content-addressed,
 * so a file never changes under its key) and writes a slice of the mapping to Jetty's own output stream. Jetty
 * hands that direct buffer to the socket as is, so the bytes go from the page cache to the socket without a copy
 * in the heap, and a slow listener costs no buffer of ours while it waits. It deliberately does not use
 * {@code FileChannel.transferTo}: sendfile on a non-blocking socket under virtual threads spins on EAGAIN and
 * halved the throughput of large bodies when it was measured on this machine.
 */
@Component
class BodySender {

    /** The largest body one {@code MappedByteBuffer} can map. */
    private static final long MAX_MAPPING = Integer.MAX_VALUE;

    private final BlobStore blobs;
    private final StreamingProperties.BodyWriter mode;
    private final int chunkSize;
    private final long maxMapped;
    private final Cache<String, MappedByteBuffer> mappings;

    BodySender(BlobStore blobs, StreamingProperties props) {
        this.blobs = blobs;
        this.mode = props.bodyWriter();
        this.chunkSize = (int) props.chunkSize().toBytes();
        this.maxMapped = Math.min(MAX_MAPPING, props.mappedCacheSize().toBytes());
        // Weighed in KiB so that the total fits an int weight; an evicted mapping is unmapped by the GC.
        this.mappings = Caffeine.newBuilder()
                .maximumWeight(Math.max(1, props.mappedCacheSize().toBytes() / 1024))
                .weigher((String key, MappedByteBuffer b) -> (int) Math.min(Integer.MAX_VALUE, b.capacity() / 1024L))
                .build();
    }

    /**
     * With {@code headFirst}, the headers go out on their own once the bytes are known to be there, before the
     * first write of the body. Jetty holds a response's (direct, 8 KiB) header buffer until the write that carried
     * the headers completes, which for a listener reading a whole track at its bitrate is minutes: 10,000 of them
     * held 80 MiB of direct memory, past the 64 MiB limit we run with, and every further start waited on the
     * full GCs that {@code Bits.reserveMemory} triggers. One small extra write per long body costs nothing.
     */
    void send(String storageKey, long offset, long length, HttpServletResponse response, boolean headFirst)
            throws IOException {
        if (length == 0) {
            return;
        }
        if (mode == StreamingProperties.BodyWriter.MAPPED) {
            ByteBuffer slice = mappedSlice(storageKey, offset, length);
            if (slice != null) {
                if (headFirst) {
                    response.flushBuffer();
                }
                containerOutput(response).write(slice);
                return;
            }
        }
        Optional<Path> file = blobs.localFile(storageKey);
        if (file.isEmpty()) {
            copy(blobs.open(storageKey, offset, length), length, response, headFirst);
            return;
        }
        sendCopy(file.get(), offset, length, response, headFirst);
    }

    /**
     * Checks that the blob is still the bytes the headers will describe (see {@link BlobStore#verify}); a file
     * imported in place that changed loses its mapping here, so no later range is cut from the old one.
     */
    void verify(String storageKey) throws IOException {
        try {
            blobs.verify(storageKey);
        } catch (IOException e) {
            mappings.invalidate(storageKey);
            throw e;
        }
    }

    /**
     * The bytes {@code [offset, offset + length)} of a blob as a read-only slice of its cached mapping, or null
     * when this writer does not map (the {@code copy} writer, a store without local files, a file too large).
     * A mapping is found by storage key without touching the file system: a key's bytes never change, and a
     * mapping stays readable even after its file is deleted.
     */
    ByteBuffer mappedSlice(String storageKey, long offset, long length) throws IOException {
        if (mode != StreamingProperties.BodyWriter.MAPPED) {
            return null;
        }
        MappedByteBuffer whole = mappings.getIfPresent(storageKey);
        if (whole == null) {
            Optional<Path> file = blobs.localFile(storageKey);
            if (file.isEmpty()) {
                // A remote store may keep the range in a node-local chunk cache, mapped the same way.
                return blobs.cachedRange(storageKey, offset, length);
            }
            whole = mapping(storageKey, file.get());
        }
        if (whole == null || offset + length > whole.capacity()) {
            return null;
        }
        return whole.slice((int) offset, (int) length);
    }

    private MappedByteBuffer mapping(String storageKey, Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size > maxMapped) {
                return null;
            }
            try {
                return mappings.get(storageKey, k -> map(ch, size));
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
        }
    }

    private static MappedByteBuffer map(FileChannel ch, long size) {
        try {
            return ch.map(FileChannel.MapMode.READ_ONLY, 0, size);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void sendCopy(Path file, long offset, long length, HttpServletResponse response, boolean headFirst)
            throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            if (headFirst) {
                response.flushBuffer();
            }
            ServletOutputStream out = response.getOutputStream();
            byte[] chunk = new byte[(int) Math.min(chunkSize, length)];
            ByteBuffer buf = ByteBuffer.wrap(chunk);
            long pos = offset;
            long left = length;
            while (left > 0) {
                buf.clear().limit((int) Math.min(chunk.length, left));
                int n = ch.read(buf, pos);
                if (n < 0) {
                    throw new IOException("blob ended " + left + " bytes before the announced length");
                }
                out.write(chunk, 0, n);
                pos += n;
                left -= n;
            }
        }
    }

    private void copy(InputStream in, long length, HttpServletResponse response, boolean headFirst)
            throws IOException {
        try (in) {
            if (headFirst) {
                response.flushBuffer();
            }
            OutputStream out = response.getOutputStream();
            byte[] chunk = new byte[(int) Math.min(chunkSize, length)];
            long left = length;
            while (left > 0) {
                // A full chunk per write: a remote store's socket hands out a few KiB per read, and each write to
                // the container is a blocking flush that parks the thread (measured in bench/s3).
                int want = (int) Math.min(chunk.length, left);
                int n = in.readNBytes(chunk, 0, want);
                if (n < want) {
                    throw new IOException("blob ended " + (left - n) + " bytes before the announced length");
                }
                out.write(chunk, 0, n);
                left -= n;
            }
        }
    }

    /**
     * The container's own output stream under any filter's wrappers. Wrappers (Spring Security's among them)
     * implement only the byte-array writes, so a {@code ByteBuffer} written through them is copied into the heap
     * first; the container's stream writes a direct buffer to the socket as is. Headers are all set before this
     * is called, so nothing a wrapper would add on commit is lost but the generic security headers, which mean
     * nothing for audio bytes; the stream sets {@code X-Content-Type-Options} itself.
     */
    private static ServletOutputStream containerOutput(ServletResponse response) throws IOException {
        ServletResponse r = response;
        while (r instanceof ServletResponseWrapper w) {
            r = w.getResponse();
        }
        return r.getOutputStream();
    }
}
