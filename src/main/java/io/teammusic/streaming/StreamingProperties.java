package io.teammusic.streaming;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * How the stream endpoint moves bytes. The defaults are the fastest measured on our bench (bench/README.md).
 *
 * @param bodyWriter how a body leaves: {@code mapped} writes a slice of a memory-mapped file straight to the
 *     socket (no heap copy), {@code copy} reads bounded chunks into the heap and writes them
 * @param chunkSize size of one read for {@code copy}, and for stores without a local file
 * @param mappedCacheSize total size of the files kept mapped at once (address space, not heap); a file over
 *     2 GiB or over this size is copied instead
 * @param outputBufferSize Jetty's per-response output buffer; bodies larger than it bypass it
 * @param acceptQueueSize the listen backlog; the JDK's default of 50 drops connections when many listeners
 *     arrive at once (a room pressing play together)
 * @param longBodySendBuffer the socket send buffer ({@code SO_SNDBUF}) for a body longer than
 *     {@code longBody}, so that a listener reading at the bitrate holds this much kernel memory instead of the
 *     megabytes Linux would grow it to; 0 leaves the kernel's own sizing
 * @param longBody the body length from which {@code longBodySendBuffer} and {@code longBodyIdleTimeout} apply;
 *     a player's seeks (short ranges) keep the kernel's sizing and its throughput
 * @param longBodyIdleTimeout how long a connection playing a long body may go without a write making progress
 *     before the server gives up on it (a paused player); longer than the connector's idle timeout because Linux
 *     wakes a blocked writer only once a third of the send buffer has drained, which for a listener reading
 *     slowly can take longer than that timeout although it reads all the time; 0 keeps the connector's
 */
@Validated
@ConfigurationProperties("teammusic.streaming")
public record StreamingProperties(
        @NotNull @DefaultValue("mapped") BodyWriter bodyWriter,
        @NotNull @DefaultValue("256KB") DataSize chunkSize,
        @NotNull @DefaultValue("4GB") DataSize mappedCacheSize,
        @NotNull @DefaultValue("32KB") DataSize outputBufferSize,
        @DefaultValue("1024") @jakarta.validation.constraints.Min(1) @jakarta.validation.constraints.Max(65535)
        int acceptQueueSize,
        @NotNull @DefaultValue("32KB") DataSize longBodySendBuffer,
        @NotNull @DefaultValue("1MB") DataSize longBody,
        @NotNull @DefaultValue("120s") Duration longBodyIdleTimeout) {

    public StreamingProperties {
        requireBetween("teammusic.streaming.chunk-size", chunkSize, 4 * 1024, 16 * 1024 * 1024);
        requireBetween("teammusic.streaming.output-buffer-size", outputBufferSize, 1024, 8 * 1024 * 1024);
        if (longBodySendBuffer != null && longBodySendBuffer.toBytes() != 0) {
            requireBetween("teammusic.streaming.long-body-send-buffer", longBodySendBuffer, 4 * 1024,
                    64 * 1024 * 1024);
        }
        if (longBodyIdleTimeout != null
                && (longBodyIdleTimeout.isNegative() || longBodyIdleTimeout.compareTo(Duration.ofHours(1)) > 0)) {
            throw new IllegalArgumentException("teammusic.streaming.long-body-idle-timeout must be between 0 and 1h,"
                    + " was " + longBodyIdleTimeout);
        }
        if (mappedCacheSize != null && mappedCacheSize.toBytes() < 0) {
            throw new IllegalArgumentException("teammusic.streaming.mapped-cache-size must not be negative, was "
                    + mappedCacheSize);
        }
    }

    private static void requireBetween(String name, DataSize value, long min, long max) {
        if (value != null && (value.toBytes() < min || value.toBytes() > max)) {
            throw new IllegalArgumentException(name + " must be between " + DataSize.ofBytes(min) + " and "
                    + DataSize.ofBytes(max) + ", was " + value);
        }
    }

    /** See {@link StreamingProperties#bodyWriter()}. */
    public enum BodyWriter { MAPPED, COPY }
}
