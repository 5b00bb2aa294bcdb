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
 * Files uploaded through the native API with awkward tags (control characters), then read back
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
