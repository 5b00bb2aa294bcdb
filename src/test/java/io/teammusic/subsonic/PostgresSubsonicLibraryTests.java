package io.teammusic.subsonic;

import io.teammusic.testing.EmbeddedPostgresql;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Every {@link SubsonicLibraryTests} again, on PostgreSQL. */
class PostgresSubsonicLibraryTests extends SubsonicLibraryTests {

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        EmbeddedPostgresql.register(registry, "subsoniclibrarytests");
    }
}
