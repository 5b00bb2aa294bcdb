package io.teammusic.ingest;

import static io.teammusic.ingest.AudioFixtures.tags;
import static org.assertj.core.api.Assertions.assertThat;

import io.teammusic.ingest.AudioFixtures.Kind;
import io.teammusic.testing.Api;
import io.teammusic.testing.ServerTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Inputs a newcomer found by trying to break the upload endpoint; each once gave a 400 or 500 it should not. */
class UploadEdgeCaseTests extends ServerTest {

    private final AudioFixtures audio = new AudioFixtures();

    private Api.Response multipartNamed(Path file, String filename) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(("--B0UND\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + filename
                + "\"\r\nContent-Type: audio/mpeg\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.write(Files.readAllBytes(file));
        body.write("\r\n--B0UND--\r\n".getBytes(StandardCharsets.UTF_8));
        Api admin = admin();
        return admin.send(admin.request("/api/tracks").header("Content-Type", "multipart/form-data; boundary=B0UND")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build());
    }

    @Test
    void rawUploadWithCurlsDefaultFormContentTypeIsStillTakenAsTheFile() throws IOException {
        Path mp3 = audio.make(Kind.MP3, tags("title", "Form Typed " + System.nanoTime()));
        Api admin = admin();

        Api.Response r = admin.send(admin.request("/api/tracks?filename=form.mp3")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofFile(mp3)).build());

        assertThat(r.status()).as(r.body()).isEqualTo(201);
        assertThat(r.json().get("originalFilename").asText()).isEqualTo("form.mp3");
    }

    @Test
    void longUnicodeFileNamesAreAccepted() throws IOException {
        Path mp3 = audio.make(Kind.MP3, tags("title", "Long Name " + System.nanoTime()));
        String name = "ü".repeat(250) + ".mp3";

        Api.Response r = multipartNamed(mp3, name);

        assertThat(r.status()).as(r.body()).isEqualTo(201);
        assertThat(r.json().get("results").get(0).get("filename").asText()).isEqualTo(name);
    }

    @Test
    void anEmptyFileIsA400SayingSoNotA415RawOrInAMultipartBatch() throws IOException {
        Path empty = Files.createTempFile("empty-", ".mp3");
        Path mp3 = audio.make(Kind.MP3, tags("title", "Beside Empty " + System.nanoTime()));
        Api admin = admin();

        Api.Response raw = Uploads.raw(admin, empty, "empty.mp3");
        assertThat(raw.status()).as(raw.body()).isEqualTo(400);
        assertThat(raw.header("Content-Type")).startsWith("application/problem+json");
        assertThat(raw.json().get("detail").asText()).contains("empty");

        Api.Response alone = multipartNamed(empty, "empty.mp3");
        assertThat(alone.status()).as(alone.body()).isEqualTo(400);
        assertThat(alone.json().get("results").get(0).get("error").get("detail").asText()).contains("empty");

        Api.Response batch = Uploads.multipart(admin, empty, mp3);
        assertThat(batch.status()).as(batch.body()).isEqualTo(200);
        var results = batch.json().get("results");
        assertThat(results.get(0).get("status").asText()).isEqualTo("rejected");
        assertThat(results.get(0).get("error").get("status").asInt()).isEqualTo(400);
        assertThat(results.get(0).get("error").get("detail").asText()).contains("empty");
        assertThat(results.get(1).get("status").asText()).isEqualTo("created");
    }

    @Test
    void aNulByteInTheFileNameIsRejectedNotA500() throws IOException {
        Path mp3 = audio.make(Kind.MP3, tags("title", "Nul Name " + System.nanoTime()));

        Api.Response r = multipartNamed(mp3, "a\u0000b.mp3");

        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.json().get("results").get(0).get("status").asText()).isEqualTo("rejected");
    }
}
