package io.teammusic.catalog;

import java.util.List;

/**
 * A track about to be stored, as ingest read it. Names are free text; {@link CatalogWriter} links them to artist,
 * album and genre rows, creating the ones that do not exist yet. Optional values are null, lists may be empty.
 *
 * @param albumArtist the album's artist; null means the first track artist (or "Various Artists" when
 *     {@code compilation})
 * @param cover the embedded picture, already stored as a blob under its hash, or null
 */
public record NewTrack(
        String contentHash,
        String storageKey,
        long sizeBytes,
        String mimeType,
        String container,
        String codec,
        String originalFilename,
        String title,
        String artistDisplay,
        List<String> artists,
        String album,
        String albumArtist,
        boolean compilation,
        Integer trackNumber,
        Integer trackTotal,
        Integer discNumber,
        Integer discTotal,
        Integer year,
        List<String> genres,
        String composer,
        Track.MusicBrainz musicbrainz,
        Track.ReplayGain replayGain,
        Long durationMs,
        Integer bitrateKbps,
        Integer sampleRate,
        Integer channels,
        Integer bitsPerSample,
        Cover cover) {

    /**
     * The album a track without an album tag is filed under, one per album artist, so every track has an album to
     * be found in (Subsonic clients browse artist, album, song and show nothing else).
     */
    public static final String UNKNOWN_ALBUM = "[Unknown Album]";

    /** The name albums of several artists are filed under. */
    public static final String VARIOUS_ARTISTS = "Various Artists";

    /** A picture stored as its own blob; its blob key is its hash. */
    public record Cover(String hash, String mimeType, long sizeBytes, Integer width, Integer height) {
    }
}
