package io.teammusic.catalog;

import io.teammusic.shared.InvalidInputException;
import io.teammusic.shared.Text;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.springframework.stereotype.Service;

/**
 * Search over tracks, albums and artists. The query is folded with {@link Text#fold}, the very function the write
 * side folds names with, so case and Latin/Greek/Cyrillic accents never matter. Tracks and albums match by their
 * own title first and by their artist's name after that.
 */
@Service
public class SearchService {

    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 100;
    /** How deep {@link #searchWindow} ranks: enough for a client paging a query's hits 500 at a time. */
    public static final int MAX_WINDOW = 5000;
    /** How many of the best-matching artists lend their tracks and albums to the results. */
    private static final int ARTISTS_FOR_TRACKS = 3;
    private static final int MAX_QUERY = 200;

    /** What a search found, each list best first. */
    public record Result(List<Track> tracks, List<Album> albums, List<Artist> artists) {
    }

    private final SearchRepository search;
    private final TrackRepository tracks;
    private final AlbumRepository albums;
    private final ArtistRepository artists;

    SearchService(SearchRepository search, TrackRepository tracks, AlbumRepository albums,
            ArtistRepository artists) {
        this.search = search;
        this.tracks = tracks;
        this.albums = albums;
        this.artists = artists;
    }

    /**
     * @throws InvalidInputException when the query is missing or blank after folding, longer than 200 characters,
     *     or the limit is outside 1..100
     */
    public Result search(String query, Integer limit) {
        int n = limit == null ? DEFAULT_LIMIT : limit;
        if (n < 1 || n > MAX_LIMIT) {
            throw new InvalidInputException("limit must be between 1 and " + MAX_LIMIT + ", got " + n);
        }
        return run(query, n);
    }

    /**
     * The best {@code limit} hits of each kind, for APIs that page through a query's hits by offset (Subsonic).
     *
     * @throws InvalidInputException as {@link #search}, with a limit of 1..{@value #MAX_WINDOW}
     */
    public Result searchWindow(String query, int limit) {
        if (limit < 1 || limit > MAX_WINDOW) {
            throw new InvalidInputException("limit must be between 1 and " + MAX_WINDOW + ", got " + limit);
        }
        return run(query, limit);
    }

    private Result run(String query, int n) {
        String q = Text.fold(query);
        if (q.isEmpty()) {
            throw new InvalidInputException("q must contain something to search for");
        }
        if (q.length() > MAX_QUERY) {
            throw new InvalidInputException("q must be at most " + MAX_QUERY + " characters");
        }
        List<String> words = List.of(q.split(" ")).stream().distinct().toList();
        List<SearchRepository.Hit> phraseArtists = search.match(SearchRepository.Kind.ARTIST, q, n);
        List<String> topArtists = phraseArtists.stream().limit(ARTISTS_FOR_TRACKS).map(SearchRepository.Hit::id)
                .toList();
        // The three lists need nothing more from each other: each is read (several statements one after the
        // other) beside the others, so a search waits for its longest list, not for the sum of the three.
        try (ExecutorService lists = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<List<Track>> trackList = lists.submit(() -> {
                List<SearchRepository.Hit> own = search.match(SearchRepository.Kind.TRACK, q, n);
                return tracks.findAllById(ids(withAllWords(SearchRepository.Kind.TRACK, words, n,
                        own.size() >= n ? own : merge(own, search.tracksOf(topArtists, n), n))));
            });
            Future<List<Album>> albumList = lists.submit(() -> {
                List<SearchRepository.Hit> own = search.match(SearchRepository.Kind.ALBUM, q, n);
                return albums.findAllById(ids(withAllWords(SearchRepository.Kind.ALBUM, words, n,
                        own.size() >= n ? own : merge(own, search.albumsOf(topArtists, n), n))));
            });
            List<Artist> artistList = artists.findAllById(ids(withAllWords(SearchRepository.Kind.ARTIST, words, n,
                    phraseArtists)));
            return new Result(result(trackList), result(albumList), artistList);
        }
    }

    private static <T> T result(Future<T> list) {
        try {
            return list.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while searching", e);
        }
    }

    /**
     * For a query of several words, fills what the phrase left of the limit with rows holding every word in any
     * order (own name first, then across name, artists and album), ranked among themselves after the phrase hits.
     */
    private List<SearchRepository.Hit> withAllWords(SearchRepository.Kind kind, List<String> words, int n,
            List<SearchRepository.Hit> phraseHits) {
        if (words.size() < 2 || phraseHits.size() >= n) {
            return phraseHits;
        }
        Map<String, SearchRepository.Hit> all = new LinkedHashMap<>();
        phraseHits.forEach(h -> all.put(h.id(), h));
        search.matchAllWords(kind, words, n, all);
        List<SearchRepository.Hit> out = new ArrayList<>(phraseHits);
        out.addAll(SearchRepository.ranked(all.values().stream().skip(phraseHits.size()).toList(),
                n - phraseHits.size()));
        return out;
    }

    /** Own-name hits first; artist hits fill up what is left, in the order their artists ranked. */
    private static List<SearchRepository.Hit> merge(List<SearchRepository.Hit> own,
            List<SearchRepository.Hit> byArtist, int n) {
        Map<String, SearchRepository.Hit> out = new LinkedHashMap<>();
        for (SearchRepository.Hit h : own) {
            out.putIfAbsent(h.id(), h);
        }
        for (SearchRepository.Hit h : byArtist) {
            if (out.size() >= n) {
                break;
            }
            out.putIfAbsent(h.id(), h);
        }
        return new ArrayList<>(out.values());
    }

    private static List<String> ids(List<SearchRepository.Hit> hits) {
        return hits.stream().map(SearchRepository.Hit::id).toList();
    }
}
