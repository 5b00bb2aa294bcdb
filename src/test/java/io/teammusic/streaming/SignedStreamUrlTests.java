package io.teammusic.streaming;

import static org.assertj.core.api.Assertions.assertThat;

import io.teammusic.auth.UrlSigner;
import io.teammusic.storage.BlobStore;
import io.teammusic.testing.Api;
import io.teammusic.testing.ServerTest;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** {@code /stream-url} hands out a URL an {@code <audio>} element can play; only that exact URL works. */
class SignedStreamUrlTests extends ServerTest {

    @Autowired
    BlobStore blobs;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    UrlSigner signer;

    Api user;
    byte[] bytes;
    String id;
    String otherId;

    @BeforeEach
    void storeTracks() {
        TestTracks tracks = new TestTracks(blobs, jdbc);
        bytes = TestTracks.randomBytes(70_000, System.nanoTime());
        id = tracks.track(bytes, "audio/mpeg", "a.mp3");
        otherId = tracks.track(TestTracks.randomBytes(1000, System.nanoTime() + 1), "audio/mpeg", "b.mp3");
        user = api().withToken(adminToken());
    }

    private String signedUrl(String trackId) {
        Api.Response r = user.get("/api/tracks/" + trackId + "/stream-url");
        assertThat(r.status()).isEqualTo(200);
        return r.json().get("url").asText();
    }

    @Test
    void streamUrlExpiresAfterTheConfiguredSixHours() {
        Api.Response r = user.get("/api/tracks/" + id + "/stream-url");
        assertThat(r.status()).isEqualTo(200);
        String url = r.json().get("url").asText();
        assertThat(url).startsWith("/api/tracks/" + id + "/stream?u=").contains("&exp=").contains("&sig=");
        Instant expiresAt = Instant.parse(r.json().get("expiresAt").asText());
        assertThat(Duration.between(Instant.now(), expiresAt)).isBetween(Duration.ofHours(6).minusMinutes(1),
                Duration.ofHours(6).plusSeconds(1));
        assertThat(url).contains("exp=" + expiresAt.getEpochSecond());
    }

    @Test
    void signedUrlPlaysWithoutATokenAndSeeks() {
        Api anonymous = api();
        String url = signedUrl(id);
        Api.Response whole = anonymous.get(url);
        assertThat(whole.status()).isEqualTo(200);
        assertThat(whole.bytes()).isEqualTo(bytes);
        Api.Response ranged = anonymous.send(anonymous.request(url).header("Range", "bytes=100-199").GET().build());
        assertThat(ranged.status()).isEqualTo(206);
        assertThat(ranged.bytes()).isEqualTo(java.util.Arrays.copyOfRange(bytes, 100, 200));
    }

    @Test
    void tamperedSignatureIs403() {
        String url = signedUrl(id);
        int sig = url.indexOf("sig=") + 4;
        char c = url.charAt(sig);
        String tampered = url.substring(0, sig) + (c == 'A' ? 'B' : 'A') + url.substring(sig + 1);
        assertThat(api().get(tampered).status()).isEqualTo(403);
    }

    @Test
    void extendedExpiryIs403() {
        String url = signedUrl(id);
        String extended = url.replaceFirst("exp=(\\d+)", "exp=" + (Instant.now().getEpochSecond() + 86_400 * 30));
        assertThat(extended).isNotEqualTo(url);
        assertThat(api().get(extended).status()).isEqualTo(403);
    }

    @Test
    void anotherUsersNameOnTheSignatureIs403() {
        String url = signedUrl(id);
        assertThat(api().get(url.replaceFirst("u=[^&]+", "u=someoneElse")).status()).isEqualTo(403);
    }

    @Test
    void signatureOfAnotherTrackIs403() {
        String url = signedUrl(otherId);
        String query = url.substring(url.indexOf('?'));
        assertThat(api().get("/api/tracks/" + id + "/stream" + query).status()).isEqualTo(403);
    }

    @Test
    void expiredSignatureIs403() {
        String adminId = jdbc.sql("SELECT id FROM users WHERE username_norm = 'admin'").query(String.class).single();
        String path = "/api/tracks/" + id + "/stream";
        String expired = path + "?" + signer.sign(path, adminId, Instant.now().minusSeconds(5));
        String valid = path + "?" + signer.sign(path, adminId, Instant.now().plusSeconds(60));
        assertThat(api().get(valid).status()).isEqualTo(200);
        assertThat(api().get(expired).status()).isEqualTo(403);
    }

    @Test
    void streamUrlOfAnUnknownTrackIs404() {
        assertThat(user.get("/api/tracks/nope/stream-url").status()).isEqualTo(404);
    }

    @Test
    void streamUrlNeedsAToken() {
        assertThat(api().get("/api/tracks/" + id + "/stream-url").status()).isEqualTo(401);
    }
}
