package io.teammusic.subsonic;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.teammusic.testing.Api;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXParseException;

/**
 * Our responses against what other servers and the spec say the wire looks like: the JSON structure and types of
 * the Navidrome and gonic fixtures, and the XML against the Subsonic 1.16.1 XSD (OpenSubsonic attributes allowed).
 * Both live outside the repository in {@code ../shared/subsonic}; without it these tests are skipped.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SubsonicConformanceTests extends SubsonicTestBase {

    static final Path SHARED = Path.of("..", "shared", "subsonic");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Keys that must be there whenever the fixture has them (XSD-required attributes and envelope fields). */
    private static final Map<String, Set<String>> REQUIRED = Map.ofEntries(
            Map.entry("subsonic-response", Set.of("status", "version", "type", "serverVersion", "openSubsonic")),
            Map.entry("song", Set.of("id", "isDir", "title")),
            Map.entry("child", Set.of("id", "isDir", "title")),
            Map.entry("entry", Set.of("id", "isDir", "title")),
            Map.entry("album", Set.of("id")),
            Map.entry("artist", Set.of("id", "name")),
            Map.entry("playlist", Set.of("id", "name", "songCount", "duration", "created", "changed")),
            Map.entry("user", Set.of("username", "scrobblingEnabled", "adminRole", "settingsRole", "downloadRole",
                    "uploadRole", "playlistRole", "coverArtRole", "commentRole", "podcastRole", "streamRole",
                    "jukeboxRole", "shareRole", "videoConversionRole")),
            Map.entry("indexes", Set.of("lastModified", "ignoredArticles")),
            Map.entry("artists", Set.of("ignoredArticles")),
            Map.entry("musicFolder", Set.of("id", "name")),
            Map.entry("genre", Set.of("songCount", "albumCount", "value")),
            Map.entry("license", Set.of("valid")),
            Map.entry("directory", Set.of("id", "name")),
            Map.entry("openSubsonicExtensions", Set.of("name", "versions")),
            Map.entry("error", Set.of("code", "message")));

    /** OpenSubsonic attributes the strict 1.16.1 XSD does not know; anything else it rejects is a real error. */
    private static final Set<String> OPEN_SUBSONIC_ATTRIBUTES = Set.of("type", "serverVersion", "openSubsonic",
            "mediaType", "played", "bitDepth", "samplingRate", "channelCount", "sortName", "userRating",
            "coverArt", "albumCount");
    private static final Pattern UNKNOWN_ATTRIBUTE = Pattern.compile(
            "cvc-complex-type\\.3\\.2\\.2: Attribute '([^']+)' is not allowed to appear in element '([^']+)'");

    Subsonic sub;
    LibraryFixture.Album album;
    String playlistId;

    @BeforeAll
    void setUp() throws Exception {
        Assumptions.assumeTrue(Files.isDirectory(SHARED), "../shared/subsonic is absent: the fixtures and XSDs "
                + "live beside the repository, not in it; conformance tests skipped");
        sub = subsonicAdmin();
        album = fixture().album(LibraryFixture.unique("Shape Shifters"), LibraryFixture.unique("Forms"), 2, true);
        String song = album.trackIds().get(0);
        sub.ok("star", "id=" + song + "&albumId=" + album.albumId() + "&artistId=" + album.artistId());
        sub.ok("setRating", "id=" + song + "&rating=3");
        sub.ok("scrobble", "id=" + song);
        playlistId = sub.ok("createPlaylist", "name=Shapes&songId=" + song + "&songId=" + album.trackIds().get(1))
                .get("playlist").get("id").asText();
        sub.ok("updatePlaylist", "playlistId=" + playlistId + "&public=true&comment=for+testing");
    }

    /** Each fixture, and the request of ours that answers the same question. */
    private List<String[]> pairs() {
        String word = album.albumTitle().substring(album.albumTitle().lastIndexOf(' ') + 1);
        String nd = "navidrome/Responses ";
        return List.of(
                new String[] {nd + "EmptyResponse should match .JSON", "ping", ""},
                new String[] {nd + "License should match .JSON", "getLicense", ""},
                new String[] {nd + "MusicFolders with data should match .JSON", "getMusicFolders", ""},
                new String[] {nd + "Indexes with data should match .JSON", "getIndexes", ""},
                new String[] {nd + "Artist with OpenSubsonic data should match .JSON", "getArtists", ""},
                new String[] {nd + "AlbumWithSongsID3 with data should match .JSON", "getAlbum",
                    "id=" + album.albumId()},
                new String[] {nd + "AlbumWithSongsID3 without data should match OpenSubsonic .JSON", "getAlbum",
                    "id=" + album.albumId()},
                new String[] {nd + "Child with data should match .JSON", "getMusicDirectory", "id=" + album.albumId()},
                new String[] {nd + "Child without data should match OpenSubsonic .JSON", "getMusicDirectory",
                    "id=" + album.albumId()},
                new String[] {nd + "AlbumList with OS data should match .JSON", "getAlbumList", "type=newest"},
                new String[] {nd + "Genres with data should match .JSON", "getGenres", ""},
                new String[] {nd + "Playlists with data should match .JSON", "getPlaylists", ""},
                new String[] {nd + "User with data should match .JSON", "getUser", "username=admin"},
                new String[] {nd + "OpenSubsonicExtensions with data should match .JSON", "getOpenSubsonicExtensions",
                    ""},
                new String[] {nd + "Directory with data should match .JSON", "getMusicDirectory",
                    "id=" + album.artistId()},
                new String[] {"gonic/test_get_artists_no_args", "getArtists", ""},
                new String[] {"gonic/test_get_indexes_no_args", "getIndexes", ""},
                new String[] {"gonic/test_get_album_album_va_compilation", "getAlbum", "id=" + album.albumId()},
                new String[] {"gonic/test_get_album_list_two_newest", "getAlbumList2", "type=newest&size=50"},
                new String[] {"gonic/test_get_album_list_unknown_type", "getAlbumList", "type=garbage"},
                new String[] {"gonic/test_search_three_q_artist", "search3", "query=" + word},
                new String[] {"gonic/test_search_three_q_empty_all", "search3", "query=%22%22"},
                new String[] {"gonic/test_get_starred_two_admin", "getStarred2", ""},
                new String[] {"gonic/test_get_playlist_shared", "getPlaylist", "id=" + playlistId},
                new String[] {"gonic/test_get_songs_by_genre_jazz", "getSongsByGenre", "genre=Testgenre&count=50"});
    }

    @Test
    void jsonHasTheStructureAndTypesOfTheFixtures() throws Exception {
        List<String> problems = new ArrayList<>();
        for (String[] p : pairs()) {
            JsonNode expected = JSON.readTree(SHARED.resolve("fixtures").resolve(p[0]).toFile());
            if (expected.has("subsonic-response")) {
                expected = expected.get("subsonic-response");
            }
            JsonNode actual = sub.json(p[1], p[2]);
            compare(p[0] + " vs " + p[1], "subsonic-response", expected, actual, problems);
        }
        assertThat(problems).isEmpty();
    }

    private static void compare(String where, String name, JsonNode expected, JsonNode actual,
            List<String> problems) {
        if (!kind(expected).equals(kind(actual))) {
            problems.add(where + ": " + name + " is " + kind(actual) + " but the fixture has " + kind(expected));
            return;
        }
        if (expected.isObject()) {
            for (String key : REQUIRED.getOrDefault(name, Set.of())) {
                if (expected.has(key) && !actual.has(key)) {
                    problems.add(where + ": " + name + " lacks required " + key);
                }
            }
            for (Iterator<String> it = expected.fieldNames(); it.hasNext(); ) {
                String key = it.next();
                // The payload itself (albumList2, searchResult3...) must be there; deeper keys when we have them.
                if (!actual.has(key)) {
                    if (name.equals("subsonic-response") && expected.get(key).isContainerNode()) {
                        problems.add(where + ": no payload " + key);
                    }
                    continue;
                }
                compare(where, key, expected.get(key), actual.get(key), problems);
            }
        } else if (expected.isArray() && !expected.isEmpty()) {
            for (JsonNode item : actual) {
                compare(where, name, expected.get(0), item, problems);
            }
        }
    }

    private static String kind(JsonNode n) {
        if (n.isNumber()) {
            return "number";
        }
        return n.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    }

    @Test
    void xmlValidatesAgainstTheSubsonicXsd() throws Exception {
        SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
        Schema schema = factory.newSchema(SHARED.resolve("xsd").resolve("subsonic-rest-api-1.16.1.xsd").toFile());
        List<String[]> requests = new ArrayList<>(pairs().stream()
                .filter(p -> !p[1].equals("getOpenSubsonicExtensions")).map(p -> new String[] {p[1], p[2]})
                .toList());
        requests.add(new String[] {"getArtist", "id=" + album.artistId()});
        requests.add(new String[] {"getSong", "id=" + album.trackIds().get(0)});
        requests.add(new String[] {"getRandomSongs", "size=3"});
        requests.add(new String[] {"getStarred", ""});
        requests.add(new String[] {"search2", "query=%22%22"});
        requests.add(new String[] {"getAlbumList2", "type=starred"});
        requests.add(new String[] {"getAlbum", "id=does-not-exist"});
        for (String empty : List.of("getArtistInfo2", "getBookmarks", "getNowPlaying", "getScanStatus",
                "getInternetRadioStations")) {
            requests.add(new String[] {empty, "id=" + album.artistId()});
        }
        List<String> problems = new ArrayList<>();
        for (String[] r : requests) {
            Api.Response res = sub.get(r[0], r[1]);
            assertThat(res.header("Content-Type")).startsWith("application/xml");
            Validator validator = schema.newValidator();
            List<String> errors = new ArrayList<>();
            validator.setErrorHandler(new ErrorHandler() {
                @Override
                public void warning(SAXParseException e) {
                }

                @Override
                public void error(SAXParseException e) {
                    Matcher m = UNKNOWN_ATTRIBUTE.matcher(e.getMessage());
                    if (!(m.find() && OPEN_SUBSONIC_ATTRIBUTES.contains(m.group(1)))) {
                        errors.add(e.getMessage());
                    }
                }

                @Override
                public void fatalError(SAXParseException e) {
                    errors.add("fatal: " + e.getMessage());
                }
            });
            validator.validate(new StreamSource(new StringReader(res.body())));
            errors.forEach(e -> problems.add(r[0] + "?" + r[1] + ": " + e));
        }
        assertThat(problems).isEmpty();
    }
}
