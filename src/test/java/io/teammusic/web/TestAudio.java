package io.teammusic.web;

import io.teammusic.testing.Api;
import io.teammusic.testing.SystemTools;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Real audio files made with ffmpeg for the browser tests: a sine tone with tags, optionally a cover. */
final class TestAudio {

    private TestAudio() {
    }

    /** An MP3 of {@code seconds} of a {@code hz} tone, tagged; a coloured cover when {@code coverRgb} is given. */
    static Path mp3(Path dir, String title, String artist, String album, int trackNo, int hz, int seconds,
            String coverRgb) {
        String ffmpeg = SystemTools.require("ffmpeg", "ffmpeg");
        Path out = dir.resolve(trackNo + " " + title + ".mp3");
        List<String> cmd = new ArrayList<>(List.of(ffmpeg, "-loglevel", "error", "-y", "-f", "lavfi", "-i",
                "sine=f=" + hz + ":d=" + seconds));
        if (coverRgb != null) {
            cmd.addAll(List.of("-f", "lavfi", "-i", "color=c=0x" + coverRgb + ":s=240x240:d=1", "-map", "0:a",
                    "-map", "1:v", "-frames:v", "1", "-c:v", "mjpeg", "-disposition:v", "attached_pic"));
        }
        cmd.addAll(List.of("-metadata", "title=" + title, "-metadata", "artist=" + artist, "-metadata",
                "album=" + album, "-metadata", "track=" + trackNo, "-metadata", "date=2024", "-c:a", "libmp3lame",
                "-b:a", "64k", "-id3v2_version", "3", out.toString()));
        run(cmd);
        return out;
    }

    private static void run(List<String> cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            // Generous: a twenty-minute encode on a busy 2-core machine took over a minute.
            if (!p.waitFor(10, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IllegalStateException("ffmpeg did not finish within 10 minutes: " + cmd);
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException("ffmpeg failed: " + new String(p.getInputStream().readAllBytes()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Uploads through the API as a raw body and returns the track id (for a new or an already stored file). */
    static String upload(Api admin, Path file) {
        String name = URLEncoder.encode(file.getFileName().toString(), StandardCharsets.UTF_8);
        try {
            Api.Response r = admin.send(admin.request("/api/tracks?filename=" + name)
                    .header("Content-Type", "audio/mpeg").POST(HttpRequest.BodyPublishers.ofFile(file)).build());
            if (r.status() != 201 && r.status() != 200) {
                throw new AssertionError("upload of " + file + " failed: " + r.status() + " " + r.body());
            }
            return r.json().get("id").asText();
        } catch (FileNotFoundException e) {
            throw new UncheckedIOException(e);
        }
    }
}
