package io.teammusic.streaming;

import static org.assertj.core.api.Assertions.assertThat;

import io.teammusic.storage.BlobStore;
import io.teammusic.testing.Api;
import io.teammusic.testing.ServerTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

class CoverEndpointTests extends ServerTest {

    @Autowired
    BlobStore blobs;
    @Autowired
    JdbcClient jdbc;

    Api user;
    TestTracks tracks;
    byte[] image;
    String coverHash;
    String trackId;

    @BeforeEach
    void storeTrackWithCover() {
        tracks = new TestTracks(blobs, jdbc);
        image = TestTracks.randomBytes(5000, System.nanoTime());
        coverHash = tracks.cover(image, "image/jpeg");
        trackId = tracks.track(TestTracks.randomBytes(100, System.nanoTime() + 1), "audio/ogg", "t.ogg");
        tracks.setTrackCover(trackId, coverHash);
        user = api().withToken(adminToken());
    }

    @Test
    void trackCoverIsTheImageWithAValidatorToRevalidate() {
        Api.Response r = user.get("/api/tracks/" + trackId + "/cover");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.bytes()).isEqualTo(image);
        assertThat(r.header("Content-Type")).isEqualTo("image/jpeg");
        assertThat(r.header("ETag")).isEqualTo("\"" + coverHash + "\"");
        assertThat(r.header("Cache-Control")).isEqualTo("private, no-cache");
        assertThat(r.header("Content-Disposition")).isNull();
        Api.Response again = user.send(user.request("/api/tracks/" + trackId + "/cover")
                .header("If-None-Match", r.header("ETag")).GET().build());
        assertThat(again.status()).isEqualTo(304);
        assertThat(again.bytes()).isEmpty();
    }

    @Test
    void coverUrlNamingItsHashIsCachedForever() {
        Api.Response r = user.get("/api/tracks/" + trackId + "/cover?v=" + coverHash);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Cache-Control")).isEqualTo("public, max-age=31536000, immutable");
        Api.Response stale = user.get("/api/tracks/" + trackId + "/cover?v=somethingOlder");
        assertThat(stale.header("Cache-Control")).isEqualTo("private, no-cache");
    }

    @Test
    void albumCoverIsTheCoverOfItsFirstTrackThatHasOne() {
        byte[] laterImage = TestTracks.randomBytes(3000, System.nanoTime() + 2);
        String laterCover = tracks.cover(laterImage, "image/png");
        String first = tracks.track(TestTracks.randomBytes(100, System.nanoTime() + 3), "audio/ogg", "u.ogg");
        String second = tracks.track(TestTracks.randomBytes(100, System.nanoTime() + 5), "audio/ogg", "w.ogg");
        tracks.setTrackCover(second, laterCover);
        String album = tracks.album(null, first, second);

        Api.Response fromSecond = user.get("/api/albums/" + album + "/cover");
        assertThat(fromSecond.status()).isEqualTo(200);
        assertThat(fromSecond.header("Content-Type")).isEqualTo("image/png");
        assertThat(fromSecond.bytes()).isEqualTo(laterImage);

        tracks.setTrackCover(first, coverHash);
        Api.Response fromFirst = user.get("/api/albums/" + album + "/cover");
        assertThat(fromFirst.status()).isEqualTo(200);
        assertThat(fromFirst.header("Content-Type")).isEqualTo("image/jpeg");
        assertThat(fromFirst.bytes()).isEqualTo(image);
    }

    @Test
    void noCoverIs404() {
        String bare = tracks.track(TestTracks.randomBytes(100, System.nanoTime() + 4), "audio/ogg", "v.ogg");
        assertThat(user.get("/api/tracks/" + bare + "/cover").status()).isEqualTo(404);
        assertThat(user.get("/api/albums/" + tracks.album(null, bare) + "/cover").status()).isEqualTo(404);
        assertThat(user.get("/api/albums/unknown/cover").status()).isEqualTo(404);
    }

    @Test
    void coversNeedAToken() {
        assertThat(api().get("/api/tracks/" + trackId + "/cover").status()).isEqualTo(401);
    }
}
