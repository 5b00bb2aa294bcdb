package io.teammusic.subsonic;

import io.teammusic.catalog.CatalogService;
import io.teammusic.catalog.Track;
import io.teammusic.streaming.StreamService;
import io.teammusic.streaming.delivery.Delivery;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.time.Duration;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Subsonic "Media retrieval". {@code stream} sends the original bytes: there is no transcoding yet, and the spec
 * lets a server ignore {@code maxBitRate} and {@code format} then. Ranges, conditional requests and HEAD come from
 * the streaming service, as for the native API. Streaming counts no play; players report plays with
 * {@code scrobble}.
 */
@Controller
class SubsonicMediaController {

    private final CatalogService catalog;
    private final StreamService streams;
    private final CoverArt covers;
    private final Delivery delivery;

    SubsonicMediaController(CatalogService catalog, StreamService streams, CoverArt covers, Delivery delivery) {
        this.catalog = catalog;
        this.streams = streams;
        this.covers = covers;
        this.delivery = delivery;
    }

    /** In redirect mode, a 302 to a fresh CDN URL, except for the clients listed as not following redirects. */
    @RequestMapping("/rest/stream")
    void stream(@RequestParam String id, @RequestParam(name = "c", required = false) String client,
            HttpServletRequest request, HttpServletResponse response) throws IOException {
        Track track = catalog.track(id);
        if (delivery.redirectsSubsonicClient(client)) {
            delivery.redirect(track.storageKey(), response);
            return;
        }
        response.setHeader("X-Content-Duration", String.valueOf(SubsonicViews.seconds(track.durationMs())));
        streams.serve(track, request, response);
    }

    /** The original file as an attachment, with ranges so a big download can resume. */
    @RequestMapping("/rest/download")
    void download(@RequestParam String id, @RequestParam(name = "c", required = false) String client,
            HttpServletRequest request, HttpServletResponse response) throws IOException {
        Track track = catalog.track(id);
        if (delivery.redirectsSubsonicClient(client)) {
            streams.redirectDownload(track, response);
            return;
        }
        streams.serve(track, request, new HttpServletResponseWrapper(response) {
            @Override
            public void setHeader(String name, String value) {
                // The stream service offers files inline, for players; a download is saved instead.
                if (HttpHeaders.CONTENT_DISPOSITION.equalsIgnoreCase(name) && value != null
                        && value.startsWith("inline")) {
                    value = "attachment" + value.substring("inline".length());
                }
                super.setHeader(name, value);
            }
        });
    }

    @RequestMapping("/rest/getCoverArt")
    ResponseEntity<Resource> getCoverArt(@RequestParam String id, @RequestParam(required = false) Integer size)
            throws IOException {
        CoverArt.Image image = covers.image(id, size)
                .orElseThrow(() -> SubsonicException.notFound("Cover art", id));
        return ResponseEntity.ok().contentType(mediaType(image.mimeType()))
                // Private: the URL carries the caller's credentials (u+t+s or apiKey), so a shared cache must
                // neither keep it nor hand the answer to whoever replays that URL; the client's own cache may.
                .cacheControl(CacheControl.maxAge(Duration.ofDays(14)).cachePrivate())
                .eTag(image.etag())
                .body(image.resource());
    }

    static MediaType mediaType(String type) {
        try {
            return type == null ? MediaType.APPLICATION_OCTET_STREAM : MediaType.parseMediaType(type);
        } catch (IllegalArgumentException e) {
            return MediaType.APPLICATION_OCTET_STREAM;
        }
    }
}
