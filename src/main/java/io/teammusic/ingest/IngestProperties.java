package io.teammusic.ingest;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * How uploads and bulk imports are taken in.
 *
 * @param maxFileSize largest audio file accepted; a bigger one is refused with 413 as soon as the limit is passed
 * @param ffprobe the ffprobe program, used when jaudiotagger cannot read a file or finds no stream info
 * @param ffprobeTimeout how long one ffprobe run may take before the file counts as undecodable
 * @param importThreads files the bulk importer works on at once; 0 means eight per processor
 * @param maxCoverSize embedded pictures larger than this are ignored rather than stored
 */
@Validated
@ConfigurationProperties("teammusic.ingest")
public record IngestProperties(
        @NotNull @DefaultValue("2GB") DataSize maxFileSize,
        @NotBlank @DefaultValue("ffprobe") String ffprobe,
        @NotNull @DefaultValue("30s") Duration ffprobeTimeout,
        @Min(0) @DefaultValue("0") int importThreads,
        @NotNull @DefaultValue("16MB") DataSize maxCoverSize) {

    /**
     * The default keeps eight files in flight per core: a file spends most of its time waiting for its fsync, and
     * syncs in flight together are committed together by the filesystem journal. Memory per file is one buffer.
     */
    int effectiveImportThreads() {
        return importThreads > 0 ? importThreads : 8 * Runtime.getRuntime().availableProcessors();
    }
}
