package io.teammusic.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.teammusic.shared.Ids;
import io.teammusic.testing.Api;
import io.teammusic.testing.ServerTest;
import io.teammusic.testing.SystemTools;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The read side over what the real write side stored: tagged MP3s made with ffmpeg, uploaded through
 * {@code POST /api/tracks}, then browsed and searched. This is where folding on both sides must agree.
 */
class UploadedCatalogTests extends ServerTest {

    @TempDir
    Path dir;

    private Path mp3(String name, String title, String artist, String album, String albumArtist, int track,
            boolean cover) throws Exception {
        String ffmpeg = SystemTools.require("ffmpeg", "ffmpeg");
        Path out = dir.resolve(name + ".mp3");
        List<String> cmd = new ArrayList<>(List.of(ffmpeg, "-loglevel", "error", "-y", "-f", "lavfi", "-i",
                "sine=f=" + (300 + track * 40) + ":d=1"));
        if (cover) {
            cmd.addAll(List.of("-f", "lavfi", "-i", "color=c=0x3366cc:s=64x64:d=1", "-map", "0:a", "-map", "1:v",
                    "-frames:v", "1", "-c:v", "mjpeg", "-disposition:v", "attached_pic"));
        }
        cmd.addAll(List.of("-metadata", "title=" + title, "-metadata", "artist=" + artist, "-metadata",
                "album=" + album, "-metadata", "album_artist=" + albumArtist, "-metadata", "track=" + track,
                "-c:a", "libmp3lame", "-b:a", "32k", "-id3v2_version", "3", out.toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(new String(p.getInputStream().readAllBytes())).isZero();
        return out;
    }

    private static JsonNode upload(Api admin, Path file) throws IOException {
        Api.Response r = admin.send(admin.request("/api/tracks?filename="
                        + URLEncoder.encode(file.getFileName().toString(), StandardCharsets.UTF_8))
                .header("Content-Type", "audio/mpeg").POST(HttpRequest.BodyPublishers.ofFile(file)).build());
        assertThat(r.status()).as(r.body()).isIn(200, 201);
        return r.json();
    }

    @Test
    void uploadedTracksAreBrowsableAndFoundByAccentFreeAndJapaneseQueries() throws Exception {
        String tag = "up" + Ids.newId().replaceAll("[^a-zA-Z]", "").toLowerCase().substring(0, 6);
        Api admin = admin();
        JsonNode second = upload(admin, mp3("b", "Déjà Vu " + tag, "Beyoncé " + tag, "B'Day " + tag,
                "Beyoncé " + tag, 2, true));
        JsonNode first = upload(admin, mp3("a", "夜に駆ける " + tag, "Beyoncé " + tag, "B'Day " + tag,
                "Beyoncé " + tag, 1, false));
        String albumId = first.get("album").get("id").asText();
        assertThat(second.get("album").get("id").asText()).isEqualTo(albumId);

        JsonNode album = admin.get("/api/albums/" + albumId).json();
        assertThat(album.get("tracks")).extracting(t -> t.get("title").asText())
                .containsExactly("夜に駆ける " + tag, "Déjà Vu " + tag);
        assertThat(album.get("trackCount").asInt()).isEqualTo(2);
        assertThat(album.get("coverUrl").asText()).isEqualTo("/api/albums/" + albumId + "/cover");
        assertThat(admin.get(album.get("coverUrl").asText()).status()).isEqualTo(200);

        JsonNode byAccentFree = admin.get("/api/search?q=" + URLEncoder.encode("beyonce " + tag,
                StandardCharsets.UTF_8)).json();
        assertThat(byAccentFree.get("artists")).extracting(a -> a.get("name").asText())
                .containsExactly("Beyoncé " + tag);
        assertThat(byAccentFree.get("tracks")).hasSize(2);
        assertThat(byAccentFree.get("albums")).extracting(a -> a.get("id").asText()).containsExactly(albumId);

        JsonNode deja = admin.get("/api/search?q=" + URLEncoder.encode("DEJA VU " + tag, StandardCharsets.UTF_8))
                .json();
        assertThat(deja.get("tracks")).extracting(t -> t.get("id").asText())
                .containsExactly(second.get("id").asText());
        JsonNode japanese = admin.get("/api/search?q=" + URLEncoder.encode("駆け", StandardCharsets.UTF_8)).json();
        assertThat(japanese.get("tracks")).extracting(t -> t.get("id").asText()).contains(first.get("id").asText());

        String artistId = first.get("artists").get(0).get("id").asText();
        JsonNode artist = admin.get("/api/artists/" + artistId).json();
        assertThat(artist.get("albumCount").asInt()).isEqualTo(1);
        assertThat(artist.get("trackCount").asInt()).isEqualTo(2);

        assertThat(admin.delete("/api/tracks/" + first.get("id").asText()).status()).isEqualTo(204);
        JsonNode afterDelete = admin.get("/api/search?q=" + URLEncoder.encode("駆け", StandardCharsets.UTF_8))
                .json();
        assertThat(afterDelete.get("tracks")).extracting(t -> t.get("id").asText())
                .doesNotContain(first.get("id").asText());
    }
}
