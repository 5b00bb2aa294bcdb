package io.teammusic.ingest;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * Recognises the audio format from the file's bytes (magic numbers), never from its name. Only a few kilobytes are
 * read: the head of the file, and after an ID3v2 tag (which may hold megabytes of pictures) the bytes behind it.
 */
final class FormatSniffer {

    private static final int HEAD = 16 * 1024;
    private static final byte[] ASF_GUID = {0x30, 0x26, (byte) 0xB2, 0x75, (byte) 0x8E, 0x66, (byte) 0xCF, 0x11};

    private FormatSniffer() {
    }

    /** The format, or empty when the bytes are not audio we know. */
    static Optional<AudioFormat> sniff(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            byte[] head = read(ch, 0, HEAD);
            if (startsWith(head, 0, "ID3") && head.length >= 10) {
                long tagEnd = 10 + syncsafe(head, 6) + ((head[5] & 0x10) != 0 ? 10 : 0);
                // An ID3v2 tag in front of anything: look at what follows it. A tag with no audio behind it is
                // still offered to the readers as MP3, which then reject it as undecodable (422), not as "not
                // audio": that is what it claims to be.
                byte[] after = read(ch, tagEnd, HEAD);
                return Optional.of(behindId3(after));
            }
            return Optional.ofNullable(byMagic(head));
        }
    }

    private static AudioFormat behindId3(byte[] b) {
        AudioFormat f = byMagic(b);
        if (f != null) {
            return f;
        }
        return AudioFormat.MP3;
    }

    private static AudioFormat byMagic(byte[] b) {
        if (startsWith(b, 0, "fLaC")) {
            return AudioFormat.FLAC;
        }
        if (startsWith(b, 0, "OggS")) {
            return ogg(b);
        }
        if (startsWith(b, 4, "ftyp")) {
            return AudioFormat.MP4;
        }
        if (startsWith(b, 0, "RIFF") && startsWith(b, 8, "WAVE") || startsWith(b, 0, "RF64")) {
            return AudioFormat.WAV;
        }
        if (startsWith(b, 0, "FORM") && (startsWith(b, 8, "AIFF") || startsWith(b, 8, "AIFC"))) {
            return AudioFormat.AIFF;
        }
        if (startsWith(b, 0, ASF_GUID)) {
            return AudioFormat.WMA;
        }
        if (startsWith(b, 0, "DSD ")) {
            return AudioFormat.DSF;
        }
        if (startsWith(b, 0, "wvpk")) {
            return AudioFormat.WAVPACK;
        }
        if (startsWith(b, 0, "MPCK") || startsWith(b, 0, "MP+")) {
            return AudioFormat.MUSEPACK;
        }
        if (startsWith(b, 0, "MAC ")) {
            return AudioFormat.APE;
        }
        return mpegStream(b);
    }

    private static AudioFormat ogg(byte[] b) {
        // The first page holds exactly the codec's identification packet, right after the segment table.
        if (b.length < 27) {
            return AudioFormat.OGG_OTHER;
        }
        int segments = b[26] & 0xFF;
        int body = 27 + segments;
        if (startsWith(b, body, "\u0001vorbis")) {
            return AudioFormat.OGG_VORBIS;
        }
        if (startsWith(b, body, "OpusHead")) {
            return AudioFormat.OGG_OPUS;
        }
        if (startsWith(b, body, "\u007fFLAC")) {
            return AudioFormat.OGG_FLAC;
        }
        return AudioFormat.OGG_OTHER;
    }

    /**
     * A raw MPEG audio or ADTS stream: a frame header at or near the start (some files carry a little junk first),
     * confirmed by a second header exactly one frame later so random bytes do not pass.
     */
    private static AudioFormat mpegStream(byte[] b) {
        int limit = Math.min(b.length - 4, 4096);
        for (int i = 0; i < limit; i++) {
            if ((b[i] & 0xFF) != 0xFF || (b[i + 1] & 0xE0) != 0xE0) {
                continue;
            }
            int layer = (b[i + 1] >> 1) & 0x3;
            if (layer == 0 && (b[i + 1] & 0xF6) == 0xF0) {
                int len = ((b[i + 3] & 0x03) << 11) | ((b[i + 4] & 0xFF) << 3) | ((b[i + 5] & 0xE0) >> 5);
                if (len > 7 && confirms(b, i + len, 0xF6, 0xF0)) {
                    return AudioFormat.AAC_ADTS;
                }
                continue;
            }
            int frame = mpegFrameLength(b, i);
            if (frame > 0 && (i + frame + 1 >= b.length || isMpegHeader(b, i + frame))) {
                return AudioFormat.MP3;
            }
        }
        return null;
    }

    private static boolean confirms(byte[] b, int at, int mask, int value) {
        return at + 1 >= b.length || (b[at] & 0xFF) == 0xFF && (b[at + 1] & mask) == value;
    }

    private static boolean isMpegHeader(byte[] b, int i) {
        return i + 3 < b.length && (b[i] & 0xFF) == 0xFF && (b[i + 1] & 0xE0) == 0xE0 && mpegFrameLength(b, i) > 0;
    }

    private static final int[][] BITRATES = {
        {0, 32, 64, 96, 128, 160, 192, 224, 256, 288, 320, 352, 384, 416, 448},
        {0, 32, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384},
        {0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320},
        {0, 32, 48, 56, 64, 80, 96, 112, 128, 144, 160, 176, 192, 224, 256},
        {0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160},
    };
    private static final int[] SAMPLE_RATES = {44100, 48000, 32000};

    /** Length in bytes of the MPEG audio frame whose header starts at i, or -1 when the header is invalid. */
    static int mpegFrameLength(byte[] b, int i) {
        if (i + 3 >= b.length) {
            return -1;
        }
        int version = (b[i + 1] >> 3) & 0x3; // 0 = 2.5, 2 = 2, 3 = 1
        int layer = (b[i + 1] >> 1) & 0x3;   // 1 = III, 2 = II, 3 = I
        int bitrateIndex = (b[i + 2] >> 4) & 0xF;
        int rateIndex = (b[i + 2] >> 2) & 0x3;
        int padding = (b[i + 2] >> 1) & 0x1;
        if (version == 1 || layer == 0 || bitrateIndex == 0 || bitrateIndex == 15 || rateIndex == 3) {
            return -1;
        }
        boolean v1 = version == 3;
        int table = v1 ? 3 - layer : (layer == 3 ? 3 : 4);
        int kbps = BITRATES[table][bitrateIndex];
        int rate = SAMPLE_RATES[rateIndex] >> (v1 ? 0 : version == 2 ? 1 : 2);
        if (layer == 3) {
            return (12 * kbps * 1000 / rate + padding) * 4;
        }
        int coefficient = layer == 1 && !v1 ? 72 : 144;
        return coefficient * kbps * 1000 / rate + padding;
    }

    private static long syncsafe(byte[] b, int at) {
        return ((b[at] & 0x7FL) << 21) | ((b[at + 1] & 0x7FL) << 14) | ((b[at + 2] & 0x7FL) << 7) | (b[at + 3] & 0x7FL);
    }

    private static byte[] read(FileChannel ch, long position, int max) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(max);
        long pos = position;
        while (buf.hasRemaining()) {
            int n = ch.read(buf, pos);
            if (n < 0) {
                break;
            }
            pos += n;
        }
        byte[] out = new byte[buf.position()];
        buf.flip().get(out);
        return out;
    }

    private static boolean startsWith(byte[] b, int at, String ascii) {
        return startsWith(b, at, ascii.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static boolean startsWith(byte[] b, int at, byte[] prefix) {
        if (at < 0 || b.length < at + prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (b[at + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
