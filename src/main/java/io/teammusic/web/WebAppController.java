package io.teammusic.web;

import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * Answers the web app's own routes (deep links such as {@code /albums/42}) with its page, so a reload or a shared
 * link opens the app where it was. The routes are listed one by one rather than caught with a wildcard: a wildcard
 * would also catch the API, the Subsonic endpoints, actuator and the static files, which must answer for themselves.
 */
@Controller
class WebAppController {

    private static final Resource PAGE = new ClassPathResource("static/index.html");

    @GetMapping(value = {"/", "/login", "/albums", "/albums/*", "/artists", "/artists/*", "/tracks", "/favourites",
            "/playlists", "/playlists/*", "/search", "/queue", "/apps", "/upload", "/users"},
            produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<Resource> page() {
        // no-cache: the page names the module versions to load, so a browser must revalidate it on every visit.
        return ResponseEntity.ok().cacheControl(CacheControl.noCache()).contentType(MediaType.TEXT_HTML).body(PAGE);
    }
}
