package io.teammusic.ingest;

/**
 * The audio formats recognised from their first bytes.
 *
 * @param container the {@code container} value the API shows
 * @param mimeType served as the stream's Content-Type
 * @param tagExtension the extension jaudiotagger needs to pick its reader, or null when only ffprobe reads it
 * @param codec the codec when the container implies it, or null when the tag reader must tell (M4A: AAC or ALAC)
 */
enum AudioFormat {
    MP3("mp3", "audio/mpeg", "mp3", "mp3"),
    FLAC("flac", "audio/flac", "flac", "flac"),
    OGG_VORBIS("ogg", "audio/ogg", "ogg", "vorbis"),
    OGG_OPUS("ogg", "audio/ogg", "opus", "opus"),
    OGG_FLAC("ogg", "audio/ogg", null, "flac"),
    OGG_OTHER("ogg", "audio/ogg", null, null),
    MP4("mp4", "audio/mp4", "m4a", null),
    WAV("wav", "audio/wav", "wav", null),
    AIFF("aiff", "audio/aiff", "aif", null),
    WMA("asf", "audio/x-ms-asf", "wma", null),
    DSF("dsf", "audio/dsf", "dsf", "dsd"),
    WAVPACK("wavpack", "audio/x-wavpack", null, "wavpack"),
    MUSEPACK("musepack", "audio/x-musepack", null, "musepack"),
    APE("ape", "audio/x-ape", null, "ape"),
    AAC_ADTS("aac", "audio/aac", null, "aac");

    private final String container;
    private final String mimeType;
    private final String tagExtension;
    private final String codec;

    AudioFormat(String container, String mimeType, String tagExtension, String codec) {
        this.container = container;
        this.mimeType = mimeType;
        this.tagExtension = tagExtension;
        this.codec = codec;
    }

    String container() {
        return container;
    }

    String mimeType() {
        return mimeType;
    }

    String tagExtension() {
        return tagExtension;
    }

    String codec() {
        return codec;
    }
}
