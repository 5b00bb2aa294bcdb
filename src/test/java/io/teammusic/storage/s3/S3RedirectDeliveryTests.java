package io.teammusic.storage.s3;

import static org.assertj.core.api.Assertions.assertThat;

import io.teammusic.testing.Api;
import io.teammusic.testing.SystemTools;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Redirect mode with S3 presigned URLs, against S3Proxy: every stream URL a client holds (bearer, signed
 * stream-url, Subsonic) answers 302 to a freshly presigned GET of the bucket, and the client gets the exact bytes
 * from there. The presigned URLs live two seconds here, so a resume after they lapsed is tested for real.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class S3RedirectDeliveryTests {

    static final String ADMIN_PASSWORD = "s3-redirect-admin-password";
    static final String BUCKET = "teammusic-redirect-tests";
    static final Path DATA_DIR = tempDir();
    static final Duration TTL = Duration.ofSeconds(2);

    /** Follows redirects the way a player does; it carries no credentials of ours to the bucket. */
    static final HttpClient FOLLOWING = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @LocalServerPort
    int port;

    Api admin;
    byte[] audio;
    String trackId;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        S3ProxyServer s3 = S3ProxyServer.get();
        s3.createBucket(BUCKET);
        System.setProperty("aws.accessKeyId", S3ProxyServer.ACCESS_KEY);
        System.setProperty("aws.secretAccessKey", S3ProxyServer.SECRET_KEY);
        registry.add("teammusic.data-dir", DATA_DIR::toString);
        registry.add("teammusic.admin-password", () -> ADMIN_PASSWORD);
        registry.add("teammusic.storage.type", () -> "s3");
        registry.add("teammusic.storage.s3.bucket", () -> BUCKET);
        registry.add("teammusic.storage.s3.endpoint", () -> s3.endpoint().toString());
        registry.add("teammusic.storage.s3.path-style", () -> "true");
        registry.add("teammusic.delivery.mode", () -> "redirect");
        registry.add("teammusic.delivery.signer", () -> "s3");
        registry.add("teammusic.delivery.ttl", () -> TTL.toSeconds() + "s");
        registry.add("teammusic.delivery.proxy-clients", () -> "OldPlayer, Another Client");
    }

    @BeforeAll
    void uploadATrack() throws Exception {
        String ffmpeg = SystemTools.require("ffmpeg", "ffmpeg");
        Path flac = DATA_DIR.resolve("redirect.flac");
        Process p = new ProcessBuilder(ffmpeg, "-v", "error", "-y", "-f", "lavfi", "-i",
                "anoisesrc=color=pink:sample_rate=44100:duration=3:seed=" + System.nanoTime() % 100_000,
                "-ac", "2", "-c:a", "flac", "-metadata", "title=Redirected", flac.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(out).isZero();
        audio = Files.readAllBytes(flac);
        admin = new Api("http://localhost:" + port).login("admin", ADMIN_PASSWORD);
        Api.Response created = admin.send(admin.request("/api/tracks?filename=redirect.flac")
                .header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofFile(flac)).build());
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        trackId = created.json().get("id").asText();
    }

    @Test
    void aBearerStreamRequestIsRedirectedToAPresignedBucketUrlThatNoCacheMayKeep() {
        Api.Response r = admin.get("/api/tracks/" + trackId + "/stream");

        assertThat(r.status()).isEqualTo(302);
        URI target = URI.create(r.header("Location"));
        assertThat(target.getPort()).isEqualTo(S3ProxyServer.get().endpoint().getPort());
        assertThat(target.getPath()).startsWith("/" + BUCKET + "/");
        assertThat(target.getQuery()).contains("X-Amz-Signature=").contains("X-Amz-Expires=" + TTL.toSeconds());
        assertThat(r.header("Cache-Control")).isEqualTo("private, no-store");
        assertThat(r.bytes()).isEmpty();
        Api.Response head = admin.send(admin.request("/api/tracks/" + trackId + "/stream")
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build());
        assertThat(head.status()).isEqualTo(302);
    }

    @Test
    void aPlayerFollowingTheSignedStreamUrlGetsTheExactBytesAndRanges() throws Exception {
        String url = signedStreamUrl();

        HttpResponse<byte[]> whole = follow(url, null);
        HttpResponse<byte[]> range = follow(url, "bytes=1000-5999");

        assertThat(whole.statusCode()).isEqualTo(200);
        assertThat(whole.uri().getPort()).as("served by the bucket").isNotEqualTo(port);
        assertThat(whole.body()).isEqualTo(audio);
        assertThat(range.statusCode()).isEqualTo(206);
        assertThat(range.headers().firstValue("Content-Range")).contains("bytes 1000-5999/" + audio.length);
        assertThat(range.body()).isEqualTo(Arrays.copyOfRange(audio, 1000, 6000));
    }

    @Test
    void aResumeAfterTheBucketUrlExpiredGetsAFreshUrlFromTheSameStreamUrl() throws Exception {
        String url = signedStreamUrl();
        Api anonymous = new Api("http://localhost:" + port);
        String first = anonymous.get(url).header("Location");
        assertThat(raw(first, "bytes=0-99").statusCode()).isEqualTo(206);

        Thread.sleep(TTL.plusMillis(1500).toMillis());

        assertThat(raw(first, "bytes=100-199").statusCode()).as("the bucket refuses the lapsed URL").isEqualTo(403);
        Api.Response again = anonymous.send(anonymous.request(url).header("Range", "bytes=100-199").GET().build());
        assertThat(again.status()).isEqualTo(302);
        assertThat(again.header("Location")).isNotEqualTo(first);
        HttpResponse<byte[]> resumed = raw(again.header("Location"), "bytes=100-199");
        assertThat(resumed.statusCode()).isEqualTo(206);
        assertThat(resumed.body()).isEqualTo(Arrays.copyOfRange(audio, 100, 200));
    }

    @Test
    void aTamperedBucketUrlIsRefused() throws Exception {
        String target = admin.get("/api/tracks/" + trackId + "/stream").header("Location");
        String longer = target.replace("X-Amz-Expires=" + TTL.toSeconds(), "X-Amz-Expires=604800");
        String otherKey = target.replaceFirst("/" + BUCKET + "/([0-9a-f])", "/" + BUCKET + "/0$1");

        assertThat(longer).isNotEqualTo(target);
        assertThat(raw(longer, null).statusCode()).isEqualTo(403);
        assertThat(raw(otherKey, null).statusCode()).isEqualTo(403);
        assertThat(raw(target, null).statusCode()).isEqualTo(200);
    }

    @Test
    void subsonicStreamAndDownloadRedirectExceptForClientsListedAsNotFollowing() {
        String secret = admin.post("/api/app-passwords", Map.of("name", "redirect tests")).json().get("secret")
                .asText();
        Api sub = new Api("http://localhost:" + port);

        Api.Response stream = sub.get(subsonic("stream", secret, "DSub"));
        Api.Response download = sub.get(subsonic("download", secret, "DSub"));
        Api.Response proxied = sub.get(subsonic("stream", secret, "oldplayer"));
        Api.Response proxiedToo = sub.get(subsonic("download.view", secret, "Another Client"));

        assertThat(stream.status()).isEqualTo(302);
        assertThat(stream.header("Location")).contains("X-Amz-Signature=");
        assertThat(download.status()).isEqualTo(302);
        assertThat(proxied.status()).isEqualTo(200);
        assertThat(proxied.bytes()).isEqualTo(audio);
        assertThat(proxiedToo.status()).isEqualTo(200);
        assertThat(proxiedToo.header("Content-Disposition")).startsWith("attachment");
        assertThat(proxiedToo.bytes()).isEqualTo(audio);
    }

    @Test
    void aRedirectedSubsonicDownloadIsStillSavedAsAnAttachmentUnderItsName() throws Exception {
        String secret = admin.post("/api/app-passwords", Map.of("name", "download tests")).json().get("secret")
                .asText();
        Api sub = new Api("http://localhost:" + port);

        Api.Response download = sub.get(subsonic("download", secret, "DSub"));
        Api.Response stream = sub.get(subsonic("stream", secret, "DSub"));

        assertThat(download.status()).isEqualTo(302);
        HttpResponse<byte[]> saved = raw(download.header("Location"), null);
        assertThat(saved.statusCode()).isEqualTo(200);
        assertThat(saved.headers().firstValue("Content-Disposition").orElse(""))
                .startsWith("attachment").contains("filename=\"redirect.flac\"");
        assertThat(saved.body()).isEqualTo(audio);
        HttpResponse<byte[]> resumed = raw(download.header("Location"), "bytes=10-19");
        assertThat(resumed.statusCode()).isEqualTo(206);
        assertThat(resumed.body()).isEqualTo(Arrays.copyOfRange(audio, 10, 20));
        HttpResponse<byte[]> played = raw(stream.header("Location"), null);
        assertThat(played.headers().firstValue("Content-Disposition").orElse("")).doesNotStartWith("attachment");
    }

    @Test
    void coversAndTheApiAreNotRedirected() {
        assertThat(admin.get("/api/tracks/" + trackId).status()).isEqualTo(200);
        assertThat(admin.get("/api/tracks/" + trackId + "/stream-url").status()).isEqualTo(200);
    }

    private String signedStreamUrl() {
        Api.Response r = admin.get("/api/tracks/" + trackId + "/stream-url");
        assertThat(r.status()).isEqualTo(200);
        return r.json().get("url").asText();
    }

    private String subsonic(String method, String secret, String client) {
        String salt = UUID.randomUUID().toString().substring(0, 10);
        return "/rest/" + method + "?u=admin&t=" + md5(secret + salt) + "&s=" + salt + "&v=1.16.1&c="
                + java.net.URLEncoder.encode(client, StandardCharsets.UTF_8) + "&id=" + trackId;
    }

    private HttpResponse<byte[]> follow(String path, String range) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
        if (range != null) {
            b.header("Range", range);
        }
        return FOLLOWING.send(b.GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static HttpResponse<byte[]> raw(String url, String range) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url));
        if (range != null) {
            b.header("Range", range);
        }
        return FOLLOWING.send(b.GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String md5(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(
                    s.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("teammusic-redirect-test-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
