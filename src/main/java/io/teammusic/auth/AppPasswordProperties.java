package io.teammusic.auth;

import jakarta.validation.constraints.Size;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the Subsonic credentials (app passwords).
 *
 * @param secretKey text the app-password encryption key is derived from (SHA-256 of it); at least 16 characters,
 *     best 32+ random ones. When unset, a random key is generated once into {@code <data-dir>/keys}. Changing it
 *     makes every stored app password unusable.
 */
@Validated
@ConfigurationProperties("teammusic.subsonic")
public record AppPasswordProperties(@Size(min = 16, max = 1024) String secretKey) {
}
