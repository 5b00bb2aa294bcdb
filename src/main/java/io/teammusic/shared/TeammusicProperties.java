package io.teammusic.shared;

import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Settings that belong to no single feature.
 *
 * @param dataDir where the embedded shape keeps its SQLite file, blobs and signing key
 * @param adminPassword password for the {@code admin} account created on first start; when blank a random one is
 *     generated and printed once
 */
@Validated
@ConfigurationProperties("teammusic")
public record TeammusicProperties(@NotNull Path dataDir, String adminPassword) {
}
