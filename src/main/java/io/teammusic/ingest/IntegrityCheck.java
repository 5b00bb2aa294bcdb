package io.teammusic.ingest;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Finds truncated and corrupt audio without decoding it, from the structure each format declares: the parts a
 * header says are there must be there, and where a format checksums its data the sums must match.
 *
 * <ul>
 *   <li>MP3 and ADTS AAC: every frame is walked from its header's length; bytes that are no frame between
 *       frames (garbage overwriting audio) beyond a small allowance fail, and so do fewer frames than a
 *       Xing/Info/VBRI header declares, unless the file ends in a tag (then its end was not cut off) or holds
 *       under 1% of them (an excerpt). An MP3 with no such header, cut at the end, is not found.</li>
 *   <li>FLAC: every frame's CRC-16 is checked (a false sync inside a frame is told apart by its CRC), and the last
 *       frame must reach the sample count STREAMINFO declares.</li>
 *   <li>Ogg: every page's CRC-32 is checked and the last page must be complete (a stream without an EOS page
 *       that ends on a page boundary is accepted: players play it).</li>
 *   <li>MP4: every top-level box must fit in the file, and the sample tables' last sample must end inside it.</li>
 *   <li>WAV and AIFF: the data chunk must be as long as its header says; other chunks must fit.</li>
 *   <li>WavPack: every block must be complete; DSF: the file must be as long as its header says.</li>
 * </ul>
 * PCM samples (WAV, AIFF) and AAC/ALAC inside MP4 carry no checksum, so garbage written over their audio data
 * is not found here; neither format is walked for the formats listed nowhere above (WMA, APE, Musepack).
 *
 * <p>The file is memory-mapped: it was just written, so its pages are in the cache, and a walk costs a few
 * milliseconds per 10 MB (MP3: one header read per frame; FLAC and Ogg: one table lookup per byte).
 */
final class IntegrityCheck {

    /** Garbage allowed inside an MPEG stream (some encoders leave a few stray bytes between frames). */
    static final int MPEG_JUNK_ALLOWANCE = 1024;
    /** An MP3 holding less than this share of the frames its header declares is taken as an excerpt. */
    static final double EXCERPT_FRACTION = 0.01;

    private IntegrityCheck() {
    }

    /** Why the file is broken, or null when its structure is whole. */
    static String problem(Path file, AudioFormat format) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size > Integer.MAX_VALUE) {
                // Beyond a single mapping; such files are rare enough to be left to the tag readers.
                return null;
            }
            MappedByteBuffer map = ch.map(FileChannel.MapMode.READ_ONLY, 0, size);
            Bytes b = new Bytes(map, (int) size);
            return switch (format) {
                case MP3 -> mpeg(b, false);
                case AAC_ADTS -> mpeg(b, true);
                case FLAC -> flac(b);
                case OGG_VORBIS, OGG_OPUS, OGG_FLAC, OGG_OTHER -> ogg(b);
                case MP4 -> mp4(b);
                case WAV -> wav(b);
                case AIFF -> aiff(b);
                case WAVPACK -> wavpack(b);
                case DSF -> dsf(b);
                default -> null;
            };
        } catch (IndexOutOfBoundsException e) {
            // A length field pointing past what the checks guard: the structure is broken.
            return "a length field points outside the file";
        }
    }

    /** Unsigned reads over the mapped file; every read past the end throws IndexOutOfBoundsException. */
    record Bytes(ByteBuffer buf, int size) {
        int u8(int at) {
            return buf.get(at) & 0xFF;
        }

        int u16be(int at) {
            return u8(at) << 8 | u8(at + 1);
        }

        long u32be(int at) {
            return (long) u8(at) << 24 | u8(at + 1) << 16 | u8(at + 2) << 8 | u8(at + 3);
        }

        long u32le(int at) {
            return (long) u8(at + 3) << 24 | u8(at + 2) << 16 | u8(at + 1) << 8 | u8(at);
        }

        long u64be(int at) {
            return u32be(at) << 32 | u32be(at + 4);
        }

        long u64le(int at) {
            return u32le(at + 4) << 32 | u32le(at);
        }

        boolean ascii(int at, String s) {
            if (at < 0 || at + s.length() > size) {
                return false;
            }
            for (int i = 0; i < s.length(); i++) {
                if (u8(at + i) != s.charAt(i)) {
                    return false;
                }
            }
            return true;
        }
    }

    // ---- MPEG audio (MP3) and ADTS ------------------------------------------------------------------------

    private static String mpeg(Bytes b, boolean adts) {
        int start = skipId3v2(b, 0);
        int end = tagsAtEnd(b, start);
        if (end - start < 4) {
            return "no audio frames after the tags";
        }
        int first = findChain(b, start, Math.min(end, start + 256 * 1024), end, adts, -1);
        if (first < 0) {
            return "no audio frames found";
        }
        int signature = signature(b, first, adts);
        long junk = 0;
        if (start > 0) {
            // Audio belongs right after the ID3v2 tag; non-zero bytes between them (zeros are padding some
            // taggers leave outside the tag) are garbage where the first frames were.
            for (int i = start; i < first; i++) {
                if (b.u8(i) != 0) {
                    junk++;
                }
            }
            if (junk > MPEG_JUNK_ALLOWANCE) {
                return "bytes that are not audio where the first frames belong (" + junk + " bytes)";
            }
        }
        long frames = 0;
        int pos = first;
        long declaredFrames = adts ? -1 : declaredFrames(b, first);
        while (pos < end) {
            int len = frameLength(b, pos, end, adts, signature);
            if (len > 0) {
                // A last frame cut short is common in whole files (encoders, taggers); it counts as a frame
                // here, and a real cut shows as frames missing against the Xing/Info/VBRI count.
                pos += len;
                frames++;
                continue;
            }
            if (b.ascii(pos, "ID3") && end - pos >= 10) {
                // A tag between frames (files joined with cat): skip it whole.
                int after = skipId3v2(b, pos);
                if (after > pos) {
                    pos = after;
                    continue;
                }
            }
            int next = findChain(b, pos + 1, end, end, adts, signature);
            if (next < 0) {
                // Junk after the last frame (appended bytes) harms no player; frames lost to it show in the count.
                break;
            }
            junk += next - pos;
            if (junk > MPEG_JUNK_ALLOWANCE) {
                return "bytes that are not audio in the middle of the stream (" + junk + " bytes)";
            }
            pos = next;
        }
        // A file that ends in a well-formed tag was not cut off at the end (a short excerpt with its tags put
        // back, as tag-library fixtures are, is played as far as it goes); without one, a shortfall is a cut.
        // Below 1% of the declared frames the file is a deliberate excerpt (previews, the fixtures of every tag
        // library), not an interrupted copy: MP3 has no end marker to tell them apart, so those are let through.
        boolean endTag = end < b.size();
        boolean excerpt = frames < declaredFrames * EXCERPT_FRACTION;
        if (!endTag && !excerpt && declaredFrames > 0 && frames + 1 < declaredFrames * 0.98) {
            return "the header declares " + declaredFrames + " frames but only " + frames + " are there: cut short";
        }
        return null;
    }

    /** The end of the stream before an ID3v1 tag, an APEv2 tag and a Lyrics3v2 block, in any order. */
    private static int tagsAtEnd(Bytes b, int start) {
        int end = b.size();
        boolean again = true;
        while (again && end > start) {
            again = false;
            if (end - start >= 128 && b.ascii(end - 128, "TAG")) {
                end -= 128;
                again = true;
            }
            if (end - start >= 32 && b.ascii(end - 32, "APETAGEX")) {
                long tagSize = b.u32le(end - 32 + 12);
                boolean hasHeader = (b.u32le(end - 32 + 20) & 0x80000000L) != 0;
                long total = tagSize + (hasHeader ? 32 : 0);
                if (total > 0 && total <= end - start) {
                    end -= (int) total;
                    again = true;
                }
            }
            if (end - start >= 15 && b.ascii(end - 9, "LYRICS200")) {
                int len = digits(b, end - 15, 6);
                if (len > 0 && len + 15 <= end - start) {
                    end -= len + 15;
                    again = true;
                }
            }
        }
        return end;
    }

    private static int digits(Bytes b, int at, int n) {
        int v = 0;
        for (int i = 0; i < n; i++) {
            int c = b.u8(at + i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + c - '0';
        }
        return v;
    }

    /** The position after any ID3v2 tags starting at {@code at}. */
    static int skipId3v2(Bytes b, int at) {
        int pos = at;
        while (b.ascii(pos, "ID3") && pos + 10 <= b.size()) {
            long size = (b.u8(pos + 6) & 0x7FL) << 21 | (b.u8(pos + 7) & 0x7FL) << 14 | (b.u8(pos + 8) & 0x7FL) << 7
                    | b.u8(pos + 9) & 0x7FL;
            long next = pos + 10 + size + ((b.u8(pos + 5) & 0x10) != 0 ? 10 : 0);
            if (next > b.size()) {
                return b.size();
            }
            pos = (int) next;
        }
        return pos;
    }

    /** The first position in [from, limit) where three frames follow one another, or -1. */
    private static int findChain(Bytes b, int from, int limit, int end, boolean adts, int signature) {
        for (int i = from; i < limit - 3; i++) {
            if (b.u8(i) != 0xFF) {
                continue;
            }
            int sig = signature >= 0 ? signature : signatureOrMinus(b, i, end, adts);
            if (sig < 0) {
                continue;
            }
            int l1 = frameLength(b, i, end, adts, sig);
            if (l1 <= 0) {
                continue;
            }
            int j = i + l1;
            if (j >= end) {
                return i;
            }
            int l2 = frameLength(b, j, end, adts, sig);
            if (l2 <= 0) {
                continue;
            }
            int k = j + l2;
            if (k >= end || frameLength(b, k, end, adts, sig) > 0) {
                return i;
            }
        }
        return -1;
    }

    private static int signatureOrMinus(Bytes b, int i, int end, boolean adts) {
        if (i + 4 > end) {
            return -1;
        }
        return frameLength(b, i, end, adts, -1) > 0 ? signature(b, i, adts) : -1;
    }

    /**
     * The header fields that stay the same in every frame of one stream (MPEG: version, layer, sample rate;
     * ADTS: profile, sample rate, channels), so that a chance 0xFFF in garbage is not taken for a frame.
     */
    private static int signature(Bytes b, int i, boolean adts) {
        if (adts) {
            return (b.u8(i + 2) & 0xFC) << 8 | (b.u8(i + 3) & 0xC0);
        }
        return (b.u8(i + 1) & 0x1E) << 8 | (b.u8(i + 2) & 0x0C);
    }

    /** The frame length at i when a header of this stream starts there, else 0 or less. */
    private static int frameLength(Bytes b, int i, int end, boolean adts, int signature) {
        if (i + 7 > end) {
            return i + 4 <= end && !adts ? mp3Length(b, i, signature) : -1;
        }
        return adts ? adtsLength(b, i, signature) : mp3Length(b, i, signature);
    }

    private static int mp3Length(Bytes b, int i, int signature) {
        int h1 = b.u8(i + 1);
        int h2 = b.u8(i + 2);
        if (b.u8(i) != 0xFF || (h1 & 0xE0) != 0xE0) {
            return -1;
        }
        if (signature >= 0 && ((h1 & 0x1E) << 8 | (h2 & 0x0C)) != signature) {
            return -1;
        }
        byte[] header = {(byte) 0xFF, (byte) h1, (byte) h2, (byte) b.u8(i + 3)};
        return FormatSniffer.mpegFrameLength(header, 0);
    }

    private static int adtsLength(Bytes b, int i, int signature) {
        if (b.u8(i) != 0xFF || (b.u8(i + 1) & 0xF6) != 0xF0) {
            return -1;
        }
        if (signature >= 0 && ((b.u8(i + 2) & 0xFC) << 8 | (b.u8(i + 3) & 0xC0)) != signature) {
            return -1;
        }
        if (((b.u8(i + 2) >> 2) & 0xF) > 12) {
            return -1;
        }
        int len = (b.u8(i + 3) & 0x03) << 11 | b.u8(i + 4) << 3 | (b.u8(i + 5) & 0xE0) >> 5;
        return len >= 7 ? len : -1;
    }

    /** The frame count a Xing/Info or VBRI header in the first frame declares, or -1. */
    private static long declaredFrames(Bytes b, int first) {
        int h1 = b.u8(first + 1);
        int h3 = b.u8(first + 3);
        boolean mpeg1 = (h1 & 0x18) == 0x18;
        boolean mono = (h3 & 0xC0) == 0xC0;
        int sideInfo = mpeg1 ? (mono ? 17 : 32) : (mono ? 9 : 17);
        int xing = first + 4 + sideInfo;
        if ((b.ascii(xing, "Xing") || b.ascii(xing, "Info")) && xing + 12 <= b.size()) {
            long flags = b.u32be(xing + 4);
            return (flags & 1) != 0 ? b.u32be(xing + 8) : -1;
        }
        int vbri = first + 4 + 32;
        if (b.ascii(vbri, "VBRI") && vbri + 18 <= b.size()) {
            return b.u32be(vbri + 14);
        }
        return -1;
    }

    // ---- FLAC ---------------------------------------------------------------------------------------------

    private static final int[] CRC16 = new int[256];
    private static final int[] CRC8 = new int[256];

    static {
        for (int i = 0; i < 256; i++) {
            int c16 = i << 8;
            int c8 = i;
            for (int k = 0; k < 8; k++) {
                c16 = (c16 & 0x8000) != 0 ? (c16 << 1) ^ 0x8005 : c16 << 1;
                c8 = (c8 & 0x80) != 0 ? (c8 << 1) ^ 0x07 : c8 << 1;
            }
            CRC16[i] = c16 & 0xFFFF;
            CRC8[i] = c8 & 0xFF;
        }
    }

    private static String flac(Bytes b) {
        int pos = skipId3v2(b, 0);
        if (!b.ascii(pos, "fLaC")) {
            return "no FLAC stream marker";
        }
        pos += 4;
        long totalSamples = 0;
        int maxBlock = 0;
        int streamInfoRate = 0;
        boolean last = false;
        while (!last) {
            if (pos + 4 > b.size()) {
                return "the metadata blocks are cut short";
            }
            int type = b.u8(pos) & 0x7F;
            last = (b.u8(pos) & 0x80) != 0;
            int len = b.u8(pos + 1) << 16 | b.u8(pos + 2) << 8 | b.u8(pos + 3);
            if (type == 0 && len >= 34) {
                maxBlock = b.u16be(pos + 4 + 2);
                streamInfoRate = (int) (b.u32be(pos + 4 + 10) >>> 12);
                totalSamples = (b.u8(pos + 4 + 13) & 0x0FL) << 32 | b.u32be(pos + 4 + 14);
            }
            pos += 4 + len;
            if (pos > b.size()) {
                return "a metadata block runs past the end of the file";
            }
        }
        int end = b.size();
        if (end - 128 > pos && b.ascii(end - 128, "TAG")) {
            end -= 128;
        }
        FlacHeader first = FlacHeader.at(b, pos, end, streamInfoRate);
        if (first == null) {
            return "no audio frame after the metadata";
        }
        return flacFrames(b, pos, end, first, totalSamples, maxBlock, streamInfoRate);
    }

    /** Walks the frames from the first one to the end, checking each frame's CRC-16. */
    private static String flacFrames(Bytes b, int start, int end, FlacHeader first, long totalSamples, int maxBlock,
            int rate) {
        int frameStart = start;
        FlacHeader current = first;
        int crc = 0;
        // CRC-16 of [frameStart, i), and the same two and one bytes earlier.
        int crcAt2 = 0;
        int crcAt1 = 0;
        long frames = 0;
        for (int i = frameStart; i < end; i++) {
            if (i >= frameStart + current.length + 2 && b.u8(i) == 0xFF && (b.u8(i + 1 < end ? i + 1 : i) & 0xFE)
                    == 0xF8 && crcAt2 == b.u16be(i - 2)) {
                FlacHeader next = FlacHeader.at(b, i, end, rate);
                if (next != null) {
                    frames++;
                    current = next;
                    frameStart = i;
                    crc = 0;
                    crcAt2 = 0;
                    crcAt1 = 0;
                }
            }
            crcAt2 = crcAt1;
            crcAt1 = crc;
            crc = ((crc << 8) ^ CRC16[((crc >>> 8) ^ b.u8(i)) & 0xFF]) & 0xFFFF;
        }
        if (end - frameStart < current.length + 2 || crcAt2 != b.u16be(end - 2)) {
            return frames == 0 ? "the audio data does not check out (CRC)"
                    : "the audio data does not check out after frame " + frames + " (CRC): cut short or corrupt";
        }
        if (totalSamples > 0) {
            // A fixed-blocksize stream numbers frames, not samples; its block size is STREAMINFO's.
            long lastStart = current.variable ? current.number : current.number * maxBlock;
            long reached = lastStart + current.blockSize;
            if (reached + Math.max(maxBlock, 4608) < totalSamples) {
                return "STREAMINFO declares " + totalSamples + " samples but the frames end at " + reached;
            }
        }
        return null;
    }

    /** A FLAC frame header whose CRC-8 checks out. */
    record FlacHeader(int length, boolean variable, long number, int blockSize) {

        static FlacHeader at(Bytes b, int p, int end, int streamRate) {
            if (p + 6 > end || b.u8(p) != 0xFF || (b.u8(p + 1) & 0xFE) != 0xF8) {
                return null;
            }
            boolean variable = (b.u8(p + 1) & 1) != 0;
            int blockCode = b.u8(p + 2) >> 4;
            int rateCode = b.u8(p + 2) & 0xF;
            int channels = b.u8(p + 3) >> 4;
            int bitsCode = (b.u8(p + 3) >> 1) & 7;
            if (blockCode == 0 || rateCode == 15 || channels > 10 || bitsCode == 3 || (b.u8(p + 3) & 1) != 0) {
                return null;
            }
            int q = p + 4;
            int lead = b.u8(q);
            int extra;
            long number;
            if (lead < 0x80) {
                extra = 0;
                number = lead;
            } else if ((lead & 0xE0) == 0xC0) {
                extra = 1;
                number = lead & 0x1F;
            } else if ((lead & 0xF0) == 0xE0) {
                extra = 2;
                number = lead & 0x0F;
            } else if ((lead & 0xF8) == 0xF0) {
                extra = 3;
                number = lead & 0x07;
            } else if ((lead & 0xFC) == 0xF8) {
                extra = 4;
                number = lead & 0x03;
            } else if ((lead & 0xFE) == 0xFC) {
                extra = 5;
                number = lead & 0x01;
            } else if (lead == 0xFE) {
                extra = 6;
                number = 0;
            } else {
                return null;
            }
            q++;
            for (int k = 0; k < extra; k++) {
                if (q >= end || (b.u8(q) & 0xC0) != 0x80) {
                    return null;
                }
                number = number << 6 | (b.u8(q) & 0x3F);
                q++;
            }
            int blockSize = switch (blockCode) {
                case 1 -> 192;
                case 2, 3, 4, 5 -> 576 << (blockCode - 2);
                case 6 -> 0;
                case 7 -> 0;
                default -> 256 << (blockCode - 8);
            };
            if (blockCode == 6) {
                blockSize = b.u8(q) + 1;
                q++;
            } else if (blockCode == 7) {
                blockSize = b.u16be(q) + 1;
                q += 2;
            }
            if (rateCode == 12) {
                q++;
            } else if (rateCode == 13 || rateCode == 14) {
                q += 2;
            }
            if (q >= end) {
                return null;
            }
            int crc = 0;
            for (int k = p; k < q; k++) {
                crc = CRC8[(crc ^ b.u8(k)) & 0xFF];
            }
            if (crc != b.u8(q)) {
                return null;
            }
            return new FlacHeader(q + 1 - p, variable, number, blockSize);
        }
    }

    // ---- Ogg ----------------------------------------------------------------------------------------------

    private static final int[] CRC32_OGG = new int[256];

    static {
        for (int i = 0; i < 256; i++) {
            int r = i << 24;
            for (int k = 0; k < 8; k++) {
                r = (r & 0x80000000) != 0 ? (r << 1) ^ 0x04C11DB7 : r << 1;
            }
            CRC32_OGG[i] = r;
        }
    }

    private static String ogg(Bytes b) {
        int pos = 0;
        long pages = 0;
        while (pos < b.size()) {
            if (!b.ascii(pos, "OggS")) {
                return pages == 0 ? "no Ogg page" : "bytes that are not an Ogg page after page " + pages;
            }
            if (pos + 27 > b.size()) {
                return "the last Ogg page is cut short";
            }
            int segments = b.u8(pos + 26);
            int headerLen = 27 + segments;
            if (pos + headerLen > b.size()) {
                return "the last Ogg page is cut short";
            }
            int body = 0;
            for (int s = 0; s < segments; s++) {
                body += b.u8(pos + 27 + s);
            }
            int pageLen = headerLen + body;
            if (pos + pageLen > b.size()) {
                return "the last Ogg page is cut short (" + (b.size() - pos) + " of " + pageLen + " bytes)";
            }
            long stored = b.u32le(pos + 22);
            int crc = 0;
            for (int k = 0; k < pageLen; k++) {
                int v = k >= 22 && k < 26 ? 0 : b.u8(pos + k);
                crc = (crc << 8) ^ CRC32_OGG[((crc >>> 24) ^ v) & 0xFF];
            }
            if ((crc & 0xFFFFFFFFL) != stored) {
                return "Ogg page " + pages + " does not check out (CRC): corrupt";
            }
            pages++;
            pos += pageLen;
        }
        return null;
    }

    // ---- MP4 ----------------------------------------------------------------------------------------------

    private static String mp4(Bytes b) {
        int pos = 0;
        int moov = -1;
        long moovSize = 0;
        while (pos + 8 <= b.size()) {
            long size = b.u32be(pos);
            int header = 8;
            if (size == 1) {
                if (pos + 16 > b.size()) {
                    return "a box header is cut short";
                }
                size = b.u64be(pos + 8);
                header = 16;
            } else if (size == 0) {
                size = b.size() - pos;
            }
            if (size < header) {
                return "a box with an impossible size";
            }
            if (pos + size > b.size()) {
                return "the " + fourcc(b, pos + 4) + " box runs past the end of the file: cut short";
            }
            if (b.ascii(pos + 4, "moov")) {
                moov = pos + header;
                moovSize = size - header;
            }
            pos += (int) size;
        }
        if (pos != b.size() && b.size() - pos >= 8) {
            return "bytes after the last box";
        }
        if (moov < 0) {
            return "no moov box";
        }
        long lastEnd = sampleDataEnd(b, moov, (int) (moov + moovSize));
        if (lastEnd > b.size()) {
            return "the sample tables point " + (lastEnd - b.size()) + " bytes past the end of the file: cut short";
        }
        return null;
    }

    private static String fourcc(Bytes b, int at) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 4; i++) {
            int c = b.u8(at + i);
            s.append(c >= 0x20 && c < 0x7F ? (char) c : '?');
        }
        return s.toString();
    }

    /** The largest end offset of any sample of any track under moov, from stco/co64, stsc and stsz. */
    private static long sampleDataEnd(Bytes b, int from, int to) {
        long max = 0;
        int pos = from;
        while (pos + 8 <= to) {
            long size = b.u32be(pos);
            int header = 8;
            if (size == 1) {
                size = b.u64be(pos + 8);
                header = 16;
            }
            if (size < header || pos + size > to) {
                break;
            }
            int body = pos + header;
            int bodyEnd = (int) (pos + size);
            if (b.ascii(pos + 4, "trak") || b.ascii(pos + 4, "mdia") || b.ascii(pos + 4, "minf")) {
                max = Math.max(max, sampleDataEnd(b, body, bodyEnd));
            } else if (b.ascii(pos + 4, "stbl")) {
                max = Math.max(max, stblEnd(b, body, bodyEnd));
            }
            pos += (int) size;
        }
        return max;
    }

    private static long stblEnd(Bytes b, int from, int to) {
        int stco = -1;
        boolean co64 = false;
        int stsc = -1;
        int stsz = -1;
        int pos = from;
        while (pos + 8 <= to) {
            long size = b.u32be(pos);
            if (size < 8 || pos + size > to) {
                break;
            }
            if (b.ascii(pos + 4, "stco") || b.ascii(pos + 4, "co64")) {
                stco = pos + 8;
                co64 = b.ascii(pos + 4, "co64");
            } else if (b.ascii(pos + 4, "stsc")) {
                stsc = pos + 8;
            } else if (b.ascii(pos + 4, "stsz")) {
                stsz = pos + 8;
            }
            pos += (int) size;
        }
        if (stco < 0 || stsc < 0 || stsz < 0) {
            return 0;
        }
        long chunks = b.u32be(stco + 4);
        long scEntries = b.u32be(stsc + 4);
        long fixedSize = b.u32be(stsz + 4);
        long samples = b.u32be(stsz + 8);
        if (chunks == 0 || scEntries == 0) {
            return 0;
        }
        // Only the last chunk matters: it holds the samples stored last (chunks are in file order for audio).
        long lastChunkOffset = 0;
        long lastChunk = 0;
        for (long c = 0; c < chunks; c++) {
            long off = co64 ? b.u64be((int) (stco + 8 + c * 8)) : b.u32be((int) (stco + 8 + c * 4));
            if (off >= lastChunkOffset) {
                lastChunkOffset = off;
                lastChunk = c;
            }
        }
        long firstSampleOfChunk = 0;
        long perChunk = 0;
        for (long e = 0; e < scEntries; e++) {
            int at = (int) (stsc + 8 + e * 12);
            long firstChunk = b.u32be(at) - 1;
            long nextFirst = e + 1 < scEntries ? b.u32be(at + 12) - 1 : chunks;
            perChunk = b.u32be(at + 4);
            if (lastChunk < nextFirst) {
                firstSampleOfChunk += (lastChunk - firstChunk) * perChunk;
                break;
            }
            firstSampleOfChunk += (nextFirst - firstChunk) * perChunk;
        }
        long end = lastChunkOffset;
        for (long s = firstSampleOfChunk; s < firstSampleOfChunk + perChunk && s < samples; s++) {
            end += fixedSize != 0 ? fixedSize : b.u32be((int) (stsz + 12 + s * 4));
        }
        return end;
    }

    // ---- WAV, AIFF, WavPack, DSF --------------------------------------------------------------------------

    private static String wav(Bytes b) {
        if (b.ascii(0, "RF64")) {
            return null;
        }
        int pos = 12;
        while (pos + 8 <= b.size()) {
            long len = b.u32le(pos + 4);
            if (b.ascii(pos, "data")) {
                // 0 and 0xFFFFFFFF (or near it) are what streaming writers leave when they cannot seek back to
                // the header: the data runs to the end of the file.
                if (len == 0 || len >= 0xFFFF0000L) {
                    return null;
                }
                long have = b.size() - (pos + 8L);
                return len > have ? "the data chunk declares " + len + " bytes but " + have + " are there: cut short"
                        : null;
            }
            pos += 8 + (int) Math.min(len + (len & 1), Integer.MAX_VALUE - 16);
            if (pos > b.size()) {
                return "a chunk runs past the end of the file";
            }
        }
        return "no data chunk";
    }

    private static String aiff(Bytes b) {
        int pos = 12;
        while (pos + 8 <= b.size()) {
            long len = b.u32be(pos + 4);
            if (b.ascii(pos, "SSND")) {
                long have = b.size() - (pos + 8L);
                return len > have ? "the sound data chunk declares " + len + " bytes but " + have
                        + " are there: cut short" : null;
            }
            pos += 8 + (int) Math.min(len + (len & 1), Integer.MAX_VALUE - 16);
            if (pos > b.size()) {
                return "a chunk runs past the end of the file";
            }
        }
        return "no sound data chunk";
    }

    private static String wavpack(Bytes b) {
        int pos = 0;
        int end = tagsAtEnd(b, 0);
        long blocks = 0;
        while (pos + 32 <= end && b.ascii(pos, "wvpk")) {
            long size = b.u32le(pos + 4) + 8;
            if (pos + size > end) {
                return "the last WavPack block is cut short";
            }
            pos += (int) size;
            blocks++;
        }
        if (blocks == 0) {
            return "no WavPack block";
        }
        return pos < end ? "bytes that are not WavPack blocks after block " + blocks : null;
    }

    private static String dsf(Bytes b) {
        if (b.size() < 28) {
            return "the header is cut short";
        }
        long declared = b.u64le(12);
        return declared > b.size() ? "the header declares " + declared + " bytes but " + b.size() + " are there"
                : null;
    }
}
