package io.teammusic.ingest;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jaudiotagger.audio.AudioFile;
import org.jaudiotagger.audio.AudioFileIO;
import org.jaudiotagger.audio.AudioHeader;
import org.jaudiotagger.audio.mp3.MP3AudioHeader;
import org.jaudiotagger.audio.mp3.MP3File;
import org.jaudiotagger.tag.FieldKey;
import org.jaudiotagger.tag.Tag;
import org.jaudiotagger.tag.TagField;
import org.jaudiotagger.tag.flac.FlacTag;
import org.jaudiotagger.tag.id3.AbstractID3v2Frame;
import org.jaudiotagger.tag.id3.AbstractID3v2Tag;
import org.jaudiotagger.tag.id3.ID3v1Tag;
import org.jaudiotagger.tag.id3.ID3v22Tag;
import org.jaudiotagger.tag.id3.ID3v23Tag;
import org.jaudiotagger.tag.id3.Id3SupportingTag;
import org.jaudiotagger.tag.id3.framebody.FrameBodyTXXX;
import org.jaudiotagger.tag.images.Artwork;
import org.jaudiotagger.tag.mp4.Mp4Tag;
import org.jaudiotagger.tag.vorbiscomment.VorbisCommentTag;

/** Reads tags and stream info with jaudiotagger, the primary reader: in-process, no program to start. */
final class JaudiotaggerReader {

    // java.util.logging keeps loggers weakly: holding this one keeps the level set. jaudiotagger logs every
    // oddity of every file at WARNING and above, which would flood a bulk import.
    private static final Logger JAUDIOTAGGER_LOG = Logger.getLogger("org.jaudiotagger");

    static {
        JAUDIOTAGGER_LOG.setLevel(Level.OFF);
    }

    private final long maxCoverBytes;

    JaudiotaggerReader(long maxCoverBytes) {
        this.maxCoverBytes = maxCoverBytes;
    }

    /**
     * Reads what jaudiotagger understands.
     *
     * @throws Exception whatever jaudiotagger throws on a file it cannot parse; the caller falls back to ffprobe
     */
    AudioTags read(Path file, AudioFormat format) throws Exception {
        AudioFile af = AudioFileIO.readAs(file.toFile(), format.tagExtension());
        AudioTags t = new AudioTags();
        readHeader(af.getAudioHeader(), format, t, java.nio.file.Files.size(file),
                af instanceof MP3File m && m.hasID3v1Tag());
        Tag tag = af.getTag();
        if (af instanceof MP3File mp3) {
            AbstractID3v2Tag v2 = mp3.getID3v2Tag();
            ID3v1Tag v1 = mp3.getID3v1Tag();
            if (v2 != null) {
                readTag(v2, t, true, v2 instanceof ID3v23Tag || v2 instanceof ID3v22Tag);
            }
            if (v1 != null) {
                AudioTags fromV1 = new AudioTags();
                readTag(v1, fromV1, true, false);
                t.fillFrom(fromV1);
            }
        } else if (tag != null) {
            Tag inner = tag instanceof Id3SupportingTag s && s.getID3Tag() != null ? s.getID3Tag() : tag;
            boolean id3 = inner instanceof AbstractID3v2Tag;
            readTag(inner, t, id3, inner instanceof ID3v23Tag || inner instanceof ID3v22Tag);
            if (inner != tag) {
                AudioTags rest = new AudioTags();
                readTag(tag, rest, true, false);
                t.fillFrom(rest);
            }
        }
        return t;
    }

    private static void readHeader(AudioHeader h, AudioFormat format, AudioTags t, long fileSize,
            boolean hasId3v1) {
        if (h == null) {
            return;
        }
        double seconds = h.getPreciseTrackLength();
        if (seconds > 0) {
            t.durationMs = Math.round(seconds * 1000);
        }
        long kbps = h.getBitRateAsNumber();
        if (kbps > 0) {
            t.bitrateKbps = (int) kbps;
        }
        if (h.getSampleRateAsNumber() > 0) {
            t.sampleRate = h.getSampleRateAsNumber();
        }
        if (h instanceof MP3AudioHeader mp3) {
            correctMp3(mp3, t, fileSize, hasId3v1);
        }
        t.channels = channels(h.getChannels());
        if (h.getBitsPerSample() > 0 && format != AudioFormat.MP3 && format != AudioFormat.OGG_VORBIS
                && format != AudioFormat.OGG_OPUS) {
            t.bitsPerSample = h.getBitsPerSample();
        }
        String enc = h.getEncodingType() == null ? "" : h.getEncodingType().toLowerCase(Locale.ROOT);
        t.codec = format.codec() != null ? format.codec() : codecFromEncoding(enc);
    }

    /**
     * Two corrections to jaudiotagger's MP3 length. It counts 1152 samples in every Layer III frame, which doubles
     * the length of MPEG-2 and 2.5 files (576 per frame). And without a Xing/Info header it estimates the frame
     * count from one frame's size, ignoring padding, which drifts by seconds on long constant-bitrate files; for
     * those the length is the audio byte count over the header bitrate.
     */
    private static void correctMp3(MP3AudioHeader h, AudioTags t, long fileSize, boolean hasId3v1) {
        int rate = h.getSampleRateAsNumber();
        if (rate <= 0 || t.durationMs == null) {
            return;
        }
        String version = String.valueOf(h.getMpegVersion());
        String layer = String.valueOf(h.getMpegLayer());
        boolean mpeg1 = version.equals("MPEG-1") || version.endsWith(" 1");
        boolean layer3 = layer.contains("3") || layer.contains("III");
        long audioBytes = fileSize - h.getMp3StartByte() - (hasId3v1 ? 128 : 0);
        boolean infoHeader = h.isVariableBitRate() || h.getEncoder() != null && !h.getEncoder().isBlank();
        if (!infoHeader && audioBytes > 0 && h.getBitRateAsNumber() > 0) {
            long bySize = Math.round(audioBytes * 8.0 / h.getBitRateAsNumber());
            // Only a drift is corrected; a length far from the byte count came from elsewhere (a TLEN frame on
            // a cut excerpt) and is kept.
            if (Math.abs(bySize - t.durationMs) < t.durationMs / 100.0) {
                t.durationMs = bySize;
                return;
            }
        }
        if (layer3 && !mpeg1) {
            t.durationMs = t.durationMs / 2;
            if (t.bitrateKbps != null && h.isVariableBitRate()) {
                t.bitrateKbps = t.bitrateKbps * 2;
            }
        }
    }

    private static String codecFromEncoding(String enc) {
        if (enc.contains("alac") || enc.contains("apple lossless")) {
            return "alac";
        }
        if (enc.contains("aac") || enc.contains("mp4a")) {
            return "aac";
        }
        if (enc.contains("float")) {
            return "pcm_float";
        }
        if (enc.contains("wma") || enc.contains("windows media")) {
            return "wma";
        }
        if (enc.contains("alaw") || enc.contains("a-law")) {
            return "pcm_alaw";
        }
        if (enc.contains("ulaw") || enc.contains("u-law") || enc.contains("mu-law")) {
            return "pcm_mulaw";
        }
        if (enc.contains("wav") || enc.contains("pcm") || enc.contains("aif") || enc.contains("not compressed")
                || enc.contains("uncompressed")) {
            return "pcm";
        }
        return enc.isBlank() ? null : enc;
    }

    static Integer channels(String s) {
        if (s == null) {
            return null;
        }
        String c = s.toLowerCase(Locale.ROOT);
        if (c.contains("mono")) {
            return 1;
        }
        if (c.contains("stereo") || c.contains("dual")) {
            return 2;
        }
        Integer n = TagText.leadingInt(c);
        return n == null || n > 64 ? null : n;
    }

    private void readTag(Tag tag, AudioTags t, boolean repair, boolean slashSeparates) {
        t.title = text(first(tag, FieldKey.TITLE), repair);
        List<String> artistValues = repaired(all(tag, FieldKey.ARTIST), repair);
        List<String> artistsTag = repaired(all(tag, FieldKey.ARTISTS), repair);
        if (artistsTag.isEmpty()) {
            // Picard writes TXXX:ARTISTS, other taggers "Artists"; jaudiotagger only finds the first spelling.
            String other = custom(tag, "ARTISTS");
            artistsTag = other == null ? List.of() : List.of(text(other, repair));
        }
        if (!artistValues.isEmpty()) {
            // Several values: the first is the display artist, as the tag libraries report it; all of them
            // are in the artist list.
            t.artistDisplay = artistValues.get(0);
        }
        t.artists = !artistsTag.isEmpty() ? TagText.splitArtists(artistsTag, slashSeparates)
                : TagText.splitArtists(artistValues, slashSeparates);
        if (t.artistDisplay == null && !t.artists.isEmpty()) {
            t.artistDisplay = String.join(", ", t.artists);
        }
        t.album = text(first(tag, FieldKey.ALBUM), repair);
        t.albumArtist = text(first(tag, FieldKey.ALBUM_ARTIST), repair);
        String comp = first(tag, FieldKey.IS_COMPILATION);
        if (comp == null) {
            // ffmpeg and some taggers write the iTunes flag as a free-form frame instead of TCMP.
            comp = custom(tag, "TCMP");
            comp = comp != null ? comp : custom(tag, "COMPILATION");
        }
        if (comp != null) {
            t.compilation = comp.equals("1") || comp.equalsIgnoreCase("true");
        }
        String track = first(tag, FieldKey.TRACK);
        t.trackNumber = TagText.leadingInt(track);
        t.trackTotal = firstNonNull(TagText.leadingInt(first(tag, FieldKey.TRACK_TOTAL)), TagText.totalOf(track));
        String disc = first(tag, FieldKey.DISC_NO);
        t.discNumber = TagText.leadingInt(disc);
        t.discTotal = firstNonNull(TagText.leadingInt(first(tag, FieldKey.DISC_TOTAL)), TagText.totalOf(disc));
        t.year = TagText.year(first(tag, FieldKey.YEAR));
        if (t.year == null) {
            t.year = TagText.year(first(tag, FieldKey.ORIGINAL_YEAR));
        }
        t.genres = TagText.splitGenres(repaired(all(tag, FieldKey.GENRE), repair));
        t.composer = text(first(tag, FieldKey.COMPOSER), repair);
        t.mbRecordingId = TagText.clean(first(tag, FieldKey.MUSICBRAINZ_TRACK_ID));
        t.mbTrackId = TagText.clean(first(tag, FieldKey.MUSICBRAINZ_RELEASE_TRACK_ID));
        t.mbReleaseId = TagText.clean(first(tag, FieldKey.MUSICBRAINZ_RELEASEID));
        t.mbArtistId = TagText.clean(first(tag, FieldKey.MUSICBRAINZ_ARTISTID));
        t.mbAlbumArtistId = TagText.clean(first(tag, FieldKey.MUSICBRAINZ_RELEASEARTISTID));
        t.rgTrackGain = TagText.decimal(custom(tag, "REPLAYGAIN_TRACK_GAIN"));
        t.rgTrackPeak = TagText.decimal(custom(tag, "REPLAYGAIN_TRACK_PEAK"));
        t.rgAlbumGain = TagText.decimal(custom(tag, "REPLAYGAIN_ALBUM_GAIN"));
        t.rgAlbumPeak = TagText.decimal(custom(tag, "REPLAYGAIN_ALBUM_PEAK"));
        readCover(tag, t);
    }

    private void readCover(Tag tag, AudioTags t) {
        try {
            List<Artwork> art = tag.getArtworkList();
            if (art == null) {
                return;
            }
            Artwork chosen = null;
            for (Artwork a : art) {
                byte[] data = a.getBinaryData();
                if (data != null && data.length > 0 && data.length <= maxCoverBytes) {
                    chosen = a;
                    break;
                }
            }
            if (chosen != null) {
                t.cover = chosen.getBinaryData();
                t.coverMime = chosen.getMimeType();
            }
        } catch (RuntimeException e) {
            // A broken picture frame costs the cover, not the track.
        }
    }

    /** A free-form field: TXXX in ID3, a plain comment name in Vorbis, an iTunes "----" atom in MP4. */
    private static String custom(Tag tag, String name) {
        try {
            if (tag instanceof FlacTag flac && flac.getVorbisCommentTag() != null) {
                return custom(flac.getVorbisCommentTag(), name);
            }
            if (tag instanceof VorbisCommentTag vc) {
                return TagText.clean(vc.getFirst(name));
            }
            if (tag instanceof Mp4Tag mp4) {
                String v = TagText.clean(mp4.getFirst("----:com.apple.iTunes:" + name));
                return v != null ? v : TagText.clean(mp4.getFirst("----:com.apple.iTunes:"
                        + name.toLowerCase(Locale.ROOT)));
            }
            if (tag instanceof AbstractID3v2Tag id3) {
                for (TagField f : id3.getFields("TXXX")) {
                    if (f instanceof AbstractID3v2Frame frame && frame.getBody() instanceof FrameBodyTXXX body
                            && name.equalsIgnoreCase(TagText.clean(body.getDescription()))) {
                        return TagText.clean(body.getFirstTextValue());
                    }
                }
                return null;
            }
            return TagText.clean(tag.getFirst(name));
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static String first(Tag tag, FieldKey key) {
        try {
            return TagText.clean(tag.getFirst(key));
        } catch (RuntimeException e) {
            // Not every tag type supports every key (ID3v1 has no composer); that is "absent".
            return null;
        }
    }

    private static List<String> all(Tag tag, FieldKey key) {
        try {
            List<String> out = new ArrayList<>();
            for (String v : tag.getAll(key)) {
                String c = TagText.clean(v);
                if (c != null) {
                    out.add(c);
                }
            }
            return out;
        } catch (RuntimeException e) {
            return List.of();
        }
    }

    private static String text(String s, boolean repair) {
        return repair ? TagText.repairMojibake(s) : s;
    }

    private static List<String> repaired(List<String> values, boolean repair) {
        if (!repair) {
            return values;
        }
        List<String> out = new ArrayList<>(values.size());
        for (String v : values) {
            out.add(TagText.repairMojibake(v));
        }
        return out;
    }

    private static Integer firstNonNull(Integer a, Integer b) {
        return a != null ? a : b;
    }
}
