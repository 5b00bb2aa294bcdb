package io.teammusic.ingest;

import io.teammusic.testing.SystemTools;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Real audio made with ffmpeg for the ingest tests: a short tone per file, tagged as asked. */
final class AudioFixtures {

    private final String ffmpeg;
    private final Path dir;
    // Each instance numbers its files from its own block: two test classes making "the same" fixture must still
    // get different bytes, or the second upload is a duplicate of the first and the class order decides.
    private static final java.util.concurrent.atomic.AtomicInteger BLOCKS =
            new java.util.concurrent.atomic.AtomicInteger();
    private int counter = BLOCKS.getAndIncrement() * 1000;

    /** One folder per test JVM for all fixtures, removed when the JVM exits. */
    private static final Path ROOT = newRoot();

    AudioFixtures() {
        this.ffmpeg = SystemTools.require("ffmpeg", "ffmpeg");
        try {
            this.dir = Files.createTempDirectory(ROOT, "set-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path newRoot() {
        try {
            Path root = Files.createTempDirectory("teammusic-fixtures-");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    TempFiles.deleteTree(root);
                } catch (IOException e) {
                    // Best effort: the OS cleans /tmp eventually.
                }
            }));
            return root;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path dir() {
        return dir;
    }

    /** A format as ffmpeg writes it: its muxer, codec and the extension it would normally have. */
    enum Kind {
        MP3("mp3", "libmp3lame", "mp3", "-b:a", "128k"),
        FLAC("flac", "flac", "flac"),
        OGG_VORBIS("ogg", "libvorbis", "ogg"),
        OPUS("ogg", "libopus", "opus"),
        M4A_AAC("ipod", "aac", "m4a"),
        M4A_ALAC("ipod", "alac", "m4a"),
        WAV("wav", "pcm_s16le", "wav"),
        AIFF("aiff", "pcm_s16be", "aiff");

        final String muxer;
        final String codec;
        final String extension;
        final String[] extra;

        Kind(String muxer, String codec, String extension, String... extra) {
            this.muxer = muxer;
            this.codec = codec;
            this.extension = extension;
            this.extra = extra;
        }
    }

    /** A 1 s tone (frequency varied per call, so every file has distinct bytes) with the given tags. */
    Path make(Kind kind, Map<String, String> tags) {
        return make(kind, tags, 1.0, null);
    }

    Path make(Kind kind, Map<String, String> tags, double seconds, Path cover) {
        Path out = dir.resolve("f" + (++counter) + "." + kind.extension);
        List<String> cmd = new ArrayList<>(List.of(ffmpeg, "-v", "error", "-y", "-f", "lavfi", "-i",
                "sine=frequency=" + (200 + counter * 7 % 15000) + ":sample_rate=44100:duration=" + seconds));
        if (cover != null) {
            cmd.addAll(List.of("-i", cover.toString(), "-map", "0:a", "-map", "1:v", "-c:v", "copy",
                    "-disposition:v", "attached_pic"));
            if (kind == Kind.MP3) {
                cmd.addAll(List.of("-id3v2_version", "3"));
            }
        }
        cmd.addAll(List.of("-ac", "2", "-c:a", kind.codec));
        cmd.addAll(List.of(kind.extra));
        for (Map.Entry<String, String> e : tags.entrySet()) {
            cmd.addAll(List.of("-metadata", e.getKey() + "=" + e.getValue()));
        }
        cmd.addAll(List.of("-f", kind.muxer, out.toString()));
        run(cmd);
        return out;
    }

    /**
     * An MP3 whose only tag is an ID3v2.3 tag built here byte by byte, each text frame declared ISO-8859-1
     * (encoding byte 0) but holding the given raw bytes, the way old Windows taggers wrote CP1251 or Shift_JIS.
     */
    Path mp3WithLatin1Frames(Map<String, byte[]> frames) {
        Path bare = dir.resolve("bare" + (++counter) + ".mp3");
        run(List.of(ffmpeg, "-v", "error", "-y", "-f", "lavfi", "-i", "sine=frequency=" + (300 + counter % 15000)
                + ":duration=1", "-c:a", "libmp3lame", "-id3v2_version", "0", "-write_id3v1", "0",
                "-map_metadata", "-1", "-f", "mp3", bare.toString()));
        try {
            java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
            for (Map.Entry<String, byte[]> f : frames.entrySet()) {
                byte[] value = f.getValue();
                body.write(f.getKey().getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                int size = value.length + 1;
                body.write(new byte[] {(byte) (size >>> 24), (byte) (size >>> 16), (byte) (size >>> 8), (byte) size});
                body.write(new byte[] {0, 0, 0});
                body.write(value);
            }
            byte[] frameBytes = body.toByteArray();
            int n = frameBytes.length;
            byte[] header = {'I', 'D', '3', 3, 0, 0, (byte) ((n >>> 21) & 0x7F), (byte) ((n >>> 14) & 0x7F),
                (byte) ((n >>> 7) & 0x7F), (byte) (n & 0x7F)};
            Path out = dir.resolve("latin1-" + counter + ".mp3");
            try (var os = Files.newOutputStream(out)) {
                os.write(header);
                os.write(frameBytes);
                os.write(Files.readAllBytes(bare));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A small JPEG picture to embed as a cover; its colour, so its bytes, differ on every call. */
    Path jpeg() {
        Path out = dir.resolve("cover" + (++counter) + ".jpg");
        String colour = String.format("0x%06x", (System.nanoTime() ^ counter * 7919L) & 0xFFFFFF);
        run(List.of(ffmpeg, "-v", "error", "-y", "-f", "lavfi", "-i", "color=c=" + colour + ":size=64x48:rate=1",
                "-frames:v", "1", out.toString()));
        return out;
    }

    /** Copies a file under a misleading name (the ingest must look at the bytes). */
    Path renamed(Path file, String name) {
        try {
            Path dest = dir.resolve("renamed-" + (++counter)).resolve(name);
            Files.createDirectories(dest.getParent());
            return Files.copy(file, dest);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Map<String, String> tags(String... keyValues) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put(keyValues[i], keyValues[i + 1]);
        }
        return m;
    }

    private static void run(List<String> cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("ffmpeg failed: " + cmd + "\n" + new String(out));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
