package io.teammusic.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.teammusic.shared.Ids;
import io.teammusic.testing.Api;
import io.teammusic.testing.ServerTest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Browsing over real HTTP against rows written as ingest writes them. Other test classes share the database, so
 * assertions look at this class's own rows (titles carry a per-test tag) and at relative order.
 */
class CatalogBrowseTests extends ServerTest {

    @Autowired
    JdbcClient jdbc;

    CatalogFixtures db;
    String tag;

    @BeforeEach
    void setUp() {
        db = new CatalogFixtures(jdbc);
        tag = "Tag" + Ids.newId().substring(0, 8);
    }

    /** Every track the API lists in that sort, walking all pages. */
    private List<JsonNode> allTracks(Api api, String sort) {
        List<JsonNode> out = new ArrayList<>();
        for (int page = 0; ; page++) {
            JsonNode body = api.get("/api/tracks?size=500&page=" + page + "&sort=" + sort).json();
            body.get("items").forEach(out::add);
            if (out.size() >= body.get("total").asLong() || body.get("items").isEmpty()) {
                return out;
            }
        }
    }

    private List<String> mineInOrder(List<JsonNode> tracks) {
        return tracks.stream().map(t -> t.get("title").asText()).filter(t -> t.contains(tag)).toList();
    }

    @Test
    void tracksComeInPagesWithTheirTotal() {
        for (int i = 0; i < 5; i++) {
            db.track(tag + " paged " + i).insert();
        }
        Api api = admin();
        long total = jdbc.sql("SELECT COUNT(*) FROM tracks").query(Long.class).single();
        JsonNode first = api.get("/api/tracks?page=0&size=2").json();
        assertThat(first.get("page").asInt()).isZero();
        assertThat(first.get("size").asInt()).isEqualTo(2);
        assertThat(first.get("total").asLong()).isEqualTo(total);
        assertThat(first.get("items")).hasSize(2);
        JsonNode second = api.get("/api/tracks?page=1&size=2").json();
        assertThat(second.get("page").asInt()).isEqualTo(1);
        assertThat(second.get("items").get(0).get("id").asText())
                .isNotIn(first.get("items").get(0).get("id").asText(), first.get("items").get(1).get("id").asText());
        JsonNode beyond = api.get("/api/tracks?page=100000&size=2").json();
        assertThat(beyond.get("items")).isEmpty();
        assertThat(beyond.get("total").asLong()).isEqualTo(total);
    }

    @Test
    void defaultPageSizeIsFifty() {
        JsonNode body = admin().get("/api/tracks").json();
        assertThat(body.get("size").asInt()).isEqualTo(50);
        assertThat(body.get("page").asInt()).isZero();
    }

    @Test
    void tracksSortByTitleAccentInsensitiveAndDescending() {
        db.track(tag + " Émile").insert();
        db.track(tag + " alpha").insert();
        db.track(tag + " Zulu").insert();
        db.track(tag + " beta").insert();
        Api api = admin();
        assertThat(mineInOrder(allTracks(api, "title")))
                .containsExactly(tag + " alpha", tag + " beta", tag + " Émile", tag + " Zulu");
        assertThat(mineInOrder(allTracks(api, "-title")))
                .containsExactly(tag + " Zulu", tag + " Émile", tag + " beta", tag + " alpha");
    }

    @Test
    void tracksSortByYearAndDurationWithMissingValuesLast() {
        db.track(tag + " y2001").year(2001).duration(3000L).insert();
        db.track(tag + " ynone").insert();
        db.track(tag + " y1999").year(1999).duration(1000L).insert();
        Api api = admin();
        assertThat(mineInOrder(allTracks(api, "year"))).containsExactly(tag + " y1999", tag + " y2001",
                tag + " ynone");
        assertThat(mineInOrder(allTracks(api, "-year"))).containsExactly(tag + " y2001", tag + " y1999",
                tag + " ynone");
        assertThat(mineInOrder(allTracks(api, "durationMs"))).containsExactly(tag + " y1999", tag + " y2001",
                tag + " ynone");
    }

    @Test
    void tracksSortByCreationTimeArtistAndAlbum() {
        String zed = db.artist(tag + " Zed");
        String abe = db.artist(tag + " Abe");
        String albumB = db.album(tag + " B album", abe, null, false, null);
        String albumA = db.album(tag + " A album", zed, null, false, null);
        db.track(tag + " old").artists(zed).album(albumB, 1, 1).createdAt(1_000L).insert();
        db.track(tag + " new").artists(abe).album(albumA, 1, 1).createdAt(2_000L).insert();
        Api api = admin();
        assertThat(mineInOrder(allTracks(api, "-createdAt"))).containsExactly(tag + " new", tag + " old");
        assertThat(mineInOrder(allTracks(api, "createdAt"))).containsExactly(tag + " old", tag + " new");
        assertThat(mineInOrder(allTracks(api, "artist"))).containsExactly(tag + " new", tag + " old");
        assertThat(mineInOrder(allTracks(api, "album"))).containsExactly(tag + " new", tag + " old");
        assertThat(mineInOrder(allTracks(api, "-album"))).containsExactly(tag + " old", tag + " new");
    }

    /** Ids of every item of the list in that sort, walking pages by number ({@code size} each). */
    private static List<String> walkByPage(Api api, String list, String sort, int size) {
        List<String> out = new ArrayList<>();
        for (int page = 0; ; page++) {
            JsonNode body = api.get(list + "?size=" + size + "&page=" + page + "&sort=" + sort).json();
            body.get("items").forEach(x -> out.add(x.get("id").asText()));
            if (body.get("items").size() < size) {
                assertThat(body.has("nextCursor")).as("no cursor after the last page").isFalse();
                return out;
            }
        }
    }

    /** Ids of every item of the list in that sort, following nextCursor from the first page. */
    private static List<String> walkByCursor(Api api, String list, String sort, int size) {
        List<String> out = new ArrayList<>();
        JsonNode body = api.get(list + "?size=" + size + "&sort=" + sort).json();
        while (true) {
            body.get("items").forEach(x -> out.add(x.get("id").asText()));
            if (!body.has("nextCursor")) {
                return out;
            }
            assertThat(body.get("items")).hasSize(size);
            String next = list + "?size=" + size + "&sort=" + sort + "&cursor=" + body.get("nextCursor").asText();
            body = api.get(next).json();
            assertThat(body.has("page")).as("a cursor page has no number").isFalse();
        }
    }

    @Test
    void cursorAndPageNumbersWalkEverySortAlikeEachItemOnceMissingValuesLast() {
        String zed = db.artist(tag + " Zed");
        String abe = db.artist(tag + " Abe");
        String albumB = db.album(tag + " B album", abe, null, false, null);
        String albumA = db.album(tag + " A album", zed, 2001, false, null);
        db.album(tag + " Same title", abe, 1999, false, null);
        db.album(tag + " Same title", zed, null, false, null);
        db.track(tag + " same").artists(zed).album(albumB, 1, 2).year(2001).duration(5L).insert();
        db.track(tag + " same").artists(abe).album(albumB, null, 1).year(2001).duration(5L).insert();
        db.track(tag + " same").album(albumA, 2, null).insert();
        db.track(tag + " none").insert();
        db.track(tag + " none").year(1990).insert();
        db.track(tag + " else").artists(abe).duration(1L).insert();
        Api api = admin();
        Map<String, List<String>> lists = Map.of(
                "/api/tracks", List.of("title", "artist", "album", "year", "durationMs", "createdAt"),
                "/api/albums", List.of("title", "artist", "year", "createdAt"),
                "/api/artists", List.of("name"));
        lists.forEach((list, sorts) -> {
            long total = api.get(list + "?size=1").json().get("total").asLong();
            for (String key : sorts) {
                for (String sort : List.of(key, "-" + key)) {
                    List<String> byPage = walkByPage(api, list, sort, 500);
                    assertThat(byPage).as(list + " " + sort).hasSize((int) total).doesNotHaveDuplicates();
                    assertThat(walkByCursor(api, list, sort, 3)).as(list + " " + sort + " by cursor")
                            .isEqualTo(byPage);
                    assertThat(walkByPage(api, list, sort, 4)).as(list + " " + sort + " small pages")
                            .isEqualTo(byPage);
                }
            }
        });
        List<String> byYearDesc = mineInOrder(allTracks(api, "-year"));
        assertThat(byYearDesc).as("missing years last, then by title, descending too").containsExactly(
                tag + " same", tag + " same", tag + " none", tag + " same", tag + " none", tag + " else");
    }

    @Test
    void badCursorsAreProblems() {
        Api api = admin();
        for (int i = 0; i < 3; i++) {
            db.track(tag + " c" + i).insert();
        }
        String titleCursor = api.get("/api/tracks?size=1&sort=title").json().get("nextCursor").asText();
        java.util.function.Function<String, String> b64 = text -> java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString(text.getBytes(StandardCharsets.UTF_8));
        String noSuchSection = b64.apply("c1~" + b64.apply("title") + "~7~sYQ~sYQ");
        String tooFewValues = b64.apply("c1~" + b64.apply("title") + "~0~sYQ");
        for (String query : List.of("cursor=nonsense", "cursor=" + titleCursor + "&sort=year",
                "cursor=" + titleCursor + "&page=1", "cursor=" + noSuchSection, "cursor=" + tooFewValues,
                "cursor=YzF-")) {
            Api.Response r = api.get("/api/tracks?" + query);
            assertThat(r.status()).as(query).isEqualTo(400);
            assertThat(r.header("Content-Type")).startsWith("application/problem+json");
        }
        assertThat(api.get("/api/tracks?sort=title&cursor=" + titleCursor).status()).isEqualTo(200);
    }

    @Test
    void badPagingAndSortingAreProblems() {
        Api api = admin();
        for (String query : List.of("sort=colour", "sort=-", "page=-1", "size=501", "size=0", "page=abc",
                "size=-5")) {
            for (String list : List.of("/api/tracks", "/api/albums", "/api/artists")) {
                Api.Response r = api.get(list + "?" + query);
                assertThat(r.status()).as(list + "?" + query).isEqualTo(400);
                assertThat(r.header("Content-Type")).startsWith("application/problem+json");
                assertThat(r.json().get("status").asInt()).isEqualTo(400);
            }
        }
        assertThat(api.get("/api/tracks?size=500").status()).isEqualTo(200);
        assertThat(api.get("/api/albums?sort=-year").status()).isEqualTo(200);
        assertThat(api.get("/api/artists?sort=-name").status()).isEqualTo(200);
        assertThat(api.get("/api/artists?sort=title").status()).isEqualTo(400);
    }

    @Test
    void trackHasItsLinksCoverAndStreamUrl() {
        String artist = db.artist(tag + " Singer");
        String album = db.album(tag + " Record", artist, 2020, false, null);
        String id = db.track(tag + " Song").artists(artist).album(album, 1, 3).year(2020).cover("cafe")
                .duration(123_456L).insert();
        JsonNode t = admin().get("/api/tracks/" + id).json();
        assertThat(t.get("title").asText()).isEqualTo(tag + " Song");
        assertThat(t.get("artist").asText()).isEqualTo(tag + " Singer");
        assertThat(t.get("artists").get(0).get("id").asText()).isEqualTo(artist);
        assertThat(t.get("album").get("id").asText()).isEqualTo(album);
        assertThat(t.get("album").get("title").asText()).isEqualTo(tag + " Record");
        assertThat(t.get("albumArtist").get("name").asText()).isEqualTo(tag + " Singer");
        assertThat(t.get("trackNumber").asInt()).isEqualTo(3);
        assertThat(t.get("durationMs").asLong()).isEqualTo(123_456L);
        assertThat(t.get("coverUrl").asText()).isEqualTo("/api/tracks/" + id + "/cover");
        assertThat(t.get("streamUrl").asText()).isEqualTo("/api/tracks/" + id + "/stream");
        assertThat(t.has("composer")).as("absent values are omitted").isFalse();

        String plain = db.track(tag + " Bare").insert();
        JsonNode bare = admin().get("/api/tracks/" + plain).json();
        assertThat(bare.has("coverUrl")).isFalse();
        assertThat(bare.has("album")).isFalse();
    }

    @Test
    void unknownIdsAreNotFoundProblems() {
        Api api = admin();
        for (String path : List.of("/api/tracks/nope", "/api/albums/nope", "/api/artists/nope")) {
            Api.Response r = api.get(path);
            assertThat(r.status()).as(path).isEqualTo(404);
            assertThat(r.header("Content-Type")).startsWith("application/problem+json");
        }
    }

    @Test
    void albumListsItsTracksInDiscThenTrackOrder() {
        String artist = db.artist(tag + " Band");
        String album = db.album(tag + " Double", artist, 1999, false, null);
        db.track(tag + " d2t1").artists(artist).album(album, 2, 1).duration(10L).insert();
        db.track(tag + " d1t2").artists(artist).album(album, 1, 2).duration(20L).insert();
        db.track(tag + " d1t10").artists(artist).album(album, 1, 10).duration(30L).insert();
        db.track(tag + " d1t1").artists(artist).album(album, 1, 1).duration(40L).cover("beef").insert();
        JsonNode a = admin().get("/api/albums/" + album).json();
        assertThat(a.get("title").asText()).isEqualTo(tag + " Double");
        assertThat(a.get("artist").get("id").asText()).isEqualTo(artist);
        assertThat(a.get("artist").get("name").asText()).isEqualTo(tag + " Band");
        assertThat(a.get("year").asInt()).isEqualTo(1999);
        assertThat(a.get("compilation").asBoolean()).isFalse();
        assertThat(a.get("trackCount").asInt()).isEqualTo(4);
        assertThat(a.get("durationMs").asLong()).isEqualTo(100L);
        assertThat(a.get("coverUrl").asText()).as("a track's cover stands for the album's")
                .isEqualTo("/api/albums/" + album + "/cover");
        List<String> titles = new ArrayList<>();
        a.get("tracks").forEach(t -> titles.add(t.get("title").asText()));
        assertThat(titles).containsExactly(tag + " d1t1", tag + " d1t2", tag + " d1t10", tag + " d2t1");
    }

    @Test
    void albumsAreListedSortedWithCountsAndCovers() {
        String artist = db.artist(tag + " Lister");
        String covered = db.album(tag + " b covered", artist, 2010, false, "f00d");
        String bare = db.album(tag + " a bare", artist, 2005, false, null);
        db.track(tag + " one").artists(artist).album(bare, 1, 1).insert();
        Api api = admin();
        List<JsonNode> mine = new ArrayList<>();
        JsonNode body = api.get("/api/albums?size=500&sort=title").json();
        body.get("items").forEach(x -> {
            if (x.get("title").asText().contains(tag)) {
                mine.add(x);
            }
        });
        assertThat(body.get("total").asLong()).isEqualTo(
                jdbc.sql("SELECT COUNT(*) FROM albums").query(Long.class).single());
        assertThat(mine).extracting(x -> x.get("id").asText()).containsExactly(bare, covered);
        assertThat(mine.get(0).get("trackCount").asInt()).isEqualTo(1);
        assertThat(mine.get(0).has("coverUrl")).isFalse();
        assertThat(mine.get(1).get("trackCount").asInt()).isZero();
        assertThat(mine.get(1).get("coverUrl").asText()).isEqualTo("/api/albums/" + covered + "/cover");
        List<String> byYearDesc = new ArrayList<>();
        api.get("/api/albums?size=500&sort=-year").json().get("items").forEach(x -> {
            if (x.get("title").asText().contains(tag)) {
                byYearDesc.add(x.get("id").asText());
            }
        });
        assertThat(byYearDesc).containsExactly(covered, bare);
    }

    private String albumCover(String albumId) {
        return jdbc.sql("SELECT cover_hash FROM albums WHERE id = ?").param(albumId).query(String.class).list()
                .getFirst();
    }

    @Test
    void albumCoverIsTheCoverOfItsFirstTrackThatHasOne() {
        String artist = db.artist(tag + " Painter");
        String album = db.album(tag + " Gallery", artist, null, false, null);
        // Hashes in the opposite order to the tracks', so "any track's cover" would pick the wrong one.
        db.track(tag + " d2t1").artists(artist).album(album, 2, 1).cover("aa" + tag).insert();
        db.track(tag + " d1t3").artists(artist).album(album, 1, 3).cover("bb" + tag).insert();
        db.track(tag + " d1t1").artists(artist).album(album, 1, 1).insert();
        String second = db.track(tag + " d1t2").artists(artist).album(album, 1, 2).cover("cc" + tag).insert();
        assertThat(albumCover(album)).isEqualTo("cc" + tag);
        db.track(tag + " no disc").artists(artist).album(album, null, 2).cover("dd" + tag).insert();
        assertThat(albumCover(album)).as("a missing disc number is disc 1; then by title").isEqualTo("cc" + tag);
        db.delete(second);
        assertThat(albumCover(album)).isEqualTo("dd" + tag);
        assertThat(admin().get("/api/albums/" + album).json().get("coverUrl").asText())
                .isEqualTo("/api/albums/" + album + "/cover");
    }

    @Test
    void albumLosesACoverNoneOfItsTracksCarriesAnyMore() {
        String artist = db.artist(tag + " Fader");
        // As ingest writes it: the album takes the cover of the track it was made for.
        String album = db.album(tag + " Faded", artist, null, false, "ee" + tag);
        String covered = db.track(tag + " covered").artists(artist).album(album, 1, 1).cover("ee" + tag).insert();
        String bare = db.track(tag + " bare").artists(artist).album(album, 1, 2).insert();
        Api api = admin();
        assertThat(api.get("/api/albums/" + album).json().has("coverUrl")).isTrue();
        jdbc.sql("UPDATE tracks SET cover_hash = ? WHERE id = ?").params("ff" + tag, bare).update();
        assertThat(albumCover(album)).isEqualTo("ee" + tag);
        jdbc.sql("UPDATE tracks SET cover_hash = NULL WHERE id = ?").param(covered).update();
        assertThat(albumCover(album)).as("the cover changed on a track").isEqualTo("ff" + tag);
        String other = db.album(tag + " Elsewhere", artist, null, false, null);
        jdbc.sql("UPDATE tracks SET album_id = ? WHERE id = ?").params(other, bare).update();
        assertThat(albumCover(other)).as("a track moved to another album").isEqualTo("ff" + tag);
        assertThat(albumCover(album)).isNull();
        assertThat(api.get("/api/albums/" + album).json().has("coverUrl")).isFalse();
        db.delete(bare);
        assertThat(albumCover(other)).as("the track with the cover was deleted").isNull();
    }

    @Test
    void compilationsSitUnderVariousArtists() {
        String various = db.artist("Various Artists");
        String one = db.artist(tag + " One");
        String two = db.artist(tag + " Two");
        String comp = db.album(tag + " Hits", various, 2001, true, null);
        db.track(tag + " first").artists(one).album(comp, 1, 1).insert();
        db.track(tag + " second").artists(two).album(comp, 1, 2).insert();
        JsonNode a = admin().get("/api/albums/" + comp).json();
        assertThat(a.get("compilation").asBoolean()).isTrue();
        assertThat(a.get("artist").get("name").asText()).isEqualTo("Various Artists");
        assertThat(a.get("tracks").get(0).get("artist").asText()).isEqualTo(tag + " One");
        JsonNode artistOne = admin().get("/api/artists/" + one).json();
        assertThat(artistOne.get("albums")).extracting(x -> x.get("id").asText()).containsExactly(comp);
    }

    @Test
    void artistPageShowsCountsAlbumsAndTracks() {
        String artist = db.artist(tag + " Solo");
        String guest = db.artist(tag + " Guest");
        String album = db.album(tag + " Debut", artist, 2000, false, null);
        String other = db.album(tag + " Other", guest, 2003, false, null);
        db.track(tag + " t2").artists(artist).album(album, 1, 2).insert();
        db.track(tag + " t1").artists(artist).album(album, 1, 1).insert();
        db.track(tag + " feat").artists(guest, artist).album(other, 1, 1).insert();
        JsonNode a = admin().get("/api/artists/" + artist).json();
        assertThat(a.get("name").asText()).isEqualTo(tag + " Solo");
        assertThat(a.get("albumCount").asInt()).as("albums it is the album artist of").isEqualTo(1);
        assertThat(a.get("trackCount").asInt()).isEqualTo(3);
        assertThat(a.get("albums")).extracting(x -> x.get("id").asText()).containsExactly(album, other);
        assertThat(a.get("tracks")).extracting(x -> x.get("title").asText())
                .containsExactly(tag + " t1", tag + " t2", tag + " feat");
        JsonNode g = admin().get("/api/artists/" + guest).json();
        assertThat(g.get("albumCount").asInt()).isEqualTo(1);
        assertThat(g.get("trackCount").asInt()).isEqualTo(1);
    }

    @Test
    void artistsAreListedByName() {
        String b = db.artist(tag + " beta");
        String a = db.artist(tag + " Alpha");
        Api api = admin();
        JsonNode body = api.get("/api/artists?size=500&sort=name").json();
        List<String> mine = new ArrayList<>();
        body.get("items").forEach(x -> {
            if (x.get("name").asText().contains(tag)) {
                mine.add(x.get("id").asText());
            }
        });
        assertThat(mine).containsExactly(a, b);
        assertThat(body.get("items").get(0).has("albumCount")).isTrue();
        assertThat(body.get("total").asLong()).isEqualTo(
                jdbc.sql("SELECT COUNT(*) FROM artists").query(Long.class).single());
    }

    @Test
    void aUserCanBrowseEverythingButNobodyWithoutAToken() {
        String artist = db.artist(tag + " Open");
        String album = db.album(tag + " Open album", artist, null, false, null);
        String track = db.track(tag + " Open track").artists(artist).album(album, 1, 1).insert();
        String name = "reader" + tag.toLowerCase();
        assertThat(admin().post("/api/users", Map.of("username", name, "password", "reader-password-1",
                "role", "USER")).status()).isEqualTo(201);
        Api user = api().login(name, "reader-password-1");
        List<String> paths = List.of("/api/tracks", "/api/tracks/" + track, "/api/albums", "/api/albums/" + album,
                "/api/artists", "/api/artists/" + artist);
        for (String path : paths) {
            assertThat(user.get(path).status()).as(path).isEqualTo(200);
            assertThat(api().get(path).status()).as(path + " without token").isEqualTo(401);
        }
    }
}
