package io.teammusic.subsonic;

import io.teammusic.auth.CurrentUser;
import io.teammusic.storage.BlobStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.InputStreamResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Subsonic "Media retrieval". {@code stream} sends the original bytes: there is no transcoding yet, and the spec
 * lets a server ignore {@code maxBitRate} and {@code format} then. Ranges, HEAD and 416 come from Spring's
 * resource handling. Streaming counts no play; players report plays with {@code scrobble}.
 */
@Controller
class SubsonicMediaController {

    private final LibraryQueries library;
    private final BlobStore blobs;
    private final CoverArt covers;

    SubsonicMediaController(LibraryQueries library, BlobStore blobs, CoverArt covers) {
        this.library = library;
        this.blobs = blobs;
        this.covers = covers;
    }

    @RequestMapping("/rest/stream")
    ResponseEntity<Resource> stream(@RequestParam String id) throws IOException {
        Library.Song song = song(id);
        return ResponseEntity.ok().contentType(mediaType(song.contentType()))
                .cacheControl(CacheControl.maxAge(Duration.ofDays(1)).cachePrivate())
                .header("X-Content-Duration", String.valueOf(SubsonicViews.seconds(song.durationMs())))
                .header("X-Content-Type-Options", "nosniff")
                .body(bytes(song));
    }

    @RequestMapping("/rest/download")
    ResponseEntity<Resource> download(@RequestParam String id) throws IOException {
        Library.Song song = song(id);
        String name = song.path() == null ? song.title() + "." + song.suffix() : song.path();
        return ResponseEntity.ok().contentType(mediaType(song.contentType()))
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment().filename(name, StandardCharsets.UTF_8).build().toString())
                .header("X-Content-Type-Options", "nosniff")
                .body(bytes(song));
    }

    @RequestMapping("/rest/getCoverArt")
    ResponseEntity<Resource> getCoverArt(@RequestParam String id, @RequestParam(required = false) Integer size)
            throws IOException {
        CoverArt.Image image = covers.image(id, size)
                .orElseThrow(() -> SubsonicException.notFound("Cover art", id));
        return ResponseEntity.ok().contentType(mediaType(image.mimeType()))
                .cacheControl(CacheControl.maxAge(Duration.ofDays(14)).cachePublic())
                .eTag(image.etag())
                .body(image.resource());
    }

    private Library.Song song(String id) {
        return library.song(CurrentUser.get().id(), id).orElseThrow(() -> SubsonicException.notFound("Song", id));
    }

    private Resource bytes(Library.Song song) throws IOException {
        var local = blobs.localFile(song.storageKey());
        if (local.isPresent()) {
            Path p = local.get();
            return new FileSystemResource(p);
        }
        // A remote store: whole body only (Spring cannot seek an InputStreamResource).
        return new InputStreamResource(blobs.open(song.storageKey(), 0, song.size())) {
            @Override
            public long contentLength() {
                return song.size();
            }
        };
    }

    static MediaType mediaType(String type) {
        try {
            return type == null ? MediaType.APPLICATION_OCTET_STREAM : MediaType.parseMediaType(type);
        } catch (IllegalArgumentException e) {
            return MediaType.APPLICATION_OCTET_STREAM;
        }
    }
}
