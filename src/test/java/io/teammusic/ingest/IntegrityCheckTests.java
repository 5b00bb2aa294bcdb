package io.teammusic.ingest;

import static io.teammusic.ingest.AudioFixtures.tags;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.teammusic.ingest.AudioFixtures.Kind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/**
 * The structural check on its own, without a server: files made by ffmpeg in every format it writes, whole,
 * truncated and overwritten with garbage, and every file of the shared corpus that its sources call valid.
 */
class IntegrityCheckTests {

    private static final AudioFixtures AUDIO = new AudioFixtures();

    static Path truncated(Path file, double fraction) throws IOException {
        byte[] all = Files.readAllBytes(file);
        Path out = file.resolveSibling("cut-" + file.getFileName());
        Files.write(out, java.util.Arrays.copyOf(all, (int) (all.length * fraction)));
        return out;
    }

    /** Random bytes over {@code length} bytes from {@code at} (a fraction of the file). */
    static Path garbled(Path file, double at, int length, long seed) throws IOException {
        byte[] all = Files.readAllBytes(file);
        int from = (int) (all.length * at);
        byte[] noise = new byte[Math.min(length, all.length - from)];
        new Random(seed).nextBytes(noise);
        System.arraycopy(noise, 0, all, from, noise.length);
        Path out = file.resolveSibling("garbled-" + seed + "-" + file.getFileName());
        Files.write(out, all);
        return out;
    }

    private static AudioFormat formatOf(Path file) throws IOException {
        return FormatSniffer.sniff(file).orElseThrow();
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void wholeFilesPass(Kind kind) throws IOException {
        Path file = AUDIO.make(kind, tags("title", "Whole " + kind), 3.0, null);

        assertThat(IntegrityCheck.problem(file, formatOf(file))).isNull();
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void filesCutTo60PercentFail(Kind kind) throws IOException {
        Path file = truncated(AUDIO.make(kind, tags("title", "Cut " + kind), 3.0, null), 0.6);

        String problem = IntegrityCheck.problem(file, formatOf(file));
        // ffmpeg writes MP4's moov box last: a cut file has none, and the tag readers refuse it (see
        // CorruptAudioTests); the check still finds the mdat box running past the end.
        assertThat(problem).as(kind.name()).isNotNull();
    }

    @ParameterizedTest
    @EnumSource(value = Kind.class, names = {"MP3", "FLAC", "OGG_VORBIS", "OPUS"})
    void garbageOverTheMiddleOfTheAudioFails(Kind kind) throws IOException {
        Path whole = AUDIO.make(kind, tags("title", "Garbled " + kind), 3.0, null);
        for (long seed = 1; seed <= 5; seed++) {
            Path file = garbled(whole, 0.5, 4096, seed);

            assertThat(IntegrityCheck.problem(file, formatOf(file))).as(kind + " seed " + seed).isNotNull();
        }
    }

    @Test
    void everyCorpusFileNotMarkedBrokenPasses() throws IOException {
        Path corpus = Path.of("..", "shared", "corpus");
        Assumptions.assumeTrue(Files.isRegularFile(corpus.resolve("manifest.json")), "corpus missing: skipped");
        JsonNode entries = new ObjectMapper().readTree(corpus.resolve("manifest.json").toFile()).get("entries");
        List<String> rejected = new ArrayList<>();
        List<String> brokenRejected = new ArrayList<>();
        int checked = 0;
        for (JsonNode e : entries) {
            if (e.path("expected").path("parse_error").asBoolean(false)) {
                continue;
            }
            boolean marked = CorpusConformanceTests.markedBroken(e);
            Path file = corpus.resolve("files").resolve(e.get("file").asText());
            var format = FormatSniffer.sniff(file);
            if (format.isEmpty()) {
                continue;
            }
            checked++;
            String problem = IntegrityCheck.problem(file, format.get());
            if (problem != null && marked) {
                brokenRejected.add(e.get("file").asText() + ": " + problem);
            } else if (problem != null) {
                rejected.add(e.get("file").asText() + ": " + problem);
            }
        }
        System.out.println("integrity check over " + checked + " corpus files; rejected of those the manifest marks"
                + " broken or truncated: " + brokenRejected + "; rejected of the others: " + rejected);
        assertThat(rejected).isEmpty();
    }
}
