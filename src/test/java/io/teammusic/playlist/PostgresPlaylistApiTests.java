package io.teammusic.playlist;

import io.teammusic.subsonic.PostgresDatabase;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Every {@link PlaylistApiTests} again, on PostgreSQL. */
class PostgresPlaylistApiTests extends PlaylistApiTests {

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        PostgresDatabase.register(registry, "playlistapitests");
    }
}
