package io.teammusic.ingest;

import static io.teammusic.ingest.AudioFixtures.tags;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.teammusic.ingest.AudioFixtures.Kind;
import io.teammusic.testing.Api;
import io.teammusic.testing.ServerTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

class UploadTests extends ServerTest {

    @Autowired
    JdbcClient jdbc;

    AudioFixtures audio;
    Api admin;

    @BeforeEach
    void setUp() {
        audio = new AudioFixtures();
        admin = admin();
    }

    @Test
    void rawUploadStoresTheTrackWithItsTagsAndAnswers201() {
        Path mp3 = audio.make(Kind.MP3, tags("title", "Raw Song", "artist", "Raw Artist", "album", "Raw Album",
                "track", "3/12", "date", "2011", "genre", "Jazz"));

        Api.Response r = Uploads.raw(admin, mp3, "whatever.bin");

        assertThat(r.status()).as(r.body()).isEqualTo(201);
        JsonNode t = r.json();
        assertThat(t.get("title").asText()).isEqualTo("Raw Song");
        assertThat(t.get("artist").asText()).isEqualTo("Raw Artist");
        assertThat(t.get("album").get("title").asText()).isEqualTo("Raw Album");
        // No album artist tag: the album groups under the track artist, the track shows no album artist.
        assertThat(t.has("albumArtist")).isFalse();
        assertThat(t.get("trackNumber").asInt()).isEqualTo(3);
        assertThat(t.get("trackTotal").asInt()).isEqualTo(12);
        assertThat(t.get("year").asInt()).isEqualTo(2011);
        assertThat(t.get("genres").get(0).asText()).isEqualTo("Jazz");
        assertThat(t.get("container").asText()).isEqualTo("mp3");
        assertThat(t.get("mimeType").asText()).isEqualTo("audio/mpeg");
        assertThat(t.get("originalFilename").asText()).isEqualTo("whatever.bin");
        assertThat(t.get("sampleRate").asInt()).isEqualTo(44100);
        assertThat(t.get("channels").asInt()).isEqualTo(2);
        assertThat(t.get("durationMs").asLong()).isBetween(900L, 1200L);
        assertThat(t.get("sizeBytes").asLong()).isEqualTo(size(mp3));
        assertThat(rowsWithHash(t.get("contentHash").asText())).isEqualTo(1);
    }

    @Test
    void multipartWithOneFileAnswersWithThatFilesStatusAndAResultsList() {
        Path flac = audio.make(Kind.FLAC, tags("title", "Multi One"));

        Api.Response r = Uploads.multipart(admin, flac);

        assertThat(r.status()).as(r.body()).isEqualTo(201);
        JsonNode result = r.json().get("results").get(0);
        assertThat(result.get("status").asText()).isEqualTo("created");
        assertThat(result.get("filename").asText()).isEqualTo(flac.getFileName().toString());
        assertThat(result.get("track").get("title").asText()).isEqualTo("Multi One");
        assertThat(result.get("track").get("codec").asText()).isEqualTo("flac");
    }

    @Test
    void theSameBytesAgainReturnTheExistingTrackWith200AndNoSecondRow() {
        Path mp3 = audio.make(Kind.MP3, tags("title", "Twice"));
        Api.Response first = Uploads.raw(admin, mp3);
        assertThat(first.status()).isEqualTo(201);

        Api.Response again = Uploads.raw(admin, mp3, "other-name.mp3");
        Api.Response againMultipart = Uploads.multipart(admin, mp3);

        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("id").asText()).isEqualTo(first.json().get("id").asText());
        assertThat(againMultipart.status()).isEqualTo(200);
        assertThat(againMultipart.json().get("results").get(0).get("status").asText()).isEqualTo("duplicate");
        assertThat(rowsWithHash(first.json().get("contentHash").asText())).isEqualTo(1);
    }

    @Test
    void aUserWithoutAdminCannotUpload() {
        admin.post("/api/users", Map.of("username", "listener-up", "password", "listener-pass-1", "role", "USER"));
        Api user = api().login("listener-up", "listener-pass-1");
        Path mp3 = audio.make(Kind.MP3, tags("title", "Forbidden"));

        Api.Response raw = Uploads.rawExpectingContinue(user, mp3);
        Api.Response multi = Uploads.multipartExpectingContinue(user, mp3);

        assertThat(raw.status()).isEqualTo(403);
        assertThat(raw.header("Content-Type")).startsWith("application/problem+json");
        assertThat(multi.status()).isEqualTo(403);
        assertThat(rowsWithTitle("Forbidden")).isZero();
    }

    int rowsWithHash(String hash) {
        return jdbc.sql("SELECT COUNT(*) FROM tracks WHERE content_hash = ?").param(hash).query(Integer.class)
                .single();
    }

    int rowsWithTitle(String title) {
        return jdbc.sql("SELECT COUNT(*) FROM tracks WHERE title = ?").param(title).query(Integer.class).single();
    }

    static long size(Path p) {
        try {
            return Files.size(p);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
