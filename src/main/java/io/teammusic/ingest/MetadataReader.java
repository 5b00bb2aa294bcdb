package io.teammusic.ingest;

import java.io.IOException;
import java.nio.file.Path;
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
            } catch (Exception | StackOverflowError e) {
                // jaudiotagger throws a dozen checked and unchecked types on odd files; all mean "ask ffprobe".
                tags = null;
            }
        }
        if (tags == null || !tags.hasStreamInfo() || !tags.hasAnyTag()) {
            AudioTags probed = ffprobe.read(file);
            if (tags == null) {
                tags = probed;
            } else if (probed != null) {
                tags.fillFrom(probed);
            } else if (!tags.hasStreamInfo()) {
                tags = null;
            }
        }
        if (tags == null || !tags.hasStreamInfo()) {
            throw IngestRejection.undecodable(format.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '));
        }
        if (tags.codec == null) {
            tags.codec = format.codec();
        }
        return tags;
    }
}
