package io.teammusic;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.teammusic.storage.s3.S3ProxyServer;
import io.teammusic.testing.Api;
import io.teammusic.testing.AppNode;
import io.teammusic.testing.EmbeddedPostgresql;
import io.teammusic.testing.SystemTools;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The scaled-out shape, for real: two nodes (JVMs of their own) with the same settings behind nginx round robin,
 * sharing one PostgreSQL and one S3 bucket (S3Proxy), with their keys in the database. Whatever one node
 * accepts or stores, the other serves; killing a node in the middle of a stream costs the client one Range
 * request; and neither node keeps anything on its disk but temp files.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoNodeDeploymentTests {

    static final String ADMIN_PASSWORD = "two-node-admin-password";
    static final String BUCKET = "teammusic-two-nodes";

    Path work;
    AppNode a;
    AppNode b;
    Process nginx;
    int nginxPort;
    String ffmpeg;

    @BeforeAll
    void startDeployment() throws Exception {
        String nginxBin = SystemTools.require("nginx", "nginx");
        ffmpeg = SystemTools.require("ffmpeg", "ffmpeg");
        work = Files.createTempDirectory("teammusic-two-nodes-");
        S3ProxyServer s3 = S3ProxyServer.get();
        s3.createBucket(BUCKET);
        String db = EmbeddedPostgresql.createDatabase("two_nodes");

        Map<String, String> jvm = Map.of("aws.accessKeyId", S3ProxyServer.ACCESS_KEY,
                "aws.secretAccessKey", S3ProxyServer.SECRET_KEY, "aws.disableEc2Metadata", "true");
        a = AppNode.start("node-a", work, settings(db, s3, "node-a"), jvm);
        b = AppNode.start("node-b", work, settings(db, s3, "node-b"), jvm);
        a.awaitReady(Duration.ofMinutes(6));
        b.awaitReady(Duration.ofMinutes(6));
        nginx = startNginx(nginxBin);
    }

    /** The same settings on both nodes, except the temp dir each one writes into. */
    private Map<String, String> settings(String db, S3ProxyServer s3, String node) {
        Map<String, String> s = new HashMap<>(EmbeddedPostgresql.properties(db));
        s.put("teammusic.data-dir", work.resolve(node + "-tmp").resolve("data").toString());
        s.put("teammusic.admin-password", ADMIN_PASSWORD);
        s.put("teammusic.keys.store", "database");
        s.put("teammusic.storage.type", "s3");
        s.put("teammusic.storage.s3.bucket", BUCKET);
        s.put("teammusic.storage.s3.endpoint", s3.endpoint().toString());
        s.put("teammusic.storage.s3.path-style", "true");
        s.put("teammusic.storage.s3.region", "us-east-1");
        s.put("spring.datasource.hikari.maximum-pool-size", "4");
        return s;
    }

    private Process startNginx(String bin) throws Exception {
        nginxPort = AppNode.freePort();
        for (String dir : List.of("body", "proxy", "fastcgi", "uwsgi", "scgi")) {
            Files.createDirectories(work.resolve("nginx").resolve(dir));
        }
        Path prefix = work.resolve("nginx");
        // As a deployment would proxy: round robin, streamed both ways, and a failed connect or a node that
        // dies goes to the next node for requests nginx may retry (GET, HEAD); the header says who answered.
        String conf = """
                daemon off;
                worker_processes 1;
                pid %1$s/nginx.pid;
                error_log %1$s/error.log info;
                events { worker_connections 256; }
                http {
                    access_log %1$s/access.log;
                    client_body_temp_path %1$s/body;
                    proxy_temp_path %1$s/proxy;
                    fastcgi_temp_path %1$s/fastcgi;
                    uwsgi_temp_path %1$s/uwsgi;
                    scgi_temp_path %1$s/scgi;
                    upstream teammusic {
                        server 127.0.0.1:%2$d max_fails=1 fail_timeout=30s;
                        server 127.0.0.1:%3$d max_fails=1 fail_timeout=30s;
                    }
                    server {
                        listen 127.0.0.1:%4$d sndbuf=64k;
                        client_max_body_size 0;
                        location / {
                            proxy_pass http://teammusic;
                            proxy_http_version 1.1;
                            proxy_set_header Connection "";
                            proxy_set_header Host $host;
                            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
                            proxy_set_header X-Forwarded-Proto $scheme;
                            proxy_buffering off;
                            proxy_request_buffering off;
                            proxy_connect_timeout 2s;
                            proxy_next_upstream error timeout http_502 http_503;
                            add_header X-Upstream $upstream_addr always;
                        }
                    }
                }
                """.formatted(prefix, a.port(), b.port(), nginxPort);
        Path file = Files.writeString(prefix.resolve("nginx.conf"), conf);
        Process p = new ProcessBuilder(bin, "-p", prefix.toString(), "-c", file.toString(), "-e",
                prefix.resolve("error.log").toString()).redirectErrorStream(true)
                .redirectOutput(prefix.resolve("console.log").toFile()).start();
        Instant deadline = Instant.now().plusSeconds(20);
        while (true) {
            try (Socket s = new Socket("127.0.0.1", nginxPort)) {
                return p;
            } catch (IOException e) {
                if (!p.isAlive() || Instant.now().isAfter(deadline)) {
                    throw new AssertionError("nginx did not start: " + Files.readString(prefix.resolve("console.log"))
                            + readIfThere(prefix.resolve("error.log")));
                }
                Thread.sleep(100);
            }
        }
    }

    @AfterAll
    void stopDeployment() throws Exception {
        if (nginx != null) {
            nginx.destroy();
            nginx.waitFor(10, TimeUnit.SECONDS);
        }
        for (AppNode n : new AppNode[] {a, b}) {
            if (n != null) {
                n.close();
            }
        }
        // The logs stay for a look after a failure; the megabytes of audio go.
        if (work != null) {
            try (Stream<Path> files = Files.list(work)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".flac")).toList()) {
                    Files.deleteIfExists(f);
                }
            }
        }
    }

    private Api nginxApi() {
        return new Api("http://127.0.0.1:" + nginxPort);
    }

    @Test
    @Order(1)
    void anUploadThroughAIsVisibleSearchableAndStreamableThroughB() throws Exception {
        String word = "nodeword" + Long.toString(System.nanoTime(), 36);
        Path flac = flac("Song " + word, 3);
        Api onA = a.api().login("admin", ADMIN_PASSWORD);
        Api onB = b.api().withToken(onA.token());

        Api.Response up = upload(onA, flac);
        assertThat(up.status()).as(up.body()).isEqualTo(201);
        String id = up.json().get("id").asText();

        Api.Response track = onB.get("/api/tracks/" + id);
        assertThat(track.status()).isEqualTo(200);
        assertThat(track.json().get("title").asText()).isEqualTo("Song " + word);
        JsonNode found = onB.get("/api/search?q=" + word).json().get("tracks");
        assertThat(found).extracting(t -> t.get("id").asText()).containsExactly(id);
        Api.Response stream = onB.get("/api/tracks/" + id + "/stream");
        assertThat(stream.status()).isEqualTo(200);
        assertThat(stream.bytes()).isEqualTo(Files.readAllBytes(flac));
        // A signed URL made by A (for an <audio> element) plays from B: both have the same URL key.
        String signed = onA.get("/api/tracks/" + id + "/stream-url").json().get("url").asText();
        Api.Response bySignature = b.api().get(signed);
        assertThat(bySignature.status()).isEqualTo(200);
        assertThat(bySignature.bytes()).isEqualTo(Files.readAllBytes(flac));
        // The same bytes again through B are a duplicate of A's row: one catalog.
        Api.Response again = upload(onB, flac);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("id").asText()).isEqualTo(id);
    }

    @Test
    @Order(2)
    void aTokenFromAIsAcceptedByBAndARefreshIssuedByARotatesOnB() {
        Api.Response login = a.api().post("/api/auth/login", Map.of("username", "admin",
                "password", ADMIN_PASSWORD));
        String access = login.json().get("accessToken").asText();
        String refresh = login.json().get("refreshToken").asText();

        assertThat(b.api().withToken(access).get("/api/me").status()).isEqualTo(200);
        assertThat(b.api().get("/.well-known/jwks.json").body()).isEqualTo(a.api().get("/.well-known/jwks.json")
                .body());

        Api.Response rotated = b.api().post("/api/auth/refresh", Map.of("refreshToken", refresh));
        assertThat(rotated.status()).as(rotated.body()).isEqualTo(200);
        String next = rotated.json().get("refreshToken").asText();
        assertThat(next).isNotEqualTo(refresh);
        assertThat(a.api().withToken(rotated.json().get("accessToken").asText()).get("/api/me").status())
                .isEqualTo(200);
        // The spent token is spent everywhere: replaying it at A is reuse, which revokes the whole family.
        assertThat(a.api().post("/api/auth/refresh", Map.of("refreshToken", refresh)).status()).isEqualTo(401);
        assertThat(b.api().post("/api/auth/refresh", Map.of("refreshToken", next)).status()).isEqualTo(401);
    }

    @Test
    @Order(3)
    void anAppPasswordMadeOnAWorksForSubsonicOnB() {
        Api onA = a.api().login("admin", ADMIN_PASSWORD);
        String secret = onA.post("/api/app-passwords", Map.of("name", "phone")).json().get("secret").asText();

        Api.Response ping = b.api().get("/rest/ping?u=admin&v=1.16.1&c=two-nodes&f=json&p="
                + URLEncoder.encode(secret, StandardCharsets.UTF_8));

        assertThat(ping.status()).isEqualTo(200);
        assertThat(ping.json().get("subsonic-response").get("status").asText()).as(ping.body()).isEqualTo("ok");
    }

    @Test
    @Order(4)
    void nginxSpreadsRequestsOverBothNodes() {
        Api api = nginxApi().login("admin", ADMIN_PASSWORD);
        Set<String> upstreams = new HashSet<>();
        for (int i = 0; i < 6; i++) {
            Api.Response me = api.get("/api/me");
            assertThat(me.status()).isEqualTo(200);
            upstreams.add(me.header("X-Upstream"));
        }
        assertThat(upstreams).containsExactlyInAnyOrder("127.0.0.1:" + a.port(), "127.0.0.1:" + b.port());
    }

    @Test
    @Order(5)
    void theNodesKeepNothingOnTheirDisksButTempFiles() throws IOException {
        for (String node : List.of("node-a", "node-b")) {
            Path data = work.resolve(node + "-tmp").resolve("data");
            try (Stream<Path> files = Files.walk(data)) {
                List<String> kept = files.filter(Files::isRegularFile).map(p -> data.relativize(p).toString())
                        .filter(p -> !p.startsWith("tmp/") && !p.startsWith("cache/")).toList();
                assertThat(kept).as("files on " + node + " outside tmp/ and cache/").isEmpty();
            }
            assertThat(data.resolve("keys")).doesNotExist();
            assertThat(data.resolve("blobs")).doesNotExist();
        }
    }

    @Test
    @Order(6)
    void aStreamCutByKillingItsNodeResumesThroughTheOtherWithARange() throws Exception {
        Path big = flac("Long " + System.nanoTime(), 100);
        byte[] original = Files.readAllBytes(big);
        Api admin = a.api().login("admin", ADMIN_PASSWORD);
        Api.Response up = upload(admin, big);
        assertThat(up.status()).as(up.body()).isEqualTo(201);
        String path = "/api/tracks/" + up.json().get("id").asText() + "/stream";

        ByteArrayOutputStream received = new ByteArrayOutputStream();
        String servedBy;
        String etag;
        AppNode survivor;
        try (Socket s = new Socket("127.0.0.1", nginxPort)) {
            // A small receive window, so the bytes in flight stay far below the rest of the file.
            s.setReceiveBufferSize(32 * 1024);
            s.setSoTimeout(30_000);
            OutputStream out = s.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + admin.token()
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            Map<String, String> headers = readHead(in);
            assertThat(headers.get(":status")).isEqualTo("200");
            assertThat(Long.parseLong(headers.get("content-length"))).isEqualTo(original.length);
            servedBy = headers.get("x-upstream");
            etag = headers.get("etag");
            copy(in, received, 512 * 1024);

            boolean fromA = servedBy.equals("127.0.0.1:" + a.port());
            survivor = fromA ? b : a;
            (fromA ? a : b).kill();

            try {
                copy(in, received, Integer.MAX_VALUE);
            } catch (IOException e) {
                // The cut: nginx drops the client's connection when its upstream dies.
            }
        }
        int got = received.size();
        assertThat(got).as("the node died before it sent the whole file").isLessThan(original.length);

        Api.Response rest = nginxApi().withToken(admin.token()).send(nginxApi().withToken(admin.token())
                .request(path).header("Range", "bytes=" + got + "-").header("If-Range", etag).GET().build());

        assertThat(rest.status()).isEqualTo(206);
        // nginx may try the dead node first (refused at once) and then go on: the last one tried answered.
        assertThat(rest.header("X-Upstream")).endsWith("127.0.0.1:" + survivor.port());
        assertThat(rest.header("Content-Range")).isEqualTo("bytes " + got + "-" + (original.length - 1) + "/"
                + original.length);
        byte[] whole = new byte[got + rest.bytes().length];
        System.arraycopy(received.toByteArray(), 0, whole, 0, got);
        System.arraycopy(rest.bytes(), 0, whole, got, rest.bytes().length);
        assertThat(Arrays.equals(whole, original)).as("the resumed stream is byte-exact").isTrue();
    }

    private static Api.Response upload(Api api, Path file) {
        try {
            return api.send(api.request("/api/tracks?filename=" + file.getFileName())
                    .header("Content-Type", "application/octet-stream").timeout(Duration.ofMinutes(2))
                    .POST(HttpRequest.BodyPublishers.ofFile(file)).build());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** A FLAC of white noise (it barely compresses, so seconds make megabytes) with a title tag. */
    private Path flac(String title, int seconds) throws Exception {
        Path out = work.resolve(title.replace(' ', '-') + ".flac");
        Process p = new ProcessBuilder(ffmpeg, "-hide_banner", "-loglevel", "error", "-y", "-f", "lavfi", "-i",
                "anoisesrc=d=" + seconds + ":c=white:r=44100:a=0.5:seed=" + (System.nanoTime() & 0xffff),
                "-ac", "2", "-metadata", "title=" + title, "-metadata", "artist=Two Nodes", out.toString())
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(output).isZero();
        return out;
    }

    /** Reads a response head; header names lower case, the status code under {@code :status}. */
    private static Map<String, String> readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int c = in.read();
            if (c < 0) {
                throw new IOException("connection closed in the response head: " + head);
            }
            head.write(c);
            matched = (c == "\r\n\r\n".charAt(matched)) ? matched + 1 : (c == '\r' ? 1 : 0);
        }
        String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
        Map<String, String> headers = new HashMap<>();
        headers.put(":status", lines[0].split(" ")[1]);
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.put(lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT),
                        lines[i].substring(colon + 1).strip());
            }
        }
        return headers;
    }

    private static void copy(InputStream in, ByteArrayOutputStream out, int max) throws IOException {
        byte[] buf = new byte[8192];
        int left = max;
        while (left > 0) {
            int n = in.read(buf, 0, Math.min(buf.length, left));
            if (n < 0) {
                return;
            }
            out.write(buf, 0, n);
            left -= n;
        }
    }

    private static String readIfThere(Path p) {
        try {
            return Files.exists(p) ? Files.readString(p) : "";
        } catch (IOException e) {
            return "";
        }
    }
}
