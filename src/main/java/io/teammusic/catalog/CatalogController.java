package io.teammusic.catalog;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Browsing for every signed-in user: tracks, albums and artists (docs/api.md). */
@RestController
@RequestMapping("/api")
class CatalogController {

    private final CatalogService catalog;

    CatalogController(CatalogService catalog) {
        this.catalog = catalog;
    }

    @GetMapping("/tracks")
    Page<TrackJson> tracks(@RequestParam(required = false) Integer page,
            @RequestParam(required = false) Integer size, @RequestParam(required = false) String sort,
            @RequestParam(required = false) String cursor) {
        return catalog.tracks(page, size, sort, cursor).map(TrackJson::of);
    }

    @GetMapping("/tracks/{id}")
    TrackJson track(@PathVariable String id) {
        return TrackJson.of(catalog.track(id));
    }

    @GetMapping("/albums")
    Page<AlbumJson> albums(@RequestParam(required = false) Integer page,
            @RequestParam(required = false) Integer size, @RequestParam(required = false) String sort,
            @RequestParam(required = false) String cursor) {
        return catalog.albums(page, size, sort, cursor).map(AlbumJson::of);
    }

    @GetMapping("/albums/{id}")
    AlbumJson.Detail album(@PathVariable String id) {
        Album album = catalog.album(id);
        return AlbumJson.Detail.of(album, catalog.albumTracks(id));
    }

    @GetMapping("/artists")
    Page<Artist> artists(@RequestParam(required = false) Integer page,
            @RequestParam(required = false) Integer size, @RequestParam(required = false) String sort,
            @RequestParam(required = false) String cursor) {
        return catalog.artists(page, size, sort, cursor);
    }

    @GetMapping("/artists/{id}")
    ArtistJson artist(@PathVariable String id) {
        Artist artist = catalog.artist(id);
        return ArtistJson.of(artist, catalog.artistAlbums(id), catalog.artistTracks(id));
    }
}
