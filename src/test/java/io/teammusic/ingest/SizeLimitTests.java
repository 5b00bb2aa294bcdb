package io.teammusic.ingest;

import static io.teammusic.ingest.AudioFixtures.tags;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.teammusic.ingest.AudioFixtures.Kind;
import io.teammusic.testing.Api;
import io.teammusic.testing.ServerTest;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/** With a 100 kB limit, so that ordinary fixtures are "too large". */
@TestPropertySource(properties = "teammusic.ingest.max-file-size=100KB")
class SizeLimitTests extends ServerTest {

    AudioFixtures audio;
    Api admin;

    @BeforeEach
    void setUp() {
        audio = new AudioFixtures();
        admin = admin();
    }

    @Test
    void aRawUploadOverTheLimitIsRefusedWith413() {
        Path big = audio.make(Kind.WAV, tags("title", "Too Big"), 3.0, null);

        RejectionAndSafetyTests.assertProblem(Uploads.raw(admin, big), 413);
    }

    @Test
    void aChunkedUploadOverTheLimitIsRefusedWithoutReadingItAll() throws Exception {
        AtomicLong sent = new AtomicLong();
        long endless = 1L << 30;
        InputStream zeros = new InputStream() {
            @Override
            public int read() {
                return sent.incrementAndGet() > endless ? -1 : 0;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (sent.get() >= endless) {
                    return -1;
                }
                sent.addAndGet(len);
                return len;
            }
        };
        HttpRequest req = admin.request("/api/tracks?filename=endless.wav")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> zeros)).build();

        Api.Response r;
        try {
            r = admin.send(req);
        } catch (RuntimeException e) {
            // The server may close the connection before the client notices the response; either way it stopped.
            r = null;
        }

        if (r != null) {
            RejectionAndSafetyTests.assertProblem(r, 413);
        }
        assertThat(sent.get()).as("bytes the client got to send of 1 GiB").isLessThan(endless / 4);
        assertThat(RejectionAndSafetyTests.tempFiles()).isEmpty();
    }

    @Test
    void aMultipartFileOverTheLimitIsRejectedWith413InItsResult() {
        Path big = audio.make(Kind.WAV, tags("title", "Too Big Part"), 3.0, null);

        Api.Response r = Uploads.multipart(admin, big);

        assertThat(r.status()).as(r.body()).isEqualTo(413);
        JsonNode result = r.json().get("results").get(0);
        assertThat(result.get("status").asText()).isEqualTo("rejected");
        assertThat(result.get("error").get("status").asInt()).isEqualTo(413);
    }

    @Test
    void anOversizedPartIsRejectedAndThePartsAfterItAreStillTakenIn() throws Exception {
        Path before = audio.make(Kind.MP3, tags("title", "Before The Big One"), 1.0, null);
        Path big = audio.make(Kind.WAV, tags("title", "Too Big In A Batch"), 3.0, null);
        Path after = audio.make(Kind.MP3, tags("title", "After The Big One"), 1.0, null);
        Path last = audio.make(Kind.MP3, tags("title", "Last Of The Batch"), 1.0, null);

        Api.Response r = Uploads.multipart(admin, before, big, after, last);

        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode results = r.json().get("results");
        assertThat(results).hasSize(4);
        assertThat(results.get(0).get("status").asText()).isEqualTo("created");
        assertThat(results.get(1).get("status").asText()).isEqualTo("rejected");
        assertThat(results.get(1).get("error").get("status").asInt()).isEqualTo(413);
        assertThat(results.get(2).get("status").asText()).isEqualTo("created");
        assertThat(results.get(2).get("track").get("title").asText()).isEqualTo("After The Big One");
        assertThat(results.get(3).get("status").asText()).isEqualTo("created");
        assertThat(RejectionAndSafetyTests.tempFiles()).isEmpty();
    }

    @Test
    void filesUnderTheLimitStillGoIn() {
        Path small = audio.make(Kind.MP3, tags("title", "Small Enough"), 1.0, null);

        assertThat(Uploads.raw(admin, small).status()).isEqualTo(201);
    }
}
