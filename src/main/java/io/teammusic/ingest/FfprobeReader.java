package io.teammusic.ingest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The fallback reader: runs {@code ffprobe} on files jaudiotagger cannot parse or reads without stream info
 * (WavPack, Musepack, APE tags on MP3...). A file ffprobe finds no audio stream in is undecodable.
 */
final class FfprobeReader {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int MAX_OUTPUT = 4 * 1024 * 1024;

    private final String ffprobe;
    private final long timeoutMillis;
    private final long maxCoverBytes;

    FfprobeReader(String ffprobe, long timeoutMillis, long maxCoverBytes) {
        this.ffprobe = ffprobe;
        this.timeoutMillis = timeoutMillis;
        this.maxCoverBytes = maxCoverBytes;
    }

    /** The tags and stream info, or null when ffprobe refuses the file or finds no audio in it. */
    AudioTags read(Path file) throws IOException {
        byte[] out = run(List.of(ffprobe, "-v", "error", "-print_format", "json", "-show_format", "-show_streams",
                file.toString()), MAX_OUTPUT);
        if (out == null) {
            return null;
        }
        JsonNode root;
        try {
            root = JSON.readTree(out);
        } catch (RuntimeException e) {
            return null;
        }
        JsonNode audio = null;
        JsonNode picture = null;
        for (JsonNode s : root.path("streams")) {
            if ("audio".equals(s.path("codec_type").asString("")) && audio == null) {
                audio = s;
            } else if (s.path("disposition").path("attached_pic").asInt(0) == 1 && picture == null) {
                picture = s;
            }
        }
        if (audio == null) {
            return null;
        }
        JsonNode format = root.path("format");
        AudioTags t = new AudioTags();
        t.codec = audio.path("codec_name").asString(null);
        t.sampleRate = positiveInt(audio.path("sample_rate").asString(null));
        t.channels = positiveInt(audio.path("channels").asString(null));
        Integer bits = positiveInt(audio.path("bits_per_raw_sample").asString(null));
        t.bitsPerSample = bits != null ? bits : positiveInt(audio.path("bits_per_sample").asString(null));
        Double seconds = TagText.decimal(format.path("duration").asString(null));
        if (seconds == null) {
            seconds = TagText.decimal(audio.path("duration").asString(null));
        }
        if (seconds != null && seconds > 0) {
            t.durationMs = Math.round(seconds * 1000);
        }
        Integer bps = positiveInt(audio.path("bit_rate").asString(null));
        if (bps == null) {
            bps = positiveInt(format.path("bit_rate").asString(null));
        }
        if (bps != null) {
            t.bitrateKbps = (int) Math.round(bps / 1000.0);
        }
        Map<String, String> tags = new HashMap<>();
        collect(format.path("tags"), tags);
        collect(audio.path("tags"), tags);
        readTags(tags, t);
        if (picture != null) {
            readCover(file, picture, t);
        }
        return t;
    }

    private static void collect(JsonNode node, Map<String, String> into) {
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            into.putIfAbsent(e.getKey().toLowerCase(Locale.ROOT), e.getValue().asString(""));
        }
    }

    private static void readTags(Map<String, String> m, AudioTags t) {
        t.title = TagText.repairMojibake(TagText.clean(m.get("title")));
        String artist = TagText.repairMojibake(TagText.clean(m.get("artist")));
        t.artistDisplay = artist;
        String artists = TagText.clean(m.get("artists"));
        t.artists = TagText.splitArtists(List.of(artists != null ? artists : artist == null ? "" : artist), false);
        t.album = TagText.repairMojibake(TagText.clean(m.get("album")));
        t.albumArtist = TagText.repairMojibake(TagText.clean(firstOf(m, "album_artist", "albumartist",
                "album artist")));
        String comp = TagText.clean(firstOf(m, "compilation", "tcmp"));
        if (comp != null) {
            t.compilation = comp.equals("1") || comp.equalsIgnoreCase("true");
        }
        String track = TagText.clean(firstOf(m, "track", "tracknumber"));
        t.trackNumber = TagText.leadingInt(track);
        Integer trackTotal = TagText.leadingInt(firstOf(m, "tracktotal", "totaltracks"));
        t.trackTotal = trackTotal != null ? trackTotal : TagText.totalOf(track);
        String disc = TagText.clean(firstOf(m, "disc", "discnumber"));
        t.discNumber = TagText.leadingInt(disc);
        Integer discTotal = TagText.leadingInt(firstOf(m, "disctotal", "totaldiscs"));
        t.discTotal = discTotal != null ? discTotal : TagText.totalOf(disc);
        t.year = TagText.year(firstOf(m, "date", "year", "originaldate"));
        String genre = TagText.clean(m.get("genre"));
        t.genres = genre == null ? new ArrayList<>() : TagText.splitGenres(List.of(genre));
        t.composer = TagText.clean(m.get("composer"));
        t.mbRecordingId = TagText.clean(firstOf(m, "musicbrainz_trackid", "musicbrainz track id"));
        t.mbTrackId = TagText.clean(firstOf(m, "musicbrainz_releasetrackid", "musicbrainz release track id"));
        t.mbReleaseId = TagText.clean(firstOf(m, "musicbrainz_albumid", "musicbrainz album id"));
        t.mbArtistId = TagText.clean(firstOf(m, "musicbrainz_artistid", "musicbrainz artist id"));
        t.mbAlbumArtistId = TagText.clean(firstOf(m, "musicbrainz_albumartistid", "musicbrainz album artist id"));
        t.rgTrackGain = TagText.decimal(m.get("replaygain_track_gain"));
        t.rgTrackPeak = TagText.decimal(m.get("replaygain_track_peak"));
        t.rgAlbumGain = TagText.decimal(m.get("replaygain_album_gain"));
        t.rgAlbumPeak = TagText.decimal(m.get("replaygain_album_peak"));
    }

    private void readCover(Path file, JsonNode picture, AudioTags t) throws IOException {
        String codec = picture.path("codec_name").asString("");
        String mime = switch (codec) {
            case "mjpeg" -> "image/jpeg";
            case "png" -> "image/png";
            case "gif" -> "image/gif";
            case "bmp" -> "image/bmp";
            case "webp" -> "image/webp";
            default -> null;
        };
        if (mime == null) {
            return;
        }
        int index = picture.path("index").asInt(-1);
        String ffmpeg = ffprobe.endsWith("ffprobe") ? ffprobe.substring(0, ffprobe.length() - 7) + "ffmpeg"
                : "ffmpeg";
        byte[] img = run(List.of(ffmpeg, "-v", "error", "-i", file.toString(), "-map", "0:" + index, "-c", "copy",
                "-f", "image2pipe", "-"), maxCoverBytes);
        if (img != null && img.length > 0) {
            t.cover = img;
            t.coverMime = mime;
        }
    }

    private static String firstOf(Map<String, String> m, String... keys) {
        for (String k : keys) {
            String v = m.get(k);
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return null;
    }

    private static Integer positiveInt(String s) {
        Double d = TagText.decimal(s);
        return d == null || d <= 0 || d > Integer.MAX_VALUE ? null : (int) Math.round(d);
    }

    /** Runs the program and returns its stdout, or null on failure, timeout or more than {@code max} bytes. */
    private byte[] run(List<String> command, long max) throws IOException {
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        // Read stdout on its own thread so that a program that hangs is still caught by the timeout below.
        CompletableFuture<byte[]> stdout = CompletableFuture.supplyAsync(() -> readAll(p.getInputStream(), max),
                task -> Thread.ofVirtual().start(task));
        try {
            if (!p.waitFor(timeoutMillis, TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                return null;
            }
            byte[] out = stdout.get(timeoutMillis, TimeUnit.MILLISECONDS);
            return p.exitValue() == 0 ? out : null;
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for " + command.get(0), e);
        } catch (ExecutionException | TimeoutException e) {
            p.destroyForcibly();
            return null;
        }
    }

    private static byte[] readAll(InputStream in, long max) {
        try (in) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buf = new byte[64 * 1024];
            int n;
            while ((n = in.read(buf)) >= 0) {
                if (out.size() + n > max) {
                    return null;
                }
                out.write(buf, 0, n);
            }
            return out.toByteArray();
        } catch (IOException e) {
            return null;
        }
    }
}
