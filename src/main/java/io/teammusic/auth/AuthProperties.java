package io.teammusic.auth;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Built-in login and tokens.
 *
 * @param accessTokenTtl lifetime of a JWT access token
 * @param refreshTokenTtl lifetime of a refresh token; each use rotates it
 * @param signedUrlTtl lifetime of a signed stream URL handed to an {@code <audio>} element
 * @param issuer the {@code iss} claim of the tokens we sign
 */
@Validated
@ConfigurationProperties("teammusic.auth")
public record AuthProperties(
        @NotNull @DefaultValue("15m") @DurationMin(seconds = 30) @DurationMax(hours = 24) Duration accessTokenTtl,
        @NotNull @DefaultValue("30d") @DurationMin(minutes = 5) Duration refreshTokenTtl,
        @NotNull @DefaultValue("6h") @DurationMin(seconds = 30) @DurationMax(days = 7) Duration signedUrlTtl,
        @NotNull @DefaultValue("teammusic") String issuer) {
}
