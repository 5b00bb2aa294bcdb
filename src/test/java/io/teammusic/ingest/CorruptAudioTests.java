package io.teammusic.ingest;

import static io.teammusic.ingest.AudioFixtures.tags;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.teammusic.ingest.AudioFixtures.Kind;
import io.teammusic.testing.Api;
import io.teammusic.testing.ServerTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Truncated and corrupt audio is refused with 422 and leaves nothing behind; the intact file goes in. */
class CorruptAudioTests extends ServerTest {

    @Autowired
    JdbcClient jdbc;

    AudioFixtures audio;
    Api admin;

    @BeforeEach
    void setUp() {
        audio = new AudioFixtures();
        admin = admin();
    }

    private long tracks() {
        return jdbc.sql("SELECT COUNT(*) FROM tracks").query(Long.class).single();
    }

    private void assertRefusedLeavingNothing(Path file, int... statuses) throws IOException {
        long rows = tracks();
        long blobs = RejectionAndSafetyTests.blobCount();

        Api.Response r = Uploads.raw(admin, file);

        assertThat(r.status()).as(file.getFileName() + ": " + r.body()).isIn(
                java.util.Arrays.stream(statuses).boxed().toArray());
        RejectionAndSafetyTests.assertProblem(r, r.status());
        assertThat(tracks()).as("no row").isEqualTo(rows);
        assertThat(RejectionAndSafetyTests.blobCount()).as("no blob").isEqualTo(blobs);
        assertThat(RejectionAndSafetyTests.tempFiles()).as("no temp file").isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aFileCutTo60PercentIsRefusedWith422AndTheWholeOneGoesIn(Kind kind) throws IOException {
        Path whole = audio.make(kind, tags("title", "Cut Upload " + kind), 3.0, null);

        assertRefusedLeavingNothing(IntegrityCheckTests.truncated(whole, 0.6), 422);
        assertThat(Uploads.raw(admin, whole).status()).isEqualTo(201);
    }

    @ParameterizedTest
    @EnumSource(value = Kind.class, names = {"MP3", "FLAC", "OGG_VORBIS", "OPUS"})
    void garbageOverTheMiddleOfTheAudioIsRefusedWith422(Kind kind) throws IOException {
        Path whole = audio.make(kind, tags("title", "Garbled Upload " + kind), 3.0, null);

        assertRefusedLeavingNothing(IntegrityCheckTests.garbled(whole, 0.5, 4096, 7), 422);
    }

    /**
     * Garbage over the codec header, after the first 4 bytes (the magic number, which decides whether the file is
     * audio at all: without it the answer is 415).
     */
    @ParameterizedTest
    @EnumSource(Kind.class)
    void garbageOverTheHeaderIsRefused(Kind kind) throws IOException {
        Path whole = audio.make(kind, tags("title", "Bad Header " + kind), 3.0, null);
        byte[] all = Files.readAllBytes(whole);
        byte[] noise = new byte[Math.min(2048, all.length / 4)];
        new Random(11).nextBytes(noise);
        int at = kind == Kind.MP3 ? headerOfFirstFrame(all) : 4;
        System.arraycopy(noise, 0, all, at, noise.length);
        Path broken = whole.resolveSibling("header-" + whole.getFileName());
        Files.write(broken, all);

        assertRefusedLeavingNothing(broken, 415, 422);
    }

    /** ffmpeg's MP3 starts with an ID3v2 tag; the audio header is the first frame after it. */
    private static int headerOfFirstFrame(byte[] b) {
        if (b[0] == 'I' && b[1] == 'D' && b[2] == '3') {
            return 10 + ((b[6] & 0x7F) << 21 | (b[7] & 0x7F) << 14 | (b[8] & 0x7F) << 7 | b[9] & 0x7F);
        }
        return 0;
    }

    @Test
    void inABatchTheTruncatedFileIsRejectedWithItsReasonAndTheOthersGoIn() throws IOException {
        Path good = audio.make(Kind.FLAC, tags("title", "Batch Good"), 2.0, null);
        Path cut = IntegrityCheckTests.truncated(audio.make(Kind.FLAC, tags("title", "Batch Cut"), 3.0, null), 0.6);
        Path alsoGood = audio.make(Kind.MP3, tags("title", "Batch Also Good"), 2.0, null);

        Api.Response r = Uploads.multipart(admin, good, cut, alsoGood);

        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode results = r.json().get("results");
        assertThat(results.get(0).get("status").asText()).isEqualTo("created");
        assertThat(results.get(1).get("status").asText()).isEqualTo("rejected");
        assertThat(results.get(1).get("error").get("status").asInt()).isEqualTo(422);
        assertThat(results.get(1).get("error").get("detail").asText()).contains("cannot be decoded");
        assertThat(results.get(2).get("status").asText()).isEqualTo("created");
        assertThat(RejectionAndSafetyTests.tempFiles()).isEmpty();
    }
}
