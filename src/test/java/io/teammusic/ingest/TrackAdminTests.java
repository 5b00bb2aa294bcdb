package io.teammusic.ingest;

import static io.teammusic.ingest.AudioFixtures.tags;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.teammusic.ingest.AudioFixtures.Kind;
import io.teammusic.testing.Api;
import io.teammusic.testing.ServerTest;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

class TrackAdminTests extends ServerTest {

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
    void patchCorrectsTagsAndRelinksArtistsAlbumAndGenres() {
        JsonNode t = FormatAndTagTests.created(Uploads.raw(admin, audio.make(Kind.MP3, tags("title", "Wrong Title",
                "artist", "Wrong Artist", "album", "Wrong Album", "genre", "Noise"))));
        String id = t.get("id").asText();
        String oldAlbum = t.get("album").get("id").asText();
        Map<String, Object> body = new HashMap<>();
        body.put("title", "Right Title");
        body.put("artists", List.of("Right Artist", "Second Artist"));
        body.put("album", "Right Album");
        body.put("trackNumber", 5);
        body.put("year", 2001);
        body.put("genres", List.of("Ambient"));
        body.put("composer", null);

        Api.Response r = admin.patch("/api/tracks/" + id, body);

        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode p = r.json();
        assertThat(p.get("title").asText()).isEqualTo("Right Title");
        assertThat(FormatAndTagTests.names(p.get("artists"))).containsExactly("Right Artist", "Second Artist");
        assertThat(p.get("album").get("title").asText()).isEqualTo("Right Album");
        assertThat(p.get("trackNumber").asInt()).isEqualTo(5);
        assertThat(p.get("year").asInt()).isEqualTo(2001);
        assertThat(FormatAndTagTests.texts(p.get("genres"))).containsExactly("Ambient");
        assertThat(count("SELECT COUNT(*) FROM albums WHERE id = ?", oldAlbum)).as("emptied album dropped").isZero();
        assertThat(count("SELECT COUNT(*) FROM artists WHERE name = ?", "Wrong Artist")).isZero();
        assertThat(count("SELECT COUNT(*) FROM genres WHERE name = ?", "Noise")).isZero();
    }

    @Test
    void patchRejectsUnknownFieldsAndMissingTracks() {
        String id = FormatAndTagTests.created(Uploads.raw(admin, audio.make(Kind.MP3, tags("title", "Patch Me"))))
                .get("id").asText();

        RejectionAndSafetyTests.assertProblem(admin.patch("/api/tracks/" + id, Map.of("bogus", 1)), 400);
        RejectionAndSafetyTests.assertProblem(admin.patch("/api/tracks/" + id, Map.of("title", " ")), 400);
        RejectionAndSafetyTests.assertProblem(admin.patch("/api/tracks/nope", Map.of("title", "x")), 404);
    }

    @Test
    void patchOutOfBoundsIsA400NamingTheFieldAndChangesNothing() {
        JsonNode t = FormatAndTagTests.created(Uploads.raw(admin, audio.make(Kind.MP3, tags("title", "Bounded",
                "artist", "Bound Artist", "album", "Bound Album", "track", "3/10", "disc", "1/2", "date", "1999"))));
        String id = t.get("id").asText();
        String before = admin.get("/api/tracks/" + id).json().toString();
        String controlChar = "Bell\u0007";
        List<Object[]> bad = List.of(
                new Object[] {"title", "x".repeat(TrackAdminController.MAX_TEXT + 1)},
                new Object[] {"album", "y".repeat(TrackAdminController.MAX_TEXT + 1)},
                new Object[] {"albumArtist", "z".repeat(TrackAdminController.MAX_TEXT + 1)},
                new Object[] {"composer", controlChar},
                new Object[] {"artists", List.of("a".repeat(TrackAdminController.MAX_TEXT + 1))},
                new Object[] {"artists", java.util.Collections.nCopies(TrackAdminController.MAX_NAMES + 1, "Many")},
                new Object[] {"genres", List.of("g".repeat(TrackAdminController.MAX_GENRE + 1))},
                new Object[] {"trackNumber", -1},
                new Object[] {"trackNumber", 10_000},
                new Object[] {"trackNumber", 1.5},
                new Object[] {"trackNumber", 11},
                new Object[] {"trackTotal", 0},
                new Object[] {"trackTotal", 2},
                new Object[] {"discNumber", 1000},
                new Object[] {"discNumber", 3},
                new Object[] {"discTotal", 100_000},
                new Object[] {"year", 99_999},
                new Object[] {"year", 999},
                new Object[] {"year", "1999"});

        for (Object[] b : bad) {
            Map<String, Object> body = new HashMap<>();
            body.put((String) b[0], b[1]);
            body.put("title", b[0].equals("title") ? b[1] : "Changed Title");

            Api.Response r = admin.patch("/api/tracks/" + id, body);

            RejectionAndSafetyTests.assertProblem(r, 400);
            assertThat(r.json().get("field").asText()).as("field named for %s", b[0]).isEqualTo(b[0]);
            assertThat(admin.get("/api/tracks/" + id).json().toString()).as("unchanged after bad %s", b[0])
                    .isEqualTo(before);
        }
        Map<String, Object> both = new HashMap<>();
        both.put("trackNumber", 12);
        both.put("trackTotal", 11);
        assertThat(admin.patch("/api/tracks/" + id, both).json().get("field").asText()).isEqualTo("trackNumber");
    }

    @Test
    void patchAtTheBoundsIsAccepted() {
        String id = FormatAndTagTests.created(Uploads.raw(admin, audio.make(Kind.MP3, tags("title", "Edge"))))
                .get("id").asText();
        Map<String, Object> body = new HashMap<>();
        body.put("title", "t".repeat(TrackAdminController.MAX_TEXT));
        body.put("trackNumber", TrackAdminController.MAX_TRACK);
        body.put("trackTotal", TrackAdminController.MAX_TRACK);
        body.put("discNumber", 0);
        body.put("year", TrackAdminController.MIN_YEAR);
        body.put("artists", List.of("Ångström & 夜"));

        Api.Response r = admin.patch("/api/tracks/" + id, body);

        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().get("trackNumber").asInt()).isEqualTo(TrackAdminController.MAX_TRACK);
        assertThat(r.json().get("year").asInt()).isEqualTo(TrackAdminController.MIN_YEAR);
    }

    @Test
    void deleteRemovesTheTrackItsBlobsAndWhatItAloneKeptAlive() {
        Path cover = audio.jpeg();
        JsonNode t = FormatAndTagTests.created(Uploads.raw(admin, audio.make(Kind.MP3, tags("title", "Doomed",
                "artist", "Lonely Artist", "album", "Lonely Album"), 1.0, cover)));
        String id = t.get("id").asText();
        String hash = t.get("contentHash").asText();
        String coverHash = jdbc.sql("SELECT cover_hash FROM tracks WHERE id = ?").param(id).query(String.class)
                .single();
        assertThat(blob(hash)).exists();
        assertThat(blob(coverHash)).exists();

        Api.Response r = admin.delete("/api/tracks/" + id);

        assertThat(r.status()).isEqualTo(204);
        assertThat(count("SELECT COUNT(*) FROM tracks WHERE id = ?", id)).isZero();
        assertThat(blob(hash)).doesNotExist();
        assertThat(blob(coverHash)).doesNotExist();
        assertThat(count("SELECT COUNT(*) FROM covers WHERE hash = ?", coverHash)).isZero();
        assertThat(count("SELECT COUNT(*) FROM albums WHERE title = ?", "Lonely Album")).isZero();
        assertThat(count("SELECT COUNT(*) FROM artists WHERE name = ?", "Lonely Artist")).isZero();
        RejectionAndSafetyTests.assertProblem(admin.delete("/api/tracks/" + id), 404);
    }

    @Test
    void deleteKeepsACoverThatAnotherTrackStillUses() {
        Path cover = audio.jpeg();
        JsonNode a = FormatAndTagTests.created(Uploads.raw(admin, audio.make(Kind.MP3, tags("title", "Shared A",
                "album", "Shared Cover"), 1.0, cover)));
        FormatAndTagTests.created(Uploads.raw(admin, audio.make(Kind.MP3, tags("title", "Shared B",
                "album", "Shared Cover"), 1.0, cover)));
        String coverHash = jdbc.sql("SELECT cover_hash FROM tracks WHERE id = ?").param(a.get("id").asText())
                .query(String.class).single();

        assertThat(admin.delete("/api/tracks/" + a.get("id").asText()).status()).isEqualTo(204);

        assertThat(blob(a.get("contentHash").asText())).doesNotExist();
        assertThat(blob(coverHash)).exists();
        assertThat(count("SELECT COUNT(*) FROM albums WHERE title = ?", "Shared Cover")).isEqualTo(1);
    }

    int count(String sql, String param) {
        return jdbc.sql(sql).param(param).query(Integer.class).single();
    }

    static Path blob(String hash) {
        return DATA_DIR.resolve("blobs").resolve(hash.substring(0, 2)).resolve(hash.substring(2, 4)).resolve(hash);
    }
}
