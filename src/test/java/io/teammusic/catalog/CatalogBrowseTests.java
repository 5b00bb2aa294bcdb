package io.teammusic.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.teammusic.shared.Ids;
import io.teammusic.testing.Api;
import io.teammusic.testing.ServerTest;
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
