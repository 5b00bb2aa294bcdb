package io.teammusic.storage;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Which blob store to use.
 *
 * @param type {@code local} (files under the data dir) or {@code s3}
 * @param s3 the bucket settings, read only when {@code type} is {@code s3}
 */
@Validated
@ConfigurationProperties("teammusic.storage")
public record StorageProperties(@NotNull @DefaultValue("local") Type type, @Valid @DefaultValue S3 s3) {

    public enum Type { LOCAL, S3 }

    // Bean validation reports this under "s3Configured"; the message names the real property to set.
    @AssertTrue(message = "teammusic.storage.s3.bucket must be set when teammusic.storage.type=s3")
    public boolean isS3Configured() {
        return type != Type.S3 || (s3 != null && s3.bucket() != null && !s3.bucket().isBlank());
    }

    /**
     * An S3 or S3-compatible bucket (MinIO, Ceph, R2). Credentials always come from the AWS default chain
     * (environment, system properties, profile, container or instance role), never from these settings.
     *
     * @param bucket the bucket name (required for {@code type=s3})
     * @param prefix prepended to every storage key, e.g. {@code teammusic/}; a missing final slash is added
     * @param region the signing region; when unset: {@code us-east-1} with an endpoint, else the AWS default chain
     * @param endpoint the server's URL for S3-compatible servers; unset means AWS itself
     * @param pathStyle {@code true} for {@code http://host/bucket/key} addressing (MinIO, Ceph and most
     *     self-hosted servers), {@code false} for virtual-hosted {@code http://bucket.host/key}
     * @param partSize files larger than this go up as a multipart upload in parts of this size (5MB to 5GB,
     *     S3's own limits; grown automatically when a file would need more than 10,000 parts)
     * @param cache the node-local read-through cache of ranged reads (see {@link Cache})
     */
    public record S3(
            @Pattern(regexp = "[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]",
                    message = "teammusic.storage.s3.bucket must be a valid bucket name (3-63 of a-z 0-9 . -)")
            String bucket,
            @DefaultValue("")
            @Pattern(regexp = "|[A-Za-z0-9!_.*'()-][A-Za-z0-9!_.*'()/-]{0,500}",
                    message = "teammusic.storage.s3.prefix must not start with / and may hold only a-z A-Z 0-9 "
                            + "and !_.*'()-/")
            String prefix,
            @Pattern(regexp = "[a-z0-9-]{2,40}", message = "teammusic.storage.s3.region must look like eu-west-1")
            String region,
            URI endpoint,
            @DefaultValue("false") boolean pathStyle,
            @NotNull @DefaultValue("16MB") DataSize partSize,
            @Valid @DefaultValue Cache cache) {

        static final long MIN_PART = 5L * 1024 * 1024;
        static final long MAX_PART = 5L * 1024 * 1024 * 1024;

        @AssertTrue(message = "teammusic.storage.s3.endpoint must be an absolute http or https URL with a host")
        public boolean isEndpointValid() {
            return endpoint == null
                    || (("http".equals(endpoint.getScheme()) || "https".equals(endpoint.getScheme()))
                            && endpoint.getHost() != null);
        }

        @AssertTrue(message = "teammusic.storage.s3.part-size must be between 5MB and 5GB (S3's part limits)")
        public boolean isPartSizeValid() {
            return partSize == null || (partSize.toBytes() >= MIN_PART && partSize.toBytes() <= MAX_PART);
        }

        /** The cache settings; none given (a settings object made in code) means no cache. */
        public Cache cacheOrDisabled() {
            return cache == null ? new Cache(false, null, DataSize.ofGigabytes(1), DataSize.ofMegabytes(4)) : cache;
        }

        /** The prefix as keys use it: empty, or ending with exactly one slash. */
        public String keyPrefix() {
            if (prefix == null || prefix.isEmpty()) {
                return "";
            }
            return prefix.endsWith("/") ? prefix : prefix + "/";
        }
    }

    /**
     * A bounded cache of blob chunks on the node's own disk. Blobs are content-addressed, so a cached chunk is never
     * stale: it is only evicted (least recently used first, roughly) or removed with its blob. The cache is
     * disposable: a node with an empty or wiped cache folder fetches the chunks again.
     *
     * @param enabled read ranges through the cache; {@code false} makes every ranged read a GET of its exact bytes
     * @param dir the folder of the chunk files; unset means {@code cache/s3/} under the data dir
     * @param maxSize the most disk the chunk files may take together
     * @param chunkSize the unit of caching: a miss fetches the aligned chunk(s) around the range (a power of two,
     *     64KB to 64MB)
     */
    public record Cache(
            @DefaultValue("true") boolean enabled,
            java.nio.file.Path dir,
            @NotNull @DefaultValue("2GB") DataSize maxSize,
            @NotNull @DefaultValue("4MB") DataSize chunkSize) {

        static final long MIN_CHUNK = 64L * 1024;
        static final long MAX_CHUNK = 64L * 1024 * 1024;

        @AssertTrue(message = "teammusic.storage.s3.cache.chunk-size must be a power of two between 64KB and 64MB")
        public boolean isChunkSizeValid() {
            if (chunkSize == null) {
                return true;
            }
            long c = chunkSize.toBytes();
            return c >= MIN_CHUNK && c <= MAX_CHUNK && Long.bitCount(c) == 1;
        }

        @AssertTrue(message = "teammusic.storage.s3.cache.max-size must hold at least four chunks (chunk-size)")
        public boolean isMaxSizeValid() {
            return maxSize == null || chunkSize == null || maxSize.toBytes() >= 4 * chunkSize.toBytes();
        }
    }
}
