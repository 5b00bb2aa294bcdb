package io.teammusic.ingest;

import static io.teammusic.ingest.AudioFixtures.tags;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.teammusic.ingest.AudioFixtures.Kind;
import io.teammusic.testing.Api;
import io.teammusic.testing.ServerTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The name a file was uploaded under: kept as its last path component only, and read right from headers. */
class FilenameTests extends ServerTest {

    AudioFixtures audio;
    Api admin;

    @BeforeEach
    void setUp() {
        audio = new AudioFixtures();
        admin = admin();
    }

    private Path mp3() {
        return audio.make(Kind.MP3, tags("title", "Named " + System.nanoTime()));
    }

    /**
     * A raw upload with one extra header whose value goes on the wire as exactly these bytes. (Java's HTTP client
     * turns every non-ASCII header character into '?', so this writes the request itself.)
     */
    private Response withHeader(String header, byte[] value) throws IOException {
        byte[] body = Files.readAllBytes(mp3());
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(60_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/tracks HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
                    + "Authorization: Bearer " + admin.token() + "\r\nContent-Type: application/octet-stream\r\n"
                    + "Content-Length: " + body.length + "\r\n" + header + ": ").getBytes(StandardCharsets.US_ASCII));
            out.write(value);
            out.write("\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int status = Integer.parseInt(response.substring(9, 12));
            String json = response.substring(response.indexOf("\r\n\r\n") + 4);
            if (response.toLowerCase(java.util.Locale.ROOT).contains("transfer-encoding: chunked")) {
                json = json.substring(json.indexOf("\r\n") + 2, json.lastIndexOf('}') + 1);
            }
            return new Response(status, JSON.readTree(json));
        }
    }

    private Response withHeader(String header, String asciiValue) throws IOException {
        return withHeader(header, asciiValue.getBytes(StandardCharsets.ISO_8859_1));
    }

    record Response(int status, JsonNode json) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private Api.Response multipartNamed(Path file, String filename) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(("--B0UND\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + filename
                + "\"\r\nContent-Type: audio/mpeg\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.write(Files.readAllBytes(file));
        body.write("\r\n--B0UND--\r\n".getBytes(StandardCharsets.UTF_8));
        return admin.send(admin.request("/api/tracks").header("Content-Type", "multipart/form-data; boundary=B0UND")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build());
    }

    @Test
    void pathComponentsInARawUploadNameAreDropped() {
        Api.Response unix = Uploads.raw(admin, mp3(), "../../etc/evil.mp3");
        Api.Response windows = Uploads.raw(admin, mp3(), "C:\\Users\\me\\Music\\Song.mp3");

        assertThat(unix.status()).as(unix.body()).isEqualTo(201);
        assertThat(unix.json().get("originalFilename").asText()).isEqualTo("evil.mp3");
        assertThat(windows.json().get("originalFilename").asText()).isEqualTo("Song.mp3");
    }

    @Test
    void pathComponentsInAMultipartNameAreDroppedInTheTrackAndTheResult() throws IOException {
        Api.Response r = multipartNamed(mp3(), "folder/sub\\dir/Track 01.mp3");

        assertThat(r.status()).as(r.body()).isEqualTo(201);
        var result = r.json().get("results").get(0);
        assertThat(result.get("filename").asText()).isEqualTo("Track 01.mp3");
        assertThat(result.get("track").get("originalFilename").asText()).isEqualTo("Track 01.mp3");
    }

    @Test
    void controlAndBidiCharactersAreRemovedAndANameOfOnlyAPathFallsBackToTheTitle() {
        Api.Response tricky = Uploads.raw(admin, mp3(), "evil\u202E3pm.exe\t.mp3");
        Path untagged = audio.make(Kind.MP3, tags(), 1.0, null);
        Api.Response onlyPath = Uploads.raw(admin, untagged, "../..");

        assertThat(tricky.json().get("originalFilename").asText()).isEqualTo("evil3pm.exe.mp3");
        assertThat(onlyPath.status()).as(onlyPath.body()).isEqualTo(201);
        assertThat(onlyPath.json().get("originalFilename").asText()).doesNotContain("..", "/");
    }

    @Test
    void overlongNamesAreCutButKeepTheirExtension() {
        Api.Response r = Uploads.raw(admin, mp3(), "a".repeat(400) + ".mp3");

        String name = r.json().get("originalFilename").asText();
        assertThat(name).hasSize(Filenames.MAX_LENGTH).endsWith(".mp3");
    }

    @Test
    void xFilenameWithRawUtf8BytesIsReadAsUtf8() throws IOException {
        Response japanese = withHeader("X-Filename", utf8("夜の歌.mp3"));
        Response accented = withHeader("X-Filename", utf8("Évening Café.mp3"));

        assertThat(japanese.status()).as(japanese.json().toString()).isEqualTo(201);
        assertThat(japanese.json().get("originalFilename").asText()).isEqualTo("夜の歌.mp3");
        assertThat(accented.json().get("originalFilename").asText()).isEqualTo("Évening Café.mp3");
    }

    @Test
    void xFilenameMayBePercentEncodedOrRfc8187() throws IOException {
        Response percent = withHeader("X-Filename", URLEncoder.encode("東京 ナイト.mp3", StandardCharsets.UTF_8)
                .replace("+", "%20"));
        Response extValue = withHeader("X-Filename", "UTF-8''" + URLEncoder.encode("Ça va.mp3",
                StandardCharsets.UTF_8).replace("+", "%20"));

        assertThat(percent.json().get("originalFilename").asText()).isEqualTo("東京 ナイト.mp3");
        assertThat(extValue.json().get("originalFilename").asText()).isEqualTo("Ça va.mp3");
    }

    @Test
    void latin1AndLiteralPercentNamesStayAsSent() throws IOException {
        // A lone Latin-1 byte is not UTF-8, and "100% pure" is not a percent escape.
        Response latin1 = withHeader("X-Filename", "caf\u00e9.mp3");
        Response percent = withHeader("X-Filename", "100% pure.mp3");

        assertThat(latin1.json().get("originalFilename").asText()).isEqualTo("café.mp3");
        assertThat(percent.json().get("originalFilename").asText()).isEqualTo("100% pure.mp3");
    }

    @Test
    void contentDispositionWithRawUtf8OrFilenameStarIsReadAsUtf8() throws IOException {
        Response raw = withHeader("Content-Disposition", utf8("attachment; filename=\"Straße.mp3\""));
        Response star = withHeader("Content-Disposition", "attachment; filename*=UTF-8''"
                + URLEncoder.encode("日本.mp3", StandardCharsets.UTF_8));

        assertThat(raw.json().get("originalFilename").asText()).isEqualTo("Straße.mp3");
        assertThat(star.json().get("originalFilename").asText()).isEqualTo("日本.mp3");
    }
}
