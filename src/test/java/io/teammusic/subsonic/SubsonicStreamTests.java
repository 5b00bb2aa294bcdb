package io.teammusic.subsonic;

import static org.assertj.core.api.Assertions.assertThat;

import io.teammusic.testing.Api;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Test;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SubsonicStreamTests extends SubsonicTestBase {

    Subsonic sub;
    LibraryFixture.Album album;
    byte[] original;
    String id;

    @BeforeAll
    void setUp() throws Exception {
        sub = subsonicAdmin();
        album = fixture().album(LibraryFixture.unique("Streamers"), LibraryFixture.unique("Flow"), 1, false);
        original = Files.readAllBytes(album.files().get(0));
        id = album.trackIds().get(0);
    }

    private Api.Response get(String method, String range) {
        HttpRequest.Builder b = sub.api.request(sub.url(method, "id=" + id + "&format=mp3&maxBitRate=64"));
        if (range != null) {
            b.header("Range", range);
        }
        return sub.api.send(b.GET().build());
    }

    @Test
    void streamSendsTheOriginalBytes() {
        Api.Response r = get("stream", null);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Content-Type")).isEqualTo("audio/mpeg");
        assertThat(r.header("Accept-Ranges")).isEqualTo("bytes");
        assertThat(r.header("Content-Length")).isEqualTo(String.valueOf(original.length));
        assertThat(r.bytes()).isEqualTo(original);
    }

    @Test
    void rangesAreServedByteExact() {
        Api.Response mid = get("stream", "bytes=100-1099");
        assertThat(mid.status()).isEqualTo(206);
        assertThat(mid.header("Content-Range")).isEqualTo("bytes 100-1099/" + original.length);
        assertThat(mid.bytes()).isEqualTo(Arrays.copyOfRange(original, 100, 1100));

        Api.Response open = get("stream.view", "bytes=" + (original.length - 10) + "-");
        assertThat(open.status()).isEqualTo(206);
        assertThat(open.bytes()).isEqualTo(Arrays.copyOfRange(original, original.length - 10, original.length));

        Api.Response suffix = get("stream", "bytes=-5");
        assertThat(suffix.bytes()).isEqualTo(Arrays.copyOfRange(original, original.length - 5, original.length));

        Api.Response beyond = get("stream", "bytes=" + (original.length + 5) + "-");
        assertThat(beyond.status()).isEqualTo(416);
        assertThat(beyond.header("Content-Range")).isEqualTo("bytes */" + original.length);
    }

    @Test
    void headAnswersHeadersOnly() {
        Api.Response r = sub.api.send(sub.api.request(sub.url("stream", "id=" + id))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build());
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Content-Length")).isEqualTo(String.valueOf(original.length));
        assertThat(r.bytes()).isEmpty();
    }

    @Test
    void downloadIsAnAttachmentWithRanges() {
        Api.Response r = get("download", null);
        assertThat(r.header("Content-Disposition")).startsWith("attachment").contains("track1.mp3");
        assertThat(r.bytes()).isEqualTo(original);
        assertThat(get("download", "bytes=0-9").bytes()).isEqualTo(Arrays.copyOf(original, 10));
    }

    @Test
    void streamingCountsNoPlay() {
        get("stream", null);
        assertThat(sub.ok("getSong", "id=" + id).get("song").get("playCount").asInt()).isZero();
    }

    @Test
    void unknownSongIsASubsonicError() {
        Api.Response r = sub.get("stream", "id=missing&f=json");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("subsonic-response").get("error").get("code").asInt()).isEqualTo(70);
    }
}
