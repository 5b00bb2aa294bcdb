package io.teammusic.streaming;

import io.teammusic.catalog.Track;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import io.teammusic.shared.ConflictException;
import io.teammusic.shared.NotFoundException;
import io.teammusic.storage.ChangedFileException;
import io.teammusic.streaming.delivery.Delivery;
import java.nio.file.NoSuchFileException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Serves stored bytes over HTTP with the full semantics of RFC 9110: ranges, conditional requests, HEAD, and the
 * headers that describe the body. Both edges call it: the native API's stream endpoint and Subsonic's
 * {@code /rest/stream} and {@code /rest/download}.
 */
@Service
public class StreamService {

    private static final Logger log = LoggerFactory.getLogger(StreamService.class);

    /** Tracks never change their bytes (a new upload is a new track); a day is a safe freshness for a player. */
    static final String TRACK_CACHE_CONTROL = "private, max-age=86400";

    private final BodySender sender;
    private final Delivery delivery;
    private final int longBodySendBuffer;
    private final long longBody;
    private final long longBodyIdleTimeout;

    StreamService(BodySender sender, Delivery delivery, StreamingProperties props) {
        this.sender = sender;
        this.delivery = delivery;
        this.longBodySendBuffer = (int) props.longBodySendBuffer().toBytes();
        this.longBody = props.longBody().toBytes();
        this.longBodyIdleTimeout = props.longBodyIdleTimeout().toMillis();
    }

    /**
     * Answers {@code request} (GET or HEAD) with the original bytes of {@code track}: 200, 206, 304, 412 or 416
     * with exact {@code Content-Length}/{@code Content-Range}. The caller has checked that the user may hear it.
     * A client that goes away mid-body ends the answer quietly.
     */
    public void serve(Track track, HttpServletRequest request, HttpServletResponse response) throws IOException {
        serve(forTrack(track.storageKey(), track.sizeBytes(), track.contentHash(), track.createdAt(),
                track.mimeType(), track.originalFilename()), request, response);
    }

    /**
     * Redirects a download of {@code track} to a fresh signed URL that, where the signer can carry it, answers with
     * {@code Content-Disposition: attachment} and the file's name, as a proxied download does.
     */
    public void redirectDownload(Track track, HttpServletResponse response) {
        delivery.redirect(track.storageKey(), DispositionHeader.attachment(track.originalFilename()), response);
    }

    static Servable forTrack(String storageKey, long size, String contentHash, java.time.Instant createdAt,
            String mimeType, String fileName) {
        return new Servable(storageKey, size, Servable.quote(contentHash), createdAt, mimeType, fileName,
                TRACK_CACHE_CONTROL);
    }

    /** A track's audio as the delivery mode says: a redirect to a freshly signed CDN URL, or the bytes. */
    void serveTrack(Servable s, HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (delivery.redirects()) {
            delivery.redirect(s.storageKey(), response);
            return;
        }
        serve(s, request, response);
    }

    void serve(Servable s, HttpServletRequest request, HttpServletResponse response) throws IOException {
        try {
            sender.verify(s.storageKey());
        } catch (NoSuchFileException e) {
            throw new NotFoundException("stored bytes", s.storageKey());
        } catch (ChangedFileException e) {
            // A file imported in place that its owner changed: its recorded length and ETag would be lies.
            throw new ConflictException(e.getMessage());
        }
        RangeRequest.Decision d = RangeRequest.decide(headers(request), s.size(), s.etag(), s.lastModified());
        response.setStatus(d.status());
        response.setHeader("Accept-Ranges", "bytes");
        response.setHeader("ETag", s.etag());
        response.setHeader("Last-Modified", RangeRequest.formatDate(s.lastModified()));
        response.setHeader("Cache-Control", s.cacheControl());
        response.setHeader("X-Content-Type-Options", "nosniff");
        String contentRange = d.contentRange(s.size());
        if (contentRange != null) {
            response.setHeader("Content-Range", contentRange);
        }
        if (d.status() == 304) {
            return;
        }
        if (!d.hasBody()) {
            response.setContentLength(0);
            return;
        }
        response.setContentType(s.contentType());
        if (s.fileName() != null) {
            response.setHeader("Content-Disposition", DispositionHeader.inline(s.fileName()));
        }
        response.setContentLengthLong(d.length());
        if ("HEAD".equals(request.getMethod())) {
            return;
        }
        boolean isLong = d.length() >= longBody;
        if (isLong) {
            SocketBuffers.forLongBody(request, longBodySendBuffer, longBodyIdleTimeout);
        }
        try {
            sender.send(s.storageKey(), d.offset(), d.length(), response, isLong);
        } catch (NoSuchFileException e) {
            // The row outlived its blob (a delete in progress): nothing was sent yet, so say so properly.
            if (response.isCommitted()) {
                throw e;
            }
            response.reset();
            throw new NotFoundException("stored bytes", s.storageKey());
        } catch (ChangedFileException e) {
            if (response.isCommitted()) {
                throw e;
            }
            response.reset();
            throw new ConflictException(e.getMessage());
        } catch (InternalError e) {
            // A mapped file imported in place was truncated under us (SIGBUS, which the JVM turns into this):
            // the bytes are gone, which is the owner's doing, not a server fault.
            if (response.isCommitted()) {
                throw new IOException("the file behind " + s.storageKey() + " was truncated while being sent", e);
            }
            response.reset();
            throw new ConflictException("the file behind this track changed on disk while being sent");
        } catch (IOException e) {
            if (!response.isCommitted()) {
                response.reset();
                throw e;
            }
            // The listener went away mid-body (a seek, a skip, a closed tab) or stopped reading until the idle
            // timeout: the status line is long gone, so there is nobody left to answer.
            log.debug("Stream of {} ended early: {}", s.storageKey(), e.toString());
        }
    }

    private static RangeRequest.Headers headers(HttpServletRequest r) {
        return new RangeRequest.Headers(r.getHeader("Range"), r.getHeader("If-Range"), r.getHeader("If-Match"),
                r.getHeader("If-None-Match"), r.getHeader("If-Modified-Since"), r.getHeader("If-Unmodified-Since"));
    }
}
