package io.teammusic.catalog;

import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/search}: for every signed-in user (docs/api.md). */
@RestController
class SearchController {

    record SearchJson(List<TrackJson> tracks, List<AlbumJson> albums, List<Artist> artists) {
    }

    private final SearchService search;

    SearchController(SearchService search) {
        this.search = search;
    }

    @GetMapping("/api/search")
    SearchJson search(@RequestParam(required = false) String q, @RequestParam(required = false) Integer limit) {
        SearchService.Result r = search.search(q, limit);
        return new SearchJson(r.tracks().stream().map(TrackJson::of).toList(),
                r.albums().stream().map(AlbumJson::of).toList(), r.artists());
    }
}
