package io.teammusic.ingest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * Reads a file's tags and stream info: jaudiotagger first, ffprobe when jaudiotagger fails, finds no stream info
 * or no tags (it does not read APE tags on MP3, nor WavPack or Musepack at all). A file that neither reader can
 * get stream info from is undecodable.
 */
@Component
class MetadataReader {

    private final JaudiotaggerReader jaudiotagger;
    private final FfprobeReader ffprobe;

    MetadataReader(IngestProperties props) {
        long maxCover = props.maxCoverSize().toBytes();
        this.jaudiotagger = new JaudiotaggerReader(maxCover);
        this.ffprobe = new FfprobeReader(props.ffprobe(), props.ffprobeTimeout().toMillis(), maxCover);
    }

    /** @throws IngestRejection 422 when no stream info can be read */
    AudioTags read(Path file, AudioFormat format) throws IOException {
        AudioTags tags = null;
        if (format.tagExtension() != null) {
            try {
                tags = jaudiotagger.read(file, format);
            } catch (Exception | AssertionError | StackOverflowError | OutOfMemoryError e) {
                // jaudiotagger throws a dozen checked and unchecked types on odd files, trips its own asserts,
                // and on crafted headers recurses deeply or asks for a huge array (which fails that request
                // only): all of these mean "ask ffprobe".
                tags = null;
            }
        }
        boolean confirmed = tags != null && tags.hasStreamInfo() && plausible(tags, format, file);
        if (!confirmed || !tags.hasAnyTag() && mayHoldTagsJaudiotaggerSkips(file, format)) {
            AudioTags probed = ffprobe.read(file);
            if (probed != null && tags != null && !confirmed) {
                // ffprobe found the stream where jaudiotagger's numbers were missing or impossible: its stream
                // info wins, jaudiotagger's tags stay.
                tags.durationMs = probed.durationMs;
                tags.bitrateKbps = probed.bitrateKbps;
                tags.sampleRate = probed.sampleRate;
                tags.channels = probed.channels != null ? probed.channels : tags.channels;
            }
            if (tags == null) {
                tags = probed;
            } else if (probed != null) {
                tags.fillFrom(probed);
            }
            confirmed = probed != null || confirmed;
        }
        // A stream of unknown length (a FLAC without a sample count) is fine once ffprobe has opened it.
        if (tags == null || !confirmed || tags.sampleRate == null || tags.sampleRate <= 0) {
            throw IngestRejection.undecodable(format.name().toLowerCase(Locale.ROOT).replace('_', ' '));
        }
        if (tags.codec == null) {
            tags.codec = format.codec();
        }
        // Both readers pass control characters through; here, once, none reaches the catalog.
        tags.removeControlCharacters();
        return tags;
    }

    /**
     * True when a file jaudiotagger read without finding tags may still have some it does not read: an APE tag at
     * the end of an MP3, or any tag in the formats it reads partly (WAV, AIFF...). MP3, FLAC, Ogg and MP4 it reads
     * completely, so starting ffprobe (tens of milliseconds) for an untagged one would find nothing more.
     */
    static boolean mayHoldTagsJaudiotaggerSkips(Path file, AudioFormat format) throws IOException {
        switch (format) {
            case FLAC, OGG_VORBIS, OGG_OPUS, MP4 -> {
                return false;
            }
            case MP3, AAC_ADTS -> {
                // checked below
            }
            default -> {
                // WAV, AIFF, WMA, DSF...: jaudiotagger misses tags ffmpeg writes there (AIFF's ID3 chunk).
                return true;
            }
        }
        try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(file)) {
            long size = ch.size();
            int n = (int) Math.min(size, 32 + 128 + 256);
            java.nio.ByteBuffer tail = java.nio.ByteBuffer.allocate(n);
            while (tail.hasRemaining() && ch.read(tail, size - n + tail.position()) > 0) {
                // read the tail in full
            }
            String text = new String(tail.array(), java.nio.charset.StandardCharsets.ISO_8859_1);
            return text.contains("APETAGEX") || text.contains("LYRICS200");
        }
    }

    /**
     * False when a PCM file's length and bitrate claim far more bytes than the file has: a broken size field in
     * the header. (Compressed formats are left alone: their headers state the length of the whole recording,
     * which is right even for a cut excerpt.)
     */
    private static boolean plausible(AudioTags t, AudioFormat format, Path file) throws IOException {
        if (format != AudioFormat.WAV && format != AudioFormat.AIFF || t.bitrateKbps == null || t.durationMs == null) {
            return true;
        }
        double claimedBytes = t.durationMs / 1000.0 * t.bitrateKbps * 1000 / 8;
        return claimedBytes <= Files.size(file) * 1.5 + 65536;
    }
}
