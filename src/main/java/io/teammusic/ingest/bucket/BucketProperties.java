package io.teammusic.ingest.bucket;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Bytes that reach the bucket without passing through the server: direct uploads, reconciles of what is already
 * there, and S3 event notifications. All of it needs {@code teammusic.storage.type=s3}.
 *
 * @param directUploadThreshold the web UI sends files at least this large straight to the bucket
 * @param partSize part size offered to direct uploads (5MB to 5GB; grown when a file would need over 10,000 parts)
 * @param urlTtl how long a presigned part URL stays valid
 * @param abandonAfter a direct upload not ingested this long after its start is aborted and its object removed
 * @param sweepInterval how often abandoned uploads are looked for
 * @param eventsSecret the shared secret S3 event notifications must carry ({@code Authorization: Bearer SECRET}, or
 *     Basic with SECRET as the password, which is what an SNS subscription URL {@code https://any:SECRET@host/...}
 *     sends); unset means the event endpoint refuses everything
 * @param snsHosts hosts (a regular expression) whose SNS {@code SubscribeURL} the server fetches to confirm a
 *     subscription; any other URL is never fetched
 */
@Validated
@ConfigurationProperties("teammusic.bucket")
public record BucketProperties(
        @NotNull @DefaultValue("64MB") DataSize directUploadThreshold,
        @NotNull @DefaultValue("64MB") DataSize partSize,
        @NotNull @DefaultValue("6h") Duration urlTtl,
        @NotNull @DefaultValue("24h") Duration abandonAfter,
        @NotNull @DefaultValue("15m") Duration sweepInterval,
        String eventsSecret,
        @NotNull @DefaultValue("sns\\.[a-z0-9-]+\\.amazonaws\\.com(\\.cn)?") String snsHosts) {

    static final long MIN_PART = 5L * 1024 * 1024;
    static final long MAX_PART = 5L * 1024 * 1024 * 1024;

    @jakarta.validation.constraints.AssertTrue(
            message = "teammusic.bucket.part-size must be between 5MB and 5GB (S3's part limits)")
    public boolean isPartSizeValid() {
        return partSize == null || (partSize.toBytes() >= MIN_PART && partSize.toBytes() <= MAX_PART);
    }

    @jakarta.validation.constraints.AssertTrue(
            message = "teammusic.bucket.url-ttl must be between 1 minute and 7 days (SigV4's limit)")
    public boolean isUrlTtlValid() {
        return urlTtl == null || (urlTtl.compareTo(Duration.ofMinutes(1)) >= 0
                && urlTtl.compareTo(Duration.ofDays(7)) <= 0);
    }
}
