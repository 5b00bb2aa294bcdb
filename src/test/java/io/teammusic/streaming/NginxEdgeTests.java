package io.teammusic.streaming;

import static org.assertj.core.api.Assertions.assertThat;

import io.teammusic.storage.BlobStore;
import io.teammusic.streaming.delivery.Delivery;
import io.teammusic.streaming.delivery.NginxSecureLink;
import io.teammusic.testing.Api;
import io.teammusic.testing.ServerTest;
import io.teammusic.testing.SystemTools;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Debian's nginx in front of the app as a caching edge, configured by docs/cdn-edge.nginx.conf itself: redirect
 * mode with {@code signer=nginx} sends players there, the edge checks {@code secure_link} and caches 1 MiB slices,
 * and the app checks the same signature on its origin endpoint.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NginxEdgeTests extends ServerTest {

    static final String SECRET = "edge-test-secret-0123456789abcdefghijklmnop";
    static final String EDGE_SECRET = "edge-to-app-secret-0123456789abcdefghijklmn";
    static final int EDGE_PORT = freePort();
    static final int SIZE = 3 * 1024 * 1024 + 12_345;
    static final int MIB = 1024 * 1024;

    @Autowired
    BlobStore blobs;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Delivery delivery;

    Process nginx;
    Path prefix;
    Api user;
    Api edge;
    byte[] audio;
    String id;
    String hash;

    @DynamicPropertySource
    static void edgeProperties(DynamicPropertyRegistry registry) {
        registry.add("teammusic.delivery.mode", () -> "redirect");
        registry.add("teammusic.delivery.signer", () -> "nginx");
        registry.add("teammusic.delivery.nginx.base-url", () -> "http://127.0.0.1:" + EDGE_PORT);
        registry.add("teammusic.delivery.nginx.secret", () -> SECRET);
        registry.add("teammusic.delivery.nginx.edge-secret", () -> EDGE_SECRET);
    }

    @BeforeAll
    void startTheEdge() throws Exception {
        String program = SystemTools.require("nginx", "nginx");
        audio = TestTracks.randomBytes(SIZE, System.nanoTime());
        id = new TestTracks(blobs, jdbc).track(audio, "audio/flac", "edge.flac");
        hash = jdbc.sql("SELECT storage_key FROM tracks WHERE id = ?").param(id).query(String.class).single();
        user = admin();
        edge = new Api("http://127.0.0.1:" + EDGE_PORT);

        prefix = Files.createTempDirectory("teammusic-edge-");
        Files.createDirectories(prefix.resolve("tmp"));
        String site = Files.readString(Path.of("docs/cdn-edge.nginx.conf"))
                .replace("/var/cache/nginx/teammusic", prefix.resolve("cache").toString())
                .replace("server 127.0.0.1:8080;", "server 127.0.0.1:" + port + ";")
                .replace("listen 127.0.0.1:8081;", "listen 127.0.0.1:" + EDGE_PORT + ";")
                .replace("CHANGE_ME_NGINX_SECRET", SECRET)
                .replace("CHANGE_ME_EDGE_SECRET", EDGE_SECRET);
        Files.writeString(prefix.resolve("teammusic-edge.conf"), site);
        String tmp = prefix.resolve("tmp").toString();
        // Workers of a master started as root would drop to "nobody", who cannot write the temp prefix.
        String userLine = "root".equals(System.getProperty("user.name")) ? "user root;\n" : "";
        Files.writeString(prefix.resolve("nginx.conf"), userLine + "daemon off;\nworker_processes 1;\n"
                + "pid " + prefix.resolve("nginx.pid") + ";\nerror_log " + prefix.resolve("error.log") + " warn;\n"
                + "events { worker_connections 128; }\nhttp {\n  access_log " + prefix.resolve("access.log") + ";\n"
                + "  client_body_temp_path " + tmp + "/body;\n  proxy_temp_path " + tmp + "/proxy;\n"
                + "  fastcgi_temp_path " + tmp + "/fcgi;\n  uwsgi_temp_path " + tmp + "/uwsgi;\n"
                + "  scgi_temp_path " + tmp + "/scgi;\n  include " + prefix.resolve("teammusic-edge.conf") + ";\n}\n");
        nginx = new ProcessBuilder(program, "-p", prefix.toString(), "-c", prefix.resolve("nginx.conf").toString(),
                "-e", prefix.resolve("error.log").toString())
                .redirectErrorStream(true).redirectOutput(prefix.resolve("stdout.log").toFile()).start();
        Instant deadline = Instant.now().plusSeconds(20);
        while (!listening(EDGE_PORT)) {
            if (!nginx.isAlive() || Instant.now().isAfter(deadline)) {
                throw new AssertionError("nginx did not start: " + Files.readString(prefix.resolve("stdout.log"))
                        + Files.readString(prefix.resolve("error.log")));
            }
            Thread.sleep(50);
        }
    }

    @AfterAll
    void stopTheEdge() throws Exception {
        if (nginx != null) {
            nginx.destroy();
            nginx.waitFor();
        }
    }

    /** Where the app sends a player: a fresh edge URL per request. */
    private String edgeUrl() {
        return edgeUrl(id);
    }

    private String edgeUrl(String trackId) {
        Api.Response r = user.get("/api/tracks/" + trackId + "/stream");
        assertThat(r.status()).isEqualTo(302);
        return r.header("Location");
    }

    private Api.Response get(Api client, String url, String range, String... headers) {
        HttpRequest.Builder b = client.request(url);
        if (range != null) {
            b.header("Range", range);
        }
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return client.send(b.GET().build());
    }

    @Test
    void theStreamEndpointRedirectsToTheEdgeWithAContentAddressedSignedUrl() {
        URI target = URI.create(edgeUrl());

        assertThat(target.getPort()).isEqualTo(EDGE_PORT);
        assertThat(target.getPath()).isEqualTo("/cdn/blobs/" + hash);
        assertThat(target.getQuery()).matches("md5=[A-Za-z0-9_-]{22}&expires=\\d+");
    }

    @Test
    void theSecondReadOfARangeIsACacheHitAndRangesAreByteExact() {
        // A blob of its own, which no other test has read through the edge yet.
        byte[] fresh = TestTracks.randomBytes(2 * MIB + 7, System.nanoTime());
        String freshId = new TestTracks(blobs, jdbc).track(fresh, "audio/flac", "fresh.flac");
        // Across the first slice boundary: the edge answers it from two slices.
        String range = "bytes=" + (MIB - 1000) + "-" + (MIB + 999);

        Api.Response first = get(edge, edgeUrl(freshId), range);
        Api.Response second = get(edge, edgeUrl(freshId), range);

        assertThat(first.status()).isEqualTo(206);
        assertThat(first.header("X-Cache-Status")).isEqualTo("MISS");
        assertThat(first.bytes()).isEqualTo(Arrays.copyOfRange(fresh, MIB - 1000, MIB + 1000));
        assertThat(first.header("Content-Range")).isEqualTo("bytes " + (MIB - 1000) + "-" + (MIB + 999) + "/"
                + fresh.length);
        assertThat(second.status()).isEqualTo(206);
        assertThat(second.header("X-Cache-Status")).as("a fresh URL of the same blob hits the cache").isEqualTo("HIT");
        assertThat(second.bytes()).isEqualTo(first.bytes());
        assertThat(second.header("Cache-Control")).isEqualTo("public, max-age=31536000, immutable");
    }

    @Test
    void everyKindOfRangeThroughTheEdgeIsByteExactAgainstTheFile() {
        String url = edgeUrl();

        Api.Response whole = get(edge, url, null);
        Api.Response tail = get(edge, url, "bytes=-100");
        Api.Response open = get(edge, url, "bytes=" + (3 * MIB - 5) + "-");
        Api.Response firstByte = get(edge, url, "bytes=0-0");
        Api.Response beyond = get(edge, url, "bytes=" + SIZE + "-");

        assertThat(whole.status()).isEqualTo(200);
        assertThat(whole.bytes()).isEqualTo(audio);
        assertThat(tail.status()).isEqualTo(206);
        assertThat(tail.bytes()).isEqualTo(Arrays.copyOfRange(audio, SIZE - 100, SIZE));
        assertThat(open.bytes()).isEqualTo(Arrays.copyOfRange(audio, 3 * MIB - 5, SIZE));
        assertThat(firstByte.bytes()).containsExactly(audio[0]);
        assertThat(beyond.status()).isEqualTo(416);
    }

    @Test
    void unsignedTamperedAndExpiredUrlsAreRefusedAtTheEdgeAndAtTheApp() {
        String url = edgeUrl();
        URI u = URI.create(url);
        long exp = Long.parseLong(u.getQuery().replaceAll(".*expires=", ""));
        String md5 = u.getQuery().replaceAll("md5=([^&]+).*", "$1");
        String path = u.getPath();
        String otherHash = new TestTracks(blobs, jdbc).track(TestTracks.randomBytes(5000, System.nanoTime()),
                "audio/flac", "other.flac");
        String otherPath = "/cdn/blobs/" + jdbc.sql("SELECT storage_key FROM tracks WHERE id = ?").param(otherHash)
                .query(String.class).single();
        NginxSecureLink link = delivery.nginxOrigin().orElseThrow();
        URI expired = link.sign(hash, Instant.now().minusSeconds(5));
        String flipped = md5.charAt(0) == 'A' ? "B" + md5.substring(1) : "A" + md5.substring(1);
        String[] refused = {
            path,
            path + "?md5=" + flipped + "&expires=" + exp,
            path + "?md5=" + md5 + "&expires=" + (exp + 3600),
            otherPath + "?md5=" + md5 + "&expires=" + exp,
            expired.getRawPath() + "?" + expired.getRawQuery(),
        };

        for (String bad : refused) {
            assertThat(get(edge, bad, "bytes=0-9").status()).as("edge: " + bad).isEqualTo(403);
            Api.Response app = get(api(), bad, "bytes=0-9");
            assertThat(app.status()).as("app: " + bad).isEqualTo(403);
            assertThat(app.header("Cache-Control")).isEqualTo("no-store");
        }
        assertThat(get(edge, path + "?" + u.getRawQuery(), "bytes=0-9").status()).isEqualTo(206);
        assertThat(get(api(), path + "?" + u.getRawQuery(), "bytes=0-9").status()).isEqualTo(206);
    }

    @Test
    void theAppServesAnExpiredButAuthenticUrlOnlyToTheEdgeFinishingASlicedResponse() {
        URI expired = delivery.nginxOrigin().orElseThrow().sign(hash, Instant.now().minusSeconds(60));
        String url = expired.getRawPath() + "?" + expired.getRawQuery();

        Api.Response fromEdge = get(api(), url, "bytes=0-9", NginxSecureLink.EDGE_HEADER, EDGE_SECRET);
        Api.Response wrongHeader = get(api(), url, "bytes=0-9", NginxSecureLink.EDGE_HEADER, EDGE_SECRET + "x");

        assertThat(fromEdge.status()).isEqualTo(206);
        assertThat(fromEdge.bytes()).isEqualTo(Arrays.copyOf(audio, 10));
        assertThat(wrongHeader.status()).isEqualTo(403);
    }

    @Test
    void aSlowListenerGetsTheWholeFileThroughTheEdgeAfterItsUrlLapsedMidResponse() throws Exception {
        // Larger than what nginx reads ahead of a slow client, so later slices are fetched after the URL lapsed.
        byte[] big = TestTracks.randomBytes(16 * MIB + 3, System.nanoTime());
        String bigId = new TestTracks(blobs, jdbc).track(big, "audio/flac", "long.flac");
        String key = jdbc.sql("SELECT storage_key FROM tracks WHERE id = ?").param(bigId).query(String.class).single();
        URI url = delivery.nginxOrigin().orElseThrow().sign(key, Instant.now().plusSeconds(3));
        java.io.ByteArrayOutputStream got = new java.io.ByteArrayOutputStream();

        var response = java.net.http.HttpClient.newHttpClient().send(HttpRequest.newBuilder(url).GET().build(),
                java.net.http.HttpResponse.BodyHandlers.ofInputStream());
        try (var in = response.body()) {
            // About 1.6 MB/s: the 3-second URL lapses with most of the file still to come.
            byte[] chunk = new byte[64 * 1024];
            int sinceSleep = 0;
            for (int n; (n = in.read(chunk)) > 0; ) {
                got.write(chunk, 0, n);
                sinceSleep += n;
                if (sinceSleep >= chunk.length) {
                    sinceSleep = 0;
                    Thread.sleep(40);
                }
            }
        }

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(get(edge, url.toString(), "bytes=0-0").status()).as("the URL has lapsed meanwhile").isEqualTo(403);
        assertThat(got.toByteArray()).isEqualTo(big);
    }

    @Test
    void originAnswersAreTheSameWithAndWithoutOriginSoACachedCopyFitsEveryone() {
        String url = edgeUrl();

        Api.Response plain = get(edge, url, "bytes=0-99");
        Api.Response cors = get(edge, url, "bytes=0-99", "Origin", "https://player.example");

        for (Api.Response r : new Api.Response[] {plain, cors}) {
            assertThat(r.status()).isEqualTo(206);
            assertThat(r.header("Access-Control-Allow-Origin")).isEqualTo("*");
            assertThat(r.header("Cache-Control")).isEqualTo("public, max-age=31536000, immutable");
            assertThat(r.headers().allValues("Set-Cookie")).isEmpty();
        }
    }

    private static boolean listening(int port) {
        try (Socket s = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
