package io.teammusic.subsonic;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.teammusic.testing.Api;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Test;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SubsonicBrowsingTests extends SubsonicTestBase {

    Subsonic sub;
    LibraryFixture.Album album;

    @BeforeAll
    void setUp() throws Exception {
        sub = subsonicAdmin();
        String artist = LibraryFixture.unique("Zebra Band");
        album = fixture().album(artist, LibraryFixture.unique("Stripes"), 3, true);
    }

    private static List<String> ids(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.get("id").asText()));
        return out;
    }

    @Test
    void artistsAreIndexedByLetterWithTypedFields() {
        JsonNode artists = sub.ok("getArtists", "").get("artists");
        assertThat(artists.get("ignoredArticles").isTextual()).isTrue();
        JsonNode z = null;
        for (JsonNode idx : artists.get("index")) {
            if (idx.get("name").asText().equals("Z")) {
                z = idx;
            }
        }
        assertThat(z).as("index Z").isNotNull();
        JsonNode mine = null;
        for (JsonNode a : z.get("artist")) {
            if (a.get("id").asText().equals(album.artistId())) {
                mine = a;
            }
        }
        assertThat(mine).isNotNull();
        assertThat(mine.get("id").isTextual()).isTrue();
        assertThat(mine.get("albumCount").isInt()).isTrue();
        assertThat(mine.get("albumCount").asInt()).isEqualTo(1);
        assertThat(mine.get("coverArt").asText()).isEqualTo(album.artistId());
    }

    @Test
    void artistToAlbumToSongByTags() {
        JsonNode artist = sub.ok("getArtist", "id=" + album.artistId()).get("artist");
        assertThat(artist.get("name").asText()).isEqualTo(album.artistName());
        assertThat(ids(artist.get("album"))).containsExactly(album.albumId());

        JsonNode a = sub.ok("getAlbum", "id=" + album.albumId()).get("album");
        assertThat(a.get("name").asText()).isEqualTo(album.albumTitle());
        assertThat(a.get("songCount").asInt()).isEqualTo(3);
        assertThat(a.get("duration").isInt()).isTrue();
        assertThat(a.get("duration").asInt()).isEqualTo(9);
        assertThat(a.get("created").asText()).endsWith("Z");
        assertThat(a.get("year").asInt()).isEqualTo(2024);
        assertThat(a.get("genre").asText()).isEqualTo("Testgenre");
        assertThat(ids(a.get("song"))).containsExactlyElementsOf(album.trackIds());

        JsonNode song = a.get("song").get(1);
        assertThat(song.get("isDir").asBoolean()).isFalse();
        assertThat(song.get("track").asInt()).isEqualTo(2);
        assertThat(song.get("size").isIntegralNumber()).isTrue();
        assertThat(song.get("duration").asInt()).isEqualTo(3);
        assertThat(song.get("bitRate").asInt()).isEqualTo(128);
        assertThat(song.get("suffix").asText()).isEqualTo("mp3");
        assertThat(song.get("contentType").asText()).isEqualTo("audio/mpeg");
        assertThat(song.get("albumId").asText()).isEqualTo(album.albumId());
        assertThat(song.get("artistId").asText()).isEqualTo(album.artistId());
        assertThat(song.get("coverArt").asText()).isEqualTo(album.albumId());

        JsonNode one = sub.ok("getSong", "id=" + album.trackIds().get(0)).get("song");
        assertThat(one.get("title").asText()).startsWith("Song 1 of");
    }

    @Test
    void folderClientsBrowseArtistThenAlbumDirectories() {
        JsonNode indexes = sub.ok("getIndexes", "").get("indexes");
        assertThat(indexes.get("lastModified").isIntegralNumber()).isTrue();
        assertThat(indexes.toString()).contains(album.artistId());
        long lastModified = indexes.get("lastModified").asLong();
        assertThat(sub.ok("getIndexes", "ifModifiedSince=" + lastModified).get("indexes").has("index")).isFalse();

        JsonNode artistDir = sub.ok("getMusicDirectory", "id=" + album.artistId()).get("directory");
        assertThat(artistDir.get("name").asText()).isEqualTo(album.artistName());
        JsonNode albumChild = artistDir.get("child").get(0);
        assertThat(albumChild.get("isDir").asBoolean()).isTrue();
        assertThat(albumChild.get("id").asText()).isEqualTo(album.albumId());

        JsonNode albumDir = sub.ok("getMusicDirectory", "id=" + album.albumId()).get("directory");
        assertThat(albumDir.get("parent").asText()).isEqualTo(album.artistId());
        assertThat(ids(albumDir.get("child"))).containsExactlyElementsOf(album.trackIds());
        assertThat(sub.ok("getMusicFolders", "").get("musicFolders").get("musicFolder").get(0).get("id").isInt())
                .isTrue();
    }

    @Test
    void unknownIdsAreError70AndMissingOnesError10() {
        assertThat(sub.json("getAlbum", "id=nope").get("error").get("code").asInt()).isEqualTo(70);
        assertThat(sub.json("getSong", "id=nope").get("error").get("code").asInt()).isEqualTo(70);
        assertThat(sub.json("getMusicDirectory", "id=nope").get("error").get("code").asInt()).isEqualTo(70);
        assertThat(sub.json("getArtist", "").get("error").get("code").asInt()).isEqualTo(10);
        assertThat(sub.json("getIndexes", "musicFolderId=7").get("error").get("code").asInt()).isEqualTo(70);
    }

    @Test
    void albumListsByKind() {
        JsonNode newest = sub.ok("getAlbumList2", "type=newest&size=500").get("albumList2");
        assertThat(ids(newest.get("album"))).contains(album.albumId());
        assertThat(newest.get("album").get(0).has("title")).isFalse();
        JsonNode byName = sub.ok("getAlbumList", "type=alphabeticalByName&size=500").get("albumList");
        JsonNode first = byName.get("album").get(0);
        assertThat(first.get("isDir").asBoolean()).isTrue();
        assertThat(first.get("title").isTextual()).isTrue();
        assertThat(ids(sub.ok("getAlbumList2", "type=byYear&fromYear=2030&toYear=2020&size=500").get("albumList2")
                .get("album"))).contains(album.albumId());
        assertThat(ids(sub.ok("getAlbumList2", "type=byGenre&genre=testgenre&size=500").get("albumList2")
                .get("album"))).contains(album.albumId());
        JsonNode empty = sub.ok("getAlbumList2", "type=starred").get("albumList2");
        assertThat(empty.isObject()).isTrue();
        assertThat(sub.json("getAlbumList2", "type=garbage").get("error").get("code").asInt()).isEqualTo(10);
        assertThat(sub.json("getAlbumList2", "").get("error").get("code").asInt()).isEqualTo(10);
        assertThat(sub.json("getAlbumList2", "type=byYear").get("error").get("code").asInt()).isEqualTo(10);
    }

    @Test
    void randomSongsAndGenres() {
        JsonNode random = sub.ok("getRandomSongs", "size=2").get("randomSongs").get("song");
        assertThat(random.isArray()).isTrue();
        assertThat(random.size()).isEqualTo(2);
        JsonNode genres = sub.ok("getGenres", "").get("genres").get("genre");
        assertThat(genres.toString()).contains("\"value\":\"Testgenre\"");
        assertThat(genres.get(0).get("songCount").isInt()).isTrue();
        assertThat(ids(sub.ok("getSongsByGenre", "genre=Testgenre&count=500").get("songsByGenre").get("song")))
                .containsAll(album.trackIds());
    }

    @Test
    void searchFindsByNameAcrossTypes() {
        String word = album.artistName().substring(album.artistName().lastIndexOf(' ') + 1);
        JsonNode r = sub.ok("search3", "query=" + word).get("searchResult3");
        assertThat(ids(r.get("artist"))).containsExactly(album.artistId());
        assertThat(ids(r.get("album"))).containsExactly(album.albumId());
        assertThat(ids(r.get("song"))).containsExactlyInAnyOrderElementsOf(album.trackIds());
        JsonNode two = sub.ok("search2", "query=" + word).get("searchResult2");
        assertThat(two.get("album").get(0).get("isDir").asBoolean()).isTrue();
        assertThat(sub.ok("search3", "query=nothing-matches-this-xyz").get("searchResult3").get("song").size())
                .isZero();
    }

    @Test
    void emptySearchListsEverythingInStablePages() {
        int total = jdbc.sql("SELECT COUNT(*) FROM tracks").query(Integer.class).single();
        for (String q : List.of("query=%22%22", "query=", "query=*", "")) {
            Set<String> seen = new HashSet<>();
            List<String> all = new ArrayList<>();
            for (int offset = 0; offset < total + 4; offset += 2) {
                JsonNode page = sub.ok("search3", q + "&artistCount=0&albumCount=0&songCount=2&songOffset=" + offset)
                        .get("searchResult3");
                assertThat(page.get("artist").size()).isZero();
                page.get("song").forEach(s -> all.add(s.get("id").asText()));
            }
            seen.addAll(all);
            assertThat(all).as(q).hasSize(total);
            assertThat(seen).as(q).hasSize(total).containsAll(album.trackIds());
        }
    }

    @Test
    void bigCountsPageThroughMoreThanAHundredHitsAndTheWholeCatalogEachItemOnce() {
        String word = "manyhits" + io.teammusic.shared.Ids.newId().substring(0, 6).toLowerCase()
                .replaceAll("[^a-z]", "q");
        long now = System.currentTimeMillis();
        // Its own artist and no album: the other tests count the fixture album's songs.
        String artistId = io.teammusic.shared.Ids.newId();
        jdbc.sql("INSERT INTO artists (id, name, name_norm, sort_name, created_at) VALUES (?, ?, ?, ?, ?)")
                .params(artistId, word, word, word, now).update();
        Set<String> mine = new HashSet<>();
        for (int i = 0; i < 620; i++) {
            String id = io.teammusic.shared.Ids.newId();
            mine.add(id);
            jdbc.sql("INSERT INTO tracks (id, content_hash, storage_key, size_bytes, mime_type, container,"
                            + " original_filename, title, title_norm, track_no, created_at, updated_at)"
                            + " VALUES (?, ?, ?, 1000, 'audio/mpeg', 'mp3', 'x.mp3', ?, ?, ?, ?, ?)")
                    .params(id, "hash-" + id, "audio/" + id, word + " " + i, word + " " + i, i, now, now)
                    .update();
            jdbc.sql("INSERT INTO track_artists (track_id, artist_id, position) VALUES (?, ?, 0)")
                    .params(id, artistId).update();
        }
        try {
            JsonNode first = sub.ok("search3", "query=" + word + "&songCount=1000").get("searchResult3");
            assertThat(first.get("song")).as("at most 500 per call").hasSize(500);
            JsonNode second = sub.ok("search3", "query=" + word + "&songCount=500&songOffset=500").get("searchResult3");
            List<String> hits = new ArrayList<>(ids(first.get("song")));
            hits.addAll(ids(second.get("song")));
            assertThat(hits).doesNotHaveDuplicates();
            assertThat(new HashSet<>(hits)).isEqualTo(mine);
            assertThat(ids(sub.ok("search2", "query=" + word + "&songCount=200&songOffset=600").get("searchResult2")
                    .get("song"))).hasSize(20);

            int total = jdbc.sql("SELECT COUNT(*) FROM tracks").query(Integer.class).single();
            List<String> songs = new ArrayList<>();
            List<String> artists = new ArrayList<>();
            List<String> albums = new ArrayList<>();
            for (int offset = 0; offset <= total; offset += 500) {
                JsonNode page = sub.ok("search3", "query=%22%22&artistCount=1000&albumCount=1000&songCount=1000"
                        + "&artistOffset=" + offset + "&albumOffset=" + offset + "&songOffset=" + offset)
                        .get("searchResult3");
                assertThat(page.get("song").size()).isLessThanOrEqualTo(500);
                songs.addAll(ids(page.get("song")));
                artists.addAll(ids(page.get("artist")));
                albums.addAll(ids(page.get("album")));
            }
            assertThat(songs).hasSize(total).doesNotHaveDuplicates().containsAll(mine);
            assertThat(artists).doesNotHaveDuplicates().contains(album.artistId(), artistId);
            assertThat(albums).doesNotHaveDuplicates().contains(album.albumId());
        } finally {
            // Other tests walk the whole catalog two songs at a time.
            mine.forEach(id -> jdbc.sql("DELETE FROM tracks WHERE id = ?").param(id).update());
            jdbc.sql("DELETE FROM artists WHERE id = ?").param(artistId).update();
        }
    }

    @Test
    void coverArtOriginalAndScaledDown() throws Exception {
        Api.Response original = sub.get("getCoverArt", "id=" + album.albumId());
        assertThat(original.status()).isEqualTo(200);
        assertThat(original.header("Content-Type")).isEqualTo("image/png");
        var img = ImageIO.read(new ByteArrayInputStream(original.bytes()));
        assertThat(img.getWidth()).isEqualTo(400);
        assertThat(original.header("Cache-Control")).as("the URL holds credentials: no shared cache")
                .contains("private").doesNotContain("public");

        Api.Response small = sub.get("getCoverArt", "id=" + album.trackIds().get(0) + "&size=100");
        assertThat(small.status()).isEqualTo(200);
        var scaled = ImageIO.read(new ByteArrayInputStream(small.bytes()));
        assertThat(scaled.getWidth()).isEqualTo(100);
        assertThat(scaled.getHeight()).isEqualTo(75);

        Api.Response big = sub.get("getCoverArt", "id=" + album.artistId() + "&size=1000");
        assertThat(ImageIO.read(new ByteArrayInputStream(big.bytes())).getWidth()).as("never upscaled")
                .isEqualTo(400);
        assertThat(sub.json("getCoverArt", "id=nope").get("error").get("code").asInt()).isEqualTo(70);
    }
}
