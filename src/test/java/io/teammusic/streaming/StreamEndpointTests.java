package io.teammusic.streaming;

import static org.assertj.core.api.Assertions.assertThat;

import io.teammusic.storage.BlobStore;
import io.teammusic.testing.Api;
import io.teammusic.testing.ServerTest;
import java.net.http.HttpRequest;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The stream endpoint over real HTTP: every range and conditional case, byte-exact against the stored file. */
class StreamEndpointTests extends ServerTest {

    static final int SIZE = 3 * 1024 * 1024 + 17;
    static final String LAST_MODIFIED = "Thu, 01 Jan 2026 00:00:00 GMT";

    @Autowired
    BlobStore blobs;
    @Autowired
    JdbcClient jdbc;

    Api user;
    byte[] bytes;
    String id;
    String etag;

    @BeforeEach
    void storeTrack() {
        TestTracks tracks = new TestTracks(blobs, jdbc);
        bytes = TestTracks.randomBytes(SIZE, System.nanoTime());
        id = tracks.track(bytes, "audio/flac", "Ünïcødé \"quoted\" 東京.flac");
        etag = "\"" + jdbc.sql("SELECT content_hash FROM tracks WHERE id = ?").param(id).query(String.class).single()
                + "\"";
        user = api().withToken(adminToken());
    }

    private Api.Response get(String... headers) {
        HttpRequest.Builder b = user.request("/api/tracks/" + id + "/stream").GET();
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return user.send(b.build());
    }

    private Api.Response head(String... headers) {
        HttpRequest.Builder b = user.request("/api/tracks/" + id + "/stream")
                .method("HEAD", HttpRequest.BodyPublishers.noBody());
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return user.send(b.build());
    }

    private void assertPartial(Api.Response r, long first, long last) {
        assertThat(r.status()).isEqualTo(206);
        assertThat(r.header("Content-Range")).isEqualTo("bytes " + first + "-" + last + "/" + SIZE);
        assertThat(r.header("Content-Length")).isEqualTo(String.valueOf(last - first + 1));
        assertThat(r.bytes()).isEqualTo(Arrays.copyOfRange(bytes, (int) first, (int) last + 1));
    }

    @Test
    void wholeTrackComesWithEveryDescribingHeader() {
        Api.Response r = get();
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.bytes()).isEqualTo(bytes);
        assertThat(r.header("Content-Length")).isEqualTo(String.valueOf(SIZE));
        assertThat(r.header("Content-Type")).isEqualTo("audio/flac");
        assertThat(r.header("Accept-Ranges")).isEqualTo("bytes");
        assertThat(r.header("ETag")).isEqualTo(etag);
        assertThat(r.header("Last-Modified")).isEqualTo(LAST_MODIFIED);
        assertThat(r.header("Content-Range")).isNull();
        // The fallback drops accents and replaces what has no ASCII form; filename* keeps the exact name.
        assertThat(r.header("Content-Disposition")).isEqualTo("inline; filename=\"Unic_de _quoted_ __.flac\"; "
                + "filename*=UTF-8''%C3%9Cn%C3%AFc%C3%B8d%C3%A9%20%22quoted%22%20%E6%9D%B1%E4%BA%AC.flac");
    }

    @Test
    void closedRange() {
        assertPartial(get("Range", "bytes=1000-1999"), 1000, 1999);
    }

    @Test
    void openRangeToTheEnd() {
        assertPartial(get("Range", "bytes=" + (SIZE - 5000) + "-"), SIZE - 5000, SIZE - 1);
    }

    @Test
    void suffixRange() {
        assertPartial(get("Range", "bytes=-300"), SIZE - 300, SIZE - 1);
    }

    @Test
    void rangePastTheEndIsClamped() {
        assertPartial(get("Range", "bytes=" + (SIZE - 10) + "-" + (SIZE + 1000)), SIZE - 10, SIZE - 1);
    }

    @Test
    void firstAndLastByte() {
        assertPartial(get("Range", "bytes=0-0"), 0, 0);
        assertPartial(get("Range", "bytes=" + (SIZE - 1) + "-" + (SIZE - 1)), SIZE - 1, SIZE - 1);
    }

    @Test
    void unsatisfiableRangeIs416WithTheLength() {
        Api.Response r = get("Range", "bytes=" + SIZE + "-");
        assertThat(r.status()).isEqualTo(416);
        assertThat(r.header("Content-Range")).isEqualTo("bytes */" + SIZE);
        assertThat(r.bytes()).isEmpty();
    }

    @Test
    void severalRangesGetTheWholeTrack() {
        Api.Response r = get("Range", "bytes=0-9,100-199");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.bytes()).isEqualTo(bytes);
    }

    @Test
    void ifRangeWithTheEtagKeepsTheRange() {
        assertPartial(get("Range", "bytes=10-20", "If-Range", etag), 10, 20);
    }

    @Test
    void ifRangeWithTheLastModifiedDateKeepsTheRange() {
        assertPartial(get("Range", "bytes=10-20", "If-Range", LAST_MODIFIED), 10, 20);
    }

    @Test
    void ifRangeMismatchGetsTheWholeTrack() {
        Api.Response r = get("Range", "bytes=10-20", "If-Range", "\"another-version\"");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Content-Range")).isNull();
        assertThat(r.bytes()).isEqualTo(bytes);
        Api.Response byDate = get("Range", "bytes=10-20", "If-Range", "Fri, 02 Jan 2026 00:00:00 GMT");
        assertThat(byDate.status()).isEqualTo(200);
        assertThat(byDate.bytes()).isEqualTo(bytes);
    }

    @Test
    void ifNoneMatchWithTheEtagIs304WithoutABody() {
        Api.Response r = get("If-None-Match", etag);
        assertThat(r.status()).isEqualTo(304);
        assertThat(r.header("ETag")).isEqualTo(etag);
        assertThat(r.bytes()).isEmpty();
        assertThat(get("If-None-Match", "\"stale\"").status()).isEqualTo(200);
    }

    @Test
    void ifModifiedSinceTheLastChangeIs304() {
        assertThat(get("If-Modified-Since", LAST_MODIFIED).status()).isEqualTo(304);
        assertThat(get("If-Modified-Since", "Wed, 31 Dec 2025 00:00:00 GMT").status()).isEqualTo(200);
    }

    @Test
    void headHasTheHeadersOfGetAndNoBody() {
        Api.Response getResponse = get();
        Api.Response r = head();
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.bytes()).isEmpty();
        for (String h : new String[] {"Content-Length", "Content-Type", "Accept-Ranges", "ETag", "Last-Modified",
                "Content-Disposition", "Cache-Control"}) {
            assertThat(r.header(h)).as(h).isNotNull().isEqualTo(getResponse.header(h));
        }
        Api.Response ranged = head("Range", "bytes=5-9");
        assertThat(ranged.status()).isEqualTo(206);
        assertThat(ranged.header("Content-Range")).isEqualTo("bytes 5-9/" + SIZE);
        assertThat(ranged.header("Content-Length")).isEqualTo("5");
        assertThat(ranged.bytes()).isEmpty();
    }

    @Test
    void withoutATokenIs401() {
        Api.Response r = api().get("/api/tracks/" + id + "/stream");
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.header("Content-Type")).startsWith("application/problem+json");
    }

    @Test
    void badOrForgedTokenIs401() {
        assertThat(api().withToken("not.a.jwt").get("/api/tracks/" + id + "/stream").status()).isEqualTo(401);
        String forged = user.token().substring(0, user.token().length() - 4) + "AAAA";
        Api.Response r = api().withToken(forged).get("/api/tracks/" + id + "/stream");
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.header("WWW-Authenticate")).startsWith("Bearer");
    }

    @Test
    void unknownTrackIs404Problem() {
        Api.Response r = user.get("/api/tracks/doesNotExist/stream");
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.json().get("status").asInt()).isEqualTo(404);
    }

    /** The fast path remembers a verified token; disabling its user must still refuse it on the next seek. */
    @Test
    void aTokenThatStreamedIsRefusedOnceItsUserIsDisabled() {
        String name = "seeker" + System.nanoTime();
        Api admin = api().withToken(adminToken());
        Api.Response created = admin.post("/api/users", java.util.Map.of("username", name,
                "password", "password-" + name, "role", "USER"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        Api listener = api().login(name, "password-" + name);
        HttpRequest seek = listener.request("/api/tracks/" + id + "/stream").header("Range", "bytes=100-199")
                .GET().build();
        assertThat(listener.send(seek).status()).isEqualTo(206);
        assertThat(listener.send(seek).status()).isEqualTo(206);

        admin.patch("/api/users/" + created.json().get("id").asText(), java.util.Map.of("enabled", false));

        assertThat(listener.send(seek).status()).isEqualTo(401);
    }
}
