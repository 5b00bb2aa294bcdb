package io.teammusic.ingest;

import java.util.ArrayList;
import java.util.List;

/**
 * What the tag readers found in one file. Filled by jaudiotagger first; ffprobe then fills only what is still
 * missing. Every value may be null (lists empty) when the file does not say.
 */
final class AudioTags {

    String title;
    /** The artist tag as written, for display ("Beth Hart & Joe Bonamassa"). */
    String artistDisplay;
    /** The individual artists, in order. */
    List<String> artists = new ArrayList<>();
    String album;
    String albumArtist;
    Boolean compilation;
    Integer trackNumber;
    Integer trackTotal;
    Integer discNumber;
    Integer discTotal;
    Integer year;
    List<String> genres = new ArrayList<>();
    String composer;
    String mbTrackId;
    String mbRecordingId;
    String mbReleaseId;
    String mbArtistId;
    String mbAlbumArtistId;
    Double rgTrackGain;
    Double rgTrackPeak;
    Double rgAlbumGain;
    Double rgAlbumPeak;
    Long durationMs;
    Integer bitrateKbps;
    Integer sampleRate;
    Integer channels;
    Integer bitsPerSample;
    String codec;
    byte[] cover;
    String coverMime;

    boolean hasStreamInfo() {
        return sampleRate != null && sampleRate > 0 && durationMs != null && durationMs > 0;
    }

    boolean hasAnyTag() {
        return title != null || artistDisplay != null || album != null;
    }

    /** Removes control characters from every text value (see {@link TagText#withoutControls(String)}). */
    void removeControlCharacters() {
        title = TagText.withoutControls(title);
        artistDisplay = TagText.withoutControls(artistDisplay);
        artists = TagText.withoutControls(artists);
        album = TagText.withoutControls(album);
        albumArtist = TagText.withoutControls(albumArtist);
        genres = TagText.withoutControls(genres);
        composer = TagText.withoutControls(composer);
        mbTrackId = TagText.withoutControls(mbTrackId);
        mbRecordingId = TagText.withoutControls(mbRecordingId);
        mbReleaseId = TagText.withoutControls(mbReleaseId);
        mbArtistId = TagText.withoutControls(mbArtistId);
        mbAlbumArtistId = TagText.withoutControls(mbAlbumArtistId);
    }

    /** Copies into this every value it lacks and {@code other} has. */
    void fillFrom(AudioTags other) {
        title = or(title, other.title);
        if (artists.isEmpty()) {
            artists = other.artists;
            artistDisplay = or(artistDisplay, other.artistDisplay);
        }
        artistDisplay = or(artistDisplay, other.artistDisplay);
        album = or(album, other.album);
        albumArtist = or(albumArtist, other.albumArtist);
        compilation = or(compilation, other.compilation);
        trackNumber = or(trackNumber, other.trackNumber);
        trackTotal = or(trackTotal, other.trackTotal);
        discNumber = or(discNumber, other.discNumber);
        discTotal = or(discTotal, other.discTotal);
        year = or(year, other.year);
        if (genres.isEmpty()) {
            genres = other.genres;
        }
        composer = or(composer, other.composer);
        mbTrackId = or(mbTrackId, other.mbTrackId);
        mbRecordingId = or(mbRecordingId, other.mbRecordingId);
        mbReleaseId = or(mbReleaseId, other.mbReleaseId);
        mbArtistId = or(mbArtistId, other.mbArtistId);
        mbAlbumArtistId = or(mbAlbumArtistId, other.mbAlbumArtistId);
        rgTrackGain = or(rgTrackGain, other.rgTrackGain);
        rgTrackPeak = or(rgTrackPeak, other.rgTrackPeak);
        rgAlbumGain = or(rgAlbumGain, other.rgAlbumGain);
        rgAlbumPeak = or(rgAlbumPeak, other.rgAlbumPeak);
        durationMs = positive(durationMs) ? durationMs : or(other.durationMs, durationMs);
        bitrateKbps = positive(bitrateKbps) ? bitrateKbps : or(other.bitrateKbps, bitrateKbps);
        sampleRate = positive(sampleRate) ? sampleRate : or(other.sampleRate, sampleRate);
        channels = positive(channels) ? channels : or(other.channels, channels);
        bitsPerSample = positive(bitsPerSample) ? bitsPerSample : or(other.bitsPerSample, bitsPerSample);
        codec = or(codec, other.codec);
        if (cover == null) {
            cover = other.cover;
            coverMime = other.coverMime;
        }
    }

    private static boolean positive(Number n) {
        return n != null && n.doubleValue() > 0;
    }

    private static <T> T or(T a, T b) {
        return a != null ? a : b;
    }
}
