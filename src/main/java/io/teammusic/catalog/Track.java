package io.teammusic.catalog;

import java.time.Instant;
import java.util.List;

/**
 * A stored track: where its bytes are, what its tags say, and how it sounds. Optional values are null.
 *
 * @param storageKey the blob store key of the audio bytes
 * @param contentHash hex SHA-256 of those bytes, also the strong ETag
 */
public record Track(
        String id,
        String contentHash,
        String storageKey,
        long sizeBytes,
        String mimeType,
        String container,
        String codec,
        String originalFilename,
        String title,
        String artistDisplay,
        List<Ref> artists,
        Ref album,
        Ref albumArtist,
        Integer trackNumber,
        Integer trackTotal,
        Integer discNumber,
        Integer discTotal,
        Integer year,
        List<String> genres,
        String composer,
        MusicBrainz musicbrainz,
        ReplayGain replayGain,
        Long durationMs,
        Integer bitrateKbps,
        Integer sampleRate,
        Integer channels,
        Integer bitsPerSample,
        String coverHash,
        Instant createdAt,
        Instant updatedAt) {

    /** A link to another catalog entity: its id and its display name. */
    public record Ref(String id, String name) {
    }

    public record MusicBrainz(String trackId, String recordingId, String releaseId, String artistId,
            String albumArtistId) {
    }

    public record ReplayGain(Double trackGain, Double trackPeak, Double albumGain, Double albumPeak) {
    }
}
