package io.teammusic.streaming;

import static org.assertj.core.api.Assertions.assertThat;

import io.teammusic.storage.BlobStore;
import io.teammusic.testing.Api;
import io.teammusic.testing.ServerTest;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Headers a shared cache (a CDN in front of the app) can trust: an answer that depends on who asks is never
 * stored by it; a content-addressed one is public and immutable; and no answer changes with {@code Origin} unless
 * it says so in {@code Vary}, so a cached copy made for one page is never served to another without its CORS
 * headers (or with the wrong ones).
 */
class CacheHeadersTests extends ServerTest {

    @Autowired
    BlobStore blobs;
    @Autowired
    JdbcClient jdbc;

    static String token;
    Api user;
    String trackId;
    String coverHash;

    @BeforeEach
    void aTrackWithACover() {
        TestTracks tracks = new TestTracks(blobs, jdbc);
        coverHash = tracks.cover(TestTracks.randomBytes(3000, System.nanoTime()), "image/png");
        trackId = tracks.track(TestTracks.randomBytes(4000, System.nanoTime() + 1), "audio/mpeg", "h.mp3");
        tracks.setTrackCover(trackId, coverHash);
        if (token == null) {
            token = admin().token();
        }
        user = api().withToken(token);
    }

    private Api.Response get(String path, String origin) {
        HttpRequest.Builder b = user.request(path);
        if (origin != null) {
            b.header("Origin", origin);
        }
        return user.send(b.GET().build());
    }

    @Test
    void answersThatDependOnTheUserAreNeverStoredByACache() {
        Api.Response login = api().post("/api/auth/login", Map.of("username", "admin", "password", ADMIN_PASSWORD));
        List<String> perUser = List.of("/api/tracks", "/api/tracks/" + trackId, "/api/tracks/" + trackId
                + "/stream-url", "/api/me");

        assertThat(login.header("Cache-Control")).contains("no-store");
        for (String path : perUser) {
            Api.Response r = get(path, null);
            assertThat(r.status()).as(path).isIn(200, 404);
            assertThat(r.header("Cache-Control")).as(path).contains("no-store");
        }
        // The bytes are the same for everyone, but who may have them is not: a browser may keep them, a CDN not.
        assertThat(get("/api/tracks/" + trackId + "/stream", null).header("Cache-Control")).startsWith("private");
        assertThat(get("/api/tracks/" + trackId + "/cover", null).header("Cache-Control")).startsWith("private");
    }

    @Test
    void contentAddressedUrlsArePublicAndImmutable() {
        Api.Response cover = get("/api/tracks/" + trackId + "/cover?v=" + coverHash, null);

        assertThat(cover.status()).isEqualTo(200);
        assertThat(cover.header("Cache-Control")).isEqualTo("public, max-age=31536000, immutable");
        assertThat(cover.headers().allValues("Set-Cookie")).isEmpty();
    }

    @Test
    void noAnswerChangesWithOriginUnlessItVariesOnIt() {
        List<String> paths = List.of("/api/tracks", "/api/tracks/" + trackId + "/stream",
                "/api/tracks/" + trackId + "/cover?v=" + coverHash, "/api/tracks/" + trackId + "/stream-url",
                "/.well-known/jwks.json");

        for (String path : paths) {
            Api.Response plain = get(path, null);
            Api.Response cors = get(path, "https://player.example");
            assertThat(cors.status()).as(path).isEqualTo(plain.status());
            boolean varies = cors.headers().allValues("Vary").stream().anyMatch(v -> v.contains("Origin"))
                    && plain.headers().allValues("Vary").stream().anyMatch(v -> v.contains("Origin"));
            if (!varies) {
                for (String h : List.of("Access-Control-Allow-Origin", "Access-Control-Allow-Credentials",
                        "Access-Control-Expose-Headers", "Cache-Control", "Content-Type")) {
                    assertThat(cors.headers().allValues(h)).as(path + " " + h).isEqualTo(plain.headers().allValues(h));
                }
            }
        }
    }
}
