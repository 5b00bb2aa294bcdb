package io.teammusic.playlist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.teammusic.testing.Api;
import io.teammusic.testing.ServerTest;
import io.teammusic.testing.SystemTools;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The personal library in the native API, over tracks uploaded as real audio. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PlaylistApiTests extends ServerTest {

    Api admin;
    List<String> tracks = new ArrayList<>();
    String albumId;

    @BeforeAll
    void upload() throws Exception {
        String ffmpeg = SystemTools.require("ffmpeg", "ffmpeg");
        admin = admin();
        String album = "Native " + UUID.randomUUID().toString().substring(0, 8);
        Path dir = Files.createTempDirectory("playlist-tests-");
        for (int i = 1; i <= 3; i++) {
            Path mp3 = dir.resolve("t" + i + ".mp3");
            Process p = new ProcessBuilder(ffmpeg, "-nostdin", "-loglevel", "error", "-f", "lavfi", "-i",
                    "sine=frequency=" + (300 + 50 * i + (int) (Math.random() * 400)) + ":duration=2",
                    "-metadata", "title=Tune " + i, "-metadata", "artist=Native Band", "-metadata", "album=" + album,
                    "-metadata", "track=" + i, "-b:a", "96k", mp3.toString()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            assertThat(p.waitFor()).as(out).isZero();
            Api.Response r = admin.send(admin.request("/api/tracks?filename=" + URLEncoder.encode("t" + i + ".mp3",
                    StandardCharsets.UTF_8)).header("Content-Type", "audio/mpeg")
                    .POST(HttpRequest.BodyPublishers.ofFile(mp3)).build());
            assertThat(r.status()).as(r.body()).isEqualTo(201);
            tracks.add(r.json().get("id").asText());
            albumId = r.json().get("album").get("id").asText();
        }
    }

    /** All test classes share one server: user names get a random suffix. */
    private Api user(String base) {
        String name = base + "-" + UUID.randomUUID().toString().substring(0, 6);
        assertThat(admin.post("/api/users", Map.of("username", name, "password", name + "-password", "role", "USER"))
                .status()).isEqualTo(201);
        return api().login(name, name + "-password");
    }

    private static List<String> trackIds(JsonNode playlist) {
        List<String> out = new ArrayList<>();
        playlist.get("tracks").forEach(t -> out.add(t.get("id").asText()));
        return out;
    }

    @Test
    void playlistLifecycleWithReorder() {
        Api ivy = user("ivy");
        Api.Response created = ivy.post("/api/playlists", Map.of("name", "Morning", "comment", "wake up",
                "trackIds", List.of(tracks.get(0), tracks.get(1))));
        assertThat(created.status()).isEqualTo(201);
        JsonNode p = created.json();
        String id = p.get("id").asText();
        assertThat(p.get("owner").get("username").asText()).startsWith("ivy-");
        assertThat(p.get("public").asBoolean()).isFalse();
        assertThat(p.get("trackCount").asInt()).isEqualTo(2);
        assertThat(p.get("durationMs").asLong()).isBetween(3500L, 4500L);
        assertThat(p.get("tracks").get(0).get("title").asText()).isEqualTo("Tune 1");
        assertThat(p.get("tracks").get(0).get("streamUrl").asText()).endsWith("/stream");

        JsonNode added = ivy.post("/api/playlists/" + id + "/tracks", Map.of("trackIds", List.of(tracks.get(2))))
                .json();
        assertThat(trackIds(added)).containsExactly(tracks.get(0), tracks.get(1), tracks.get(2));
        JsonNode moved = ivy.post("/api/playlists/" + id + "/tracks/move", Map.of("from", 2, "to", 0)).json();
        assertThat(trackIds(moved)).containsExactly(tracks.get(2), tracks.get(0), tracks.get(1));
        JsonNode removed = ivy.delete("/api/playlists/" + id + "/tracks/1").json();
        assertThat(trackIds(removed)).containsExactly(tracks.get(2), tracks.get(1));
        Api.Response replaced = ivy.send(ivy.request("/api/playlists/" + id + "/tracks")
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"trackIds\":[\"" + tracks.get(1) + "\",\""
                        + tracks.get(1) + "\"]}")).build());
        assertThat(trackIds(replaced.json())).containsExactly(tracks.get(1), tracks.get(1));

        JsonNode renamed = ivy.patch("/api/playlists/" + id, Map.of("name", "Evening", "public", true)).json();
        assertThat(renamed.get("name").asText()).isEqualTo("Evening");
        assertThat(renamed.get("public").asBoolean()).isTrue();
        assertThat(renamed.get("comment").asText()).isEqualTo("wake up");

        assertThat(ivy.delete("/api/playlists/" + id).status()).isEqualTo(204);
        assertThat(ivy.get("/api/playlists/" + id).status()).isEqualTo(404);
    }

    @Test
    void movesAndRemovalsNamingTheTrackRefuseWhenThePlaylistChangedMeanwhile() {
        Api max = user("max");
        String id = max.post("/api/playlists", Map.of("name", "Guarded", "trackIds", tracks)).json().get("id")
                .asText();
        JsonNode moved = max.post("/api/playlists/" + id + "/tracks/move", Map.of("from", 0, "to", 2,
                "trackId", tracks.get(0))).json();
        assertThat(trackIds(moved)).containsExactly(tracks.get(1), tracks.get(2), tracks.get(0));

        // Another client put the first entry last: moving "the track at 0" by the old view is refused.
        Api.Response stale = max.post("/api/playlists/" + id + "/tracks/move", Map.of("from", 0, "to", 1,
                "trackId", tracks.get(0)));
        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.header("Content-Type")).contains("problem+json");
        assertThat(stale.json().get("detail").asText()).contains("changed meanwhile");
        Api.Response staleRemove = max.delete("/api/playlists/" + id + "/tracks/2?trackId=" + tracks.get(1));
        assertThat(staleRemove.status()).isEqualTo(409);
        assertThat(trackIds(max.get("/api/playlists/" + id).json()))
                .containsExactly(tracks.get(1), tracks.get(2), tracks.get(0));

        JsonNode removed = max.delete("/api/playlists/" + id + "/tracks/2?trackId=" + tracks.get(0)).json();
        assertThat(trackIds(removed)).containsExactly(tracks.get(1), tracks.get(2));
        assertThat(max.delete("/api/playlists/" + id + "/tracks/5?trackId=" + tracks.get(0)).status())
                .isEqualTo(400);
    }

    @Test
    void badEditsAreProblems() {
        Api jo = user("jo");
        String id = jo.post("/api/playlists", Map.of("name", "Edits")).json().get("id").asText();
        assertThat(jo.post("/api/playlists", Map.of("name", " ")).status()).isEqualTo(400);
        assertThat(jo.post("/api/playlists/" + id + "/tracks", Map.of("trackIds", List.of("nope"))).status())
                .isEqualTo(404);
        assertThat(jo.delete("/api/playlists/" + id + "/tracks/3").status()).isEqualTo(400);
        assertThat(jo.post("/api/playlists/" + id + "/tracks/move", Map.of("from", 0)).status()).isEqualTo(400);
        assertThat(api().get("/api/playlists").status()).isEqualTo(401);
    }

    @Test
    void aTrackListThatIsMissingOrHoldsNonIdsIsRefusedAndThePlaylistKeepsItsTracks() {
        Api pat = user("pat");
        String id = pat.post("/api/playlists", Map.of("name", "Keep", "trackIds", tracks)).json().get("id")
                .asText();
        List<String> nullId = new ArrayList<>();
        nullId.add(null);
        for (Map<String, ?> body : List.<Map<String, ?>>of(Map.of(), Map.of("trackIds", nullId))) {
            Api.Response replaced = pat.send(pat.request("/api/playlists/" + id + "/tracks")
                    .header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString(json(body))).build());
            assertThat(replaced.status()).as(replaced.body()).isEqualTo(400);
            assertThat(replaced.json().get("detail").asText()).contains("trackIds");
            Api.Response appended = pat.post("/api/playlists/" + id + "/tracks", body);
            assertThat(appended.status()).as(appended.body()).isEqualTo(400);
        }
        assertThat(trackIds(pat.get("/api/playlists/" + id).json())).containsExactlyElementsOf(tracks);
        Api.Response created = pat.post("/api/playlists", Map.of("name", "Nulls", "trackIds", nullId));
        assertThat(created.status()).as(created.body()).isEqualTo(400);

        Api.Response emptied = pat.send(pat.request("/api/playlists/" + id + "/tracks")
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"trackIds\":[]}")).build());
        assertThat(emptied.status()).isEqualTo(200);
        assertThat(emptied.json().get("trackCount").asInt()).isZero();
    }

    @Test
    void aPlaylistNameWithControlCharactersIsRefused() {
        Api quin = user("quin");
        Api.Response r = quin.post("/api/playlists", Map.of("name", "a\u0000b"));
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        String id = quin.post("/api/playlists", Map.of("name", "Fine")).json().get("id").asText();
        assertThat(quin.patch("/api/playlists/" + id, Map.of("name", "line\nbreak")).status()).isEqualTo(400);
        assertThat(quin.get("/api/playlists/" + id).json().get("name").asText()).isEqualTo("Fine");
    }

    @Test
    void aPlayAtATimeOutsideAnyCalendarIsABadRequestNotAServerError() {
        Api rae = user("rae");
        for (String at : List.of("-999999999-01-01T00:00:00Z", "+1000000000-12-31T23:59:59Z",
                "2999-01-01T00:00:00Z")) {
            Api.Response r = rae.post("/api/plays", Map.of("trackId", tracks.get(0), "playedAt", at));
            assertThat(r.status()).as(at + ": " + r.body()).isEqualTo(400);
            assertThat(r.json().get("detail").asText()).contains("playedAt");
        }
        assertThat(rae.get("/api/lists/recently-played").json().size()).isZero();
        assertThat(rae.post("/api/plays", Map.of("trackId", tracks.get(0), "playedAt", "2001-02-03T04:05:06Z"))
                .status()).isEqualTo(204);
    }

    private static String json(Object body) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void privateIsPrivateEvenForAdminsAndPublicIsReadOnlyForOthers() {
        Api kim = user("kim");
        String secret = kim.post("/api/playlists", Map.of("name", "Mine", "trackIds", List.of(tracks.get(0))))
                .json().get("id").asText();
        String open = kim.post("/api/playlists", Map.of("name", "Ours", "public", true,
                "trackIds", List.of(tracks.get(0)))).json().get("id").asText();
        for (Api other : List.of(user("lee"), admin)) {
            assertThat(other.get("/api/playlists").body()).doesNotContain(secret).contains(open);
            assertThat(other.get("/api/playlists/" + secret).status()).isEqualTo(404);
            assertThat(other.patch("/api/playlists/" + secret, Map.of("name", "x")).status()).isEqualTo(404);
            assertThat(other.delete("/api/playlists/" + secret).status()).isEqualTo(404);
            assertThat(trackIds(other.get("/api/playlists/" + open).json())).containsExactly(tracks.get(0));
            assertThat(other.patch("/api/playlists/" + open, Map.of("name", "x")).status()).isEqualTo(403);
            assertThat(other.post("/api/playlists/" + open + "/tracks", Map.of("trackIds", List.of(tracks.get(1))))
                    .status()).isEqualTo(403);
            assertThat(other.delete("/api/playlists/" + open).status()).isEqualTo(403);
        }
    }

    @Test
    void changingSomeoneElsesPublicPlaylistSaysItBelongsToAnotherUserNotARole() {
        Api kim = user("kim");
        String open = kim.post("/api/playlists", Map.of("name", "Shared", "public", true)).json().get("id").asText();
        for (Api other : List.of(user("lee"), admin)) {
            Api.Response r = other.patch("/api/playlists/" + open, Map.of("name", "x"));
            assertThat(r.status()).isEqualTo(403);
            assertThat(r.header("Content-Type")).startsWith("application/problem+json");
            assertThat(r.json().get("detail").asText()).contains("belongs to another user").doesNotContain("role");
        }
        Api.Response asUser = user("ann").get("/api/users");
        assertThat(asUser.status()).isEqualTo(403);
        assertThat(asUser.json().get("detail").asText()).contains("role");
    }

    @Test
    void favouritesRatingsPlaysAndListsAreOwnOnly() {
        Api max = user("max");
        Api ned = user("ned");
        assertThat(max.send(max.request("/api/favourites/tracks/" + tracks.get(0))
                .PUT(HttpRequest.BodyPublishers.noBody()).build()).status()).isEqualTo(204);
        max.send(max.request("/api/favourites/albums/" + albumId).PUT(HttpRequest.BodyPublishers.noBody()).build());
        JsonNode fav = max.get("/api/favourites").json();
        assertThat(fav.get("tracks").get(0).get("id").asText()).isEqualTo(tracks.get(0));
        assertThat(fav.get("tracks").get(0).get("name").asText()).isEqualTo("Tune 1");
        assertThat(fav.get("albums").get(0).get("id").asText()).isEqualTo(albumId);
        assertThat(fav.get("artists").size()).isZero();
        assertThat(ned.get("/api/favourites").json().get("tracks").size()).isZero();
        assertThat(admin.get("/api/favourites").body()).doesNotContain(tracks.get(0));
        assertThat(max.send(max.request("/api/favourites/songs/x").PUT(HttpRequest.BodyPublishers.noBody())
                .build()).status()).isEqualTo(400);
        assertThat(max.send(max.request("/api/favourites/tracks/missing").PUT(HttpRequest.BodyPublishers.noBody())
                .build()).status()).isEqualTo(404);

        Api.Response rated = max.send(max.request("/api/ratings/tracks/" + tracks.get(1))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"rating\":4}")).build());
        assertThat(rated.status()).isEqualTo(204);
        assertThat(max.send(max.request("/api/ratings/tracks/" + tracks.get(1))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"rating\":9}")).build()).status()).isEqualTo(400);

        assertThat(max.post("/api/plays", Map.of("trackId", tracks.get(1))).status()).isEqualTo(204);
        max.post("/api/plays", Map.of("trackId", tracks.get(1), "playedAt", "2024-01-01T10:00:00Z"));
        max.post("/api/plays", Map.of("trackId", tracks.get(2)));

        JsonNode most = max.get("/api/lists/most-played?size=10").json();
        assertThat(most.get(0).get("track").get("id").asText()).isEqualTo(tracks.get(1));
        assertThat(most.get(0).get("playCount").asInt()).isEqualTo(2);
        assertThat(most.get(0).get("rating").asInt()).isEqualTo(4);
        assertThat(most.size()).isEqualTo(2);
        JsonNode recent = max.get("/api/lists/recently-played").json();
        assertThat(recent.get(0).get("lastPlayedAt").asText()).doesNotStartWith("2024");
        assertThat(max.get("/api/lists/favourites").json().get(0).get("starredAt").isTextual()).isTrue();
        assertThat(max.get("/api/lists/random?size=2").json().size()).isEqualTo(2);
        assertThat(max.get("/api/lists/recently-added?size=1").json().size()).isEqualTo(1);
        assertThat(ned.get("/api/lists/most-played").json().size()).isZero();
        assertThat(max.get("/api/lists/best").status()).isEqualTo(400);
    }
}
