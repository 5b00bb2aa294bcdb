package io.teammusic.streaming;

import io.teammusic.auth.AuthProperties;
import io.teammusic.auth.CurrentUser;
import io.teammusic.auth.UrlSigner;
import io.teammusic.shared.NotFoundException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The byte endpoints of the native API: a track's audio (when {@link StreamFilter} has not already answered it),
 * its signed stream URL, and cover art.
 */
@RestController
class StreamController {

    private final StreamSources sources;
    private final StreamService streams;
    private final UrlSigner signer;
    private final AuthProperties auth;

    StreamController(StreamSources sources, StreamService streams, UrlSigner signer, AuthProperties auth) {
        this.sources = sources;
        this.streams = streams;
        this.signer = signer;
        this.auth = auth;
    }

    /** Signed URLs and anything else {@link StreamFilter} left to the security chain end here. */
    @RequestMapping(path = "/api/tracks/{id}/stream", method = {RequestMethod.GET, RequestMethod.HEAD})
    void stream(@PathVariable String id, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        streams.serveTrack(sources.track(id).orElseThrow(() -> new NotFoundException("track", id)), request,
                response);
    }

    @GetMapping("/api/tracks/{id}/stream-url")
    StreamUrl streamUrl(@PathVariable String id) {
        if (!sources.trackExists(id)) {
            throw new NotFoundException("track", id);
        }
        // Whole seconds: the signature carries epoch seconds, and expiresAt must say exactly when it lapses.
        Instant expires = Instant.now().plus(auth.signedUrlTtl()).truncatedTo(ChronoUnit.SECONDS);
        String path = "/api/tracks/" + id + "/stream";
        return new StreamUrl(path + "?" + signer.sign(path, CurrentUser.get().id(), expires), expires);
    }

    @RequestMapping(path = "/api/tracks/{id}/cover", method = {RequestMethod.GET, RequestMethod.HEAD})
    void trackCover(@PathVariable String id, @RequestParam(name = "v", required = false) String version,
            HttpServletRequest request, HttpServletResponse response) throws IOException {
        streams.serve(sources.trackCover(id, version).orElseThrow(() -> new NotFoundException("cover of track", id)),
                request, response);
    }

    @RequestMapping(path = "/api/albums/{id}/cover", method = {RequestMethod.GET, RequestMethod.HEAD})
    void albumCover(@PathVariable String id, @RequestParam(name = "v", required = false) String version,
            HttpServletRequest request, HttpServletResponse response) throws IOException {
        streams.serve(sources.albumCover(id, version).orElseThrow(() -> new NotFoundException("cover of album", id)),
                request, response);
    }

    /** {@code GET /api/tracks/{id}/stream-url}: a path an {@code <audio>} element can play without a header. */
    record StreamUrl(String url, Instant expiresAt) {
    }
}
