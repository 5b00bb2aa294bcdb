package io.teammusic.storage;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Which blob store to use.
 *
 * @param type {@code local} (files under the data dir) or {@code s3}
 */
@Validated
@ConfigurationProperties("teammusic.storage")
public record StorageProperties(@NotNull @DefaultValue("local") Type type) {

    public enum Type { LOCAL, S3 }
}
