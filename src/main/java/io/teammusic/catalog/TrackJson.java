package io.teammusic.catalog;

import java.time.Instant;
import java.util.List;

/** A track as the native API shows it (docs/api.md). Built only from {@link Track}. */
public record TrackJson(
        String id, String title, String artist, List<Track.Ref> artists, AlbumRef album, Track.Ref albumArtist,
        Integer trackNumber, Integer trackTotal, Integer discNumber, Integer discTotal, Integer year,
        List<String> genres, String composer, Long durationMs, Integer bitrateKbps, Integer sampleRate,
        Integer channels, Integer bitsPerSample, String codec, String container, String mimeType, long sizeBytes,
        String contentHash, Track.MusicBrainz musicbrainz, Track.ReplayGain replayGain, String coverUrl,
        String streamUrl, String originalFilename, Instant createdAt, Instant updatedAt) {

    /** The album as a track links to it: {@code {id, title}}. */
    public record AlbumRef(String id, String title) {
    }

    public static TrackJson of(Track t) {
        AlbumRef album = t.album() == null ? null : new AlbumRef(t.album().id(), t.album().name());
        String cover = t.coverHash() == null ? null : "/api/tracks/" + t.id() + "/cover";
        return new TrackJson(t.id(), t.title(), t.artistDisplay(), t.artists(), album, t.albumArtist(),
                t.trackNumber(), t.trackTotal(), t.discNumber(), t.discTotal(), t.year(), t.genres(), t.composer(),
                t.durationMs(), t.bitrateKbps(), t.sampleRate(), t.channels(), t.bitsPerSample(), t.codec(),
                t.container(), t.mimeType(), t.sizeBytes(), t.contentHash(), t.musicbrainz(), t.replayGain(), cover,
                "/api/tracks/" + t.id() + "/stream", t.originalFilename(), t.createdAt(), t.updatedAt());
    }
}
