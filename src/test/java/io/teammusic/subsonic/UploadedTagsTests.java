package io.teammusic.subsonic;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.teammusic.shared.Ids;
import io.teammusic.testing.Api;
import io.teammusic.testing.SystemTools;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/**
 * Files uploaded through the native API with awkward tags (control characters, none at all), then read back
 * through both APIs the way a user's clients would.
 */
class UploadedTagsTests extends SubsonicTestBase {

    /** A real MP3 (a sine tone) with the given {@code key=value} tags; a unique comment keeps its bytes new. */
    private static Path mp3(String... tags) throws Exception {
        String ffmpeg = SystemTools.require("ffmpeg", "ffmpeg");
        Path out = Files.createTempDirectory("uploaded-tags-").resolve("tone.mp3");
        List<String> cmd = new ArrayList<>(List.of(ffmpeg, "-nostdin", "-loglevel", "error", "-f", "lavfi", "-i",
                "sine=frequency=" + (300 + (int) (Math.random() * 600)) + ":duration=1", "-b:a", "64k",
                "-metadata", "comment=" + Ids.newId()));
        for (String tag : tags) {
            cmd.addAll(List.of("-metadata", tag));
        }
        cmd.add(out.toString());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(log).isZero();
        return out;
    }

    private JsonNode upload(Path file, String filename) throws Exception {
        Api admin = admin();
        Api.Response r = admin.send(admin.request("/api/tracks?filename=" + filename)
                .header("Content-Type", "audio/mpeg").POST(HttpRequest.BodyPublishers.ofFile(file)).build());
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json();
    }

    private static Document xml(Api.Response r) throws Exception {
        assertThat(r.status()).isEqualTo(200);
        // A control character in an XML 1.0 document makes it not well-formed: the parse itself is the check.
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(r.bytes()));
        assertThat(doc.getDocumentElement().getAttribute("status")).isEqualTo("ok");
        return doc;
    }

    private static List<String> ids(JsonNode list) {
        List<String> out = new ArrayList<>();
        if (list != null) {
            list.forEach(n -> out.add(n.get("id").asText()));
        }
        return out;
    }

    /** What a Subsonic client shows of one artist: browsed by tags and by folders, as the two kinds of app do. */
    private static void assertBrowsableInSubsonic(Subsonic s, String artistId, String artistName, String albumId,
            String trackId) {
        boolean listed = false;
        for (JsonNode index : s.ok("getArtists", "").get("artists").get("index")) {
            listed |= ids(index.get("artist")).contains(artistId);
        }
        assertThat(listed).as("getArtists lists " + artistName).isTrue();
        JsonNode artist = s.ok("getArtist", "id=" + artistId).get("artist");
        assertThat(ids(artist.get("album"))).contains(albumId);
        JsonNode album = s.ok("getAlbum", "id=" + albumId).get("album");
        assertThat(album.get("name").asText()).isEqualTo("[Unknown Album]");
        assertThat(album.get("artist").asText()).isEqualTo(artistName);
        assertThat(ids(album.get("song"))).contains(trackId);
        assertThat(ids(s.ok("getAlbumList2", "type=newest&size=500").get("albumList2").get("album")))
                .contains(albumId);
        assertThat(ids(s.ok("getMusicDirectory", "id=" + artistId).get("directory").get("child"))).contains(albumId);
        assertThat(ids(s.ok("getMusicDirectory", "id=" + albumId).get("directory").get("child"))).contains(trackId);
        assertThat(s.ok("getSong", "id=" + trackId).get("song").get("albumId").asText()).isEqualTo(albumId);
    }

    @Test
    void aTrackWithoutAnAlbumTagIsOnTheUnknownAlbumOfItsArtistInBothApis() throws Exception {
        String artistName = LibraryFixture.unique("Loose Singer");
        JsonNode track = upload(mp3("title=Loose Song", "artist=" + artistName), "loose.mp3");
        String trackId = track.get("id").asText();
        assertThat(track.get("album").get("title").asText()).isEqualTo("[Unknown Album]");
        String albumId = track.get("album").get("id").asText();
        String artistId = track.get("artists").get(0).get("id").asText();
        assertThat(track.has("albumArtist")).as("no tag named one").isFalse();

        JsonNode album = admin().get("/api/albums/" + albumId).json();
        assertThat(album.get("artist").get("id").asText()).isEqualTo(artistId);
        assertThat(ids(album.get("tracks"))).containsExactly(trackId);
        assertThat(ids(admin().get("/api/artists/" + artistId).json().get("albums"))).containsExactly(albumId);

        Subsonic s = subsonicUser("listener");
        assertBrowsableInSubsonic(s, artistId, artistName, albumId, trackId);

        JsonNode second = upload(mp3("title=Another Loose Song", "artist=" + artistName), "loose2.mp3");
        assertThat(second.get("album").get("id").asText()).as("one per artist").isEqualTo(albumId);
    }

    @Test
    void aTrackWithNoTagsAtAllIsOnTheUnknownAlbumOfTheUnknownArtist() throws Exception {
        JsonNode track = upload(mp3(), "Bare%20Name.mp3");
        String trackId = track.get("id").asText();
        assertThat(track.get("title").asText()).isEqualTo("Bare Name");
        String albumId = track.get("album").get("id").asText();
        JsonNode album = admin().get("/api/albums/" + albumId).json();
        assertThat(album.get("title").asText()).isEqualTo("[Unknown Album]");
        assertThat(album.get("artist").get("name").asText()).isEqualTo("Unknown Artist");
        assertBrowsableInSubsonic(subsonicAdmin(), album.get("artist").get("id").asText(), "Unknown Artist", albumId,
                trackId);
    }

    @Test
    void clearingTheAlbumOfATrackMovesItToTheUnknownAlbum() throws Exception {
        String artistName = LibraryFixture.unique("Edited Singer");
        JsonNode track = upload(mp3("title=Edited Song", "artist=" + artistName, "album=Real Record"), "e.mp3");
        String id = track.get("id").asText();
        java.util.Map<String, Object> clear = new java.util.HashMap<>();
        clear.put("album", null);
        JsonNode edited = admin().patch("/api/tracks/" + id, clear).json();
        assertThat(edited.get("album").get("title").asText()).isEqualTo("[Unknown Album]");
        assertThat(admin().get("/api/albums/" + track.get("album").get("id").asText()).status())
                .as("the emptied album is gone").isEqualTo(404);
        assertBrowsableInSubsonic(subsonicAdmin(), edited.get("artists").get(0).get("id").asText(), artistName,
                edited.get("album").get("id").asText(), id);
    }

    @Test
    void tracksStoredWithoutAnAlbumBeforeAreFiledUnderTheUnknownAlbumAtStartUp(
            @org.springframework.beans.factory.annotation.Autowired io.teammusic.catalog.CatalogWriter writer)
            throws Exception {
        String artistName = LibraryFixture.unique("Old Singer");
        JsonNode track = upload(mp3("title=Old Song", "artist=" + artistName), "old.mp3");
        String id = track.get("id").asText();
        // As a server before this change stored it: no album row at all.
        jdbc.sql("UPDATE tracks SET album_id = NULL WHERE id = ?").param(id).update();
        jdbc.sql("DELETE FROM albums WHERE id = ?").param(track.get("album").get("id").asText()).update();
        assertThat(admin().get("/api/tracks/" + id).json().has("album")).isFalse();

        assertThat(writer.fileAlbumlessTracks()).isPositive();

        JsonNode filed = admin().get("/api/tracks/" + id).json();
        assertThat(filed.get("album").get("title").asText()).isEqualTo("[Unknown Album]");
        assertBrowsableInSubsonic(subsonicAdmin(), filed.get("artists").get(0).get("id").asText(), artistName,
                filed.get("album").get("id").asText(), id);
        assertThat(writer.fileAlbumlessTracks()).isZero();
    }

    @Test
    void controlCharactersInTagsNeverReachJsonOrXmlClients() throws Exception {
        String tag = LibraryFixture.unique("Ctl");
        JsonNode track = upload(mp3("title=Bell\u0007 Tone\u0001 " + tag, "artist=Ctrl\tBand\u001b " + tag,
                "album=Line\r\nBreak\u007f " + tag, "genre=Noise\u0002 " + tag), "ctl.mp3");

        assertThat(track.get("title").asText()).isEqualTo("Bell Tone " + tag);
        assertThat(track.get("artist").asText()).isEqualTo("Ctrl Band " + tag);
        assertThat(track.get("artists").get(0).get("name").asText()).isEqualTo("Ctrl Band " + tag);
        assertThat(track.get("album").get("title").asText()).isEqualTo("Line Break " + tag);
        assertThat(track.get("genres").get(0).asText()).isEqualTo("Noise " + tag);

        Subsonic s = subsonicAdmin();
        String albumId = track.get("album").get("id").asText();
        Document album = xml(s.get("getAlbum", "id=" + albumId));
        assertThat(album.getElementsByTagName("album").item(0).getAttributes().getNamedItem("name")
                .getNodeValue()).isEqualTo("Line Break " + tag);
        Document song = xml(s.get("getSong", "id=" + track.get("id").asText()));
        assertThat(song.getElementsByTagName("song").item(0).getAttributes().getNamedItem("title").getNodeValue())
                .isEqualTo("Bell Tone " + tag);
        xml(s.get("search3", "query=" + Subsonic.enc(tag)));
        xml(s.get("getArtist", "id=" + track.get("artists").get(0).get("id").asText()));
        assertThat(s.ok("getSong", "id=" + track.get("id").asText()).get("song").get("artist").asText())
                .isEqualTo("Ctrl Band " + tag);
    }
}
