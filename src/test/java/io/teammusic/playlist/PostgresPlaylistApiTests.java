package io.teammusic.playlist;

import io.teammusic.testing.EmbeddedPostgresql;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Every {@link PlaylistApiTests} again, on PostgreSQL. */
class PostgresPlaylistApiTests extends PlaylistApiTests {

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        EmbeddedPostgresql.register(registry, "playlistapitests");
    }
}
