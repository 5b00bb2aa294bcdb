package io.teammusic.subsonic;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Stars, ratings, scrobbles and playlists through the Subsonic API, and that they stay private. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SubsonicLibraryTests extends SubsonicTestBase {

    LibraryFixture.Album album;
    Subsonic admin;

    @BeforeAll
    void setUp() throws Exception {
        album = fixture().album(LibraryFixture.unique("Curators"), LibraryFixture.unique("Picks"), 4, false);
        admin = subsonicAdmin();
    }

    private static List<String> ids(JsonNode array) {
        List<String> out = new ArrayList<>();
        if (array != null) {
            array.forEach(n -> out.add(n.get("id").asText()));
        }
        return out;
    }

    private static int code(JsonNode r) {
        return r.get("error").get("code").asInt();
    }

    @Test
    void starsOnSongsAlbumsAndArtistsShowOnlyToTheirOwner() {
        Subsonic ann = subsonicUser("ann");
        String song = album.trackIds().get(0);
        ann.ok("star", "id=" + song + "&id=" + album.albumId());
        ann.ok("star", "artistId=" + album.artistId());

        JsonNode starred = ann.ok("getStarred2", "").get("starred2");
        assertThat(ids(starred.get("song"))).containsExactly(song);
        assertThat(ids(starred.get("album"))).containsExactly(album.albumId());
        assertThat(ids(starred.get("artist"))).containsExactly(album.artistId());
        assertThat(starred.get("song").get(0).get("starred").asText()).endsWith("Z");
        assertThat(ann.ok("getSong", "id=" + song).get("song").has("starred")).isTrue();
        JsonNode legacy = ann.ok("getStarred", "").get("starred");
        assertThat(legacy.get("album").get(0).get("isDir").asBoolean()).isTrue();
        assertThat(ids(ann.ok("getAlbumList2", "type=starred").get("albumList2").get("album")))
                .containsExactly(album.albumId());

        // Nobody else, the admin included, sees ann's stars.
        JsonNode adminsView = admin.ok("getStarred2", "").get("starred2");
        assertThat(ids(adminsView.get("song"))).doesNotContain(song);
        assertThat(admin.ok("getSong", "id=" + song).get("song").has("starred")).isFalse();

        ann.ok("unstar", "id=" + song + "&albumId=" + album.albumId() + "&artistId=" + album.artistId());
        JsonNode after = ann.ok("getStarred2", "").get("starred2");
        assertThat(after.get("song").size() + after.get("album").size() + after.get("artist").size()).isZero();
    }

    @Test
    void starNeedsAnIdThatExists() {
        assertThat(code(admin.json("star", ""))).isEqualTo(10);
        assertThat(code(admin.json("star", "id=does-not-exist"))).isEqualTo(70);
        assertThat(code(admin.json("star", "albumId=" + album.trackIds().get(0)))).isEqualTo(70);
    }

    @Test
    void ratingsAreSetAndCleared() {
        Subsonic bob = subsonicUser("bob");
        String song = album.trackIds().get(1);
        bob.ok("setRating", "id=" + song + "&rating=4");
        bob.ok("setRating", "id=" + album.albumId() + "&rating=5");
        assertThat(bob.ok("getSong", "id=" + song).get("song").get("userRating").asInt()).isEqualTo(4);
        assertThat(ids(bob.ok("getAlbumList2", "type=highest").get("albumList2").get("album")))
                .containsExactly(album.albumId());
        assertThat(admin.ok("getSong", "id=" + song).get("song").has("userRating")).isFalse();
        bob.ok("setRating", "id=" + song + "&rating=0");
        assertThat(bob.ok("getSong", "id=" + song).get("song").has("userRating")).isFalse();
        assertThat(code(bob.json("setRating", "id=" + song + "&rating=6"))).isZero();
        assertThat(code(bob.json("setRating", "id=" + song))).isEqualTo(10);
    }

    @Test
    void scrobblesCountPlaysAndNowPlayingDoesNot() {
        Subsonic cat = subsonicUser("cat");
        String a = album.trackIds().get(2);
        String b = album.trackIds().get(3);
        cat.ok("scrobble", "id=" + a + "&submission=false");
        assertThat(cat.ok("getSong", "id=" + a).get("song").get("playCount").asInt()).isZero();

        long t1 = 1_700_000_000_000L;
        cat.ok("scrobble", "id=" + a + "&id=" + b + "&time=" + t1 + "&time=" + (t1 + 1000));
        cat.ok("scrobble", "id=" + a);
        JsonNode song = cat.ok("getSong", "id=" + a).get("song");
        assertThat(song.get("playCount").asInt()).isEqualTo(2);
        assertThat(song.get("played").asText()).doesNotStartWith("2023");
        assertThat(cat.ok("getSong", "id=" + b).get("song").get("played").asText()).startsWith("2023-11-14T22:13:21");

        JsonNode frequent = cat.ok("getAlbumList2", "type=frequent").get("albumList2").get("album");
        assertThat(ids(frequent)).containsExactly(album.albumId());
        assertThat(frequent.get(0).get("playCount").asInt()).isEqualTo(3);
        assertThat(ids(cat.ok("getAlbumList2", "type=recent").get("albumList2").get("album")))
                .containsExactly(album.albumId());
        assertThat(admin.ok("getSong", "id=" + a).get("song").get("playCount").asInt()).isZero();
        assertThat(code(cat.json("scrobble", "id=nope"))).isEqualTo(70);
        assertThat(code(cat.json("scrobble", "id=" + a + "&time=1&time=2"))).isZero();
    }

    @Test
    void playlistIsCreatedFilledEditedAndDeleted() {
        Subsonic dan = subsonicUser("dan");
        List<String> t = album.trackIds();
        JsonNode created = dan.ok("createPlaylist", "name=Road+trip&songId=" + t.get(0) + "&songId=" + t.get(1))
                .get("playlist");
        String id = created.get("id").asText();
        assertThat(created.get("name").asText()).isEqualTo("Road trip");
        assertThat(created.get("owner").asText()).isEqualTo(dan.username);
        assertThat(created.get("public").asBoolean()).isFalse();
        assertThat(created.get("songCount").asInt()).isEqualTo(2);
        assertThat(created.get("duration").asInt()).isEqualTo(6);
        assertThat(ids(created.get("entry"))).containsExactly(t.get(0), t.get(1));

        dan.ok("updatePlaylist", "playlistId=" + id + "&name=Long+trip&comment=for+the+car&public=true"
                + "&songIndexToRemove=0&songIdToAdd=" + t.get(2) + "&songIdToAdd=" + t.get(0));
        JsonNode p = dan.ok("getPlaylist", "id=" + id).get("playlist");
        assertThat(p.get("name").asText()).isEqualTo("Long trip");
        assertThat(p.get("comment").asText()).isEqualTo("for the car");
        assertThat(p.get("public").asBoolean()).isTrue();
        assertThat(ids(p.get("entry"))).containsExactly(t.get(1), t.get(2), t.get(0));

        JsonNode replaced = dan.ok("createPlaylist", "playlistId=" + id + "&songId=" + t.get(3)).get("playlist");
        assertThat(ids(replaced.get("entry"))).containsExactly(t.get(3));
        assertThat(ids(dan.ok("getPlaylists", "").get("playlists").get("playlist"))).contains(id);

        dan.ok("deletePlaylist", "id=" + id);
        assertThat(code(dan.json("getPlaylist", "id=" + id))).isEqualTo(70);
        assertThat(code(dan.json("createPlaylist", ""))).isEqualTo(10);
        assertThat(code(dan.json("createPlaylist", "name=x&songId=nope"))).isEqualTo(70);
    }

    /** Apps send a playlist as one GET query string with a songId per entry: 1,000 of them are about 30 KB. */
    @Test
    void aPlaylistOfAThousandSongsSentAsOneGetQueryIsCreated() {
        Subsonic fay = subsonicUser("fay");
        List<String> t = album.trackIds();
        StringBuilder query = new StringBuilder("name=Long+one");
        for (int i = 0; i < 1000; i++) {
            query.append("&songId=").append(t.get(i % t.size()));
        }
        JsonNode created = fay.ok("createPlaylist", query.toString()).get("playlist");
        assertThat(created.get("songCount").asInt()).isEqualTo(1000);
    }

    @Test
    void privatePlaylistsAreInvisibleToEveryoneElseAdminsIncluded() {
        Subsonic eve = subsonicUser("eve");
        Subsonic fay = subsonicUser("fay");
        String secret = eve.ok("createPlaylist", "name=Secret&songId=" + album.trackIds().get(0))
                .get("playlist").get("id").asText();
        String shared = eve.ok("createPlaylist", "name=Shared&songId=" + album.trackIds().get(1))
                .get("playlist").get("id").asText();
        eve.ok("updatePlaylist", "playlistId=" + shared + "&public=true");

        for (Subsonic other : List.of(fay, admin)) {
            assertThat(ids(other.ok("getPlaylists", "").get("playlists").get("playlist")))
                    .doesNotContain(secret).contains(shared);
            assertThat(code(other.json("getPlaylist", "id=" + secret))).isEqualTo(70);
            assertThat(code(other.json("updatePlaylist", "playlistId=" + secret + "&name=mine"))).isEqualTo(70);
            assertThat(code(other.json("deletePlaylist", "id=" + secret))).isEqualTo(70);
            // Public: everyone may play it, only the owner changes it.
            assertThat(ids(other.ok("getPlaylist", "id=" + shared).get("playlist").get("entry")))
                    .containsExactly(album.trackIds().get(1));
            assertThat(code(other.json("updatePlaylist", "playlistId=" + shared + "&name=mine"))).isEqualTo(50);
            assertThat(code(other.json("updatePlaylist", "playlistId=" + shared + "&songIdToAdd="
                    + album.trackIds().get(2)))).isEqualTo(50);
            assertThat(code(other.json("deletePlaylist", "id=" + shared))).isEqualTo(50);
        }
        assertThat(ids(admin.ok("getPlaylists", "username=" + eve.username).get("playlists").get("playlist")))
                .containsExactly(shared);
        assertThat(code(fay.json("getPlaylists", "username=" + eve.username))).isEqualTo(50);
        assertThat(ids(eve.ok("getPlaylists", "").get("playlists").get("playlist"))).contains(secret, shared);
    }

    @Test
    void getUserDefaultsToTheCallerAndGuardsOthers() {
        Subsonic gil = subsonicUser("gil");
        JsonNode me = gil.ok("getUser", "").get("user");
        assertThat(me.get("username").asText()).isEqualTo(gil.username);
        assertThat(me.get("adminRole").asBoolean()).isFalse();
        assertThat(me.get("streamRole").asBoolean()).isTrue();
        assertThat(me.get("folder").get(0).isInt()).isTrue();
        assertThat(code(gil.json("getUser", "username=admin"))).isEqualTo(50);
        assertThat(admin.ok("getUser", "username=" + gil.username).get("user").get("username").asText())
                .isEqualTo(gil.username);
        assertThat(code(admin.json("getUser", "username=nobody-here"))).isEqualTo(70);
    }
}
