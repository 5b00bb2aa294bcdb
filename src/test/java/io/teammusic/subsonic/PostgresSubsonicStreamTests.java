package io.teammusic.subsonic;

import io.teammusic.testing.OnPostgresql;

/** Every {@link SubsonicStreamTests} again, on PostgreSQL. */
@OnPostgresql
class PostgresSubsonicStreamTests extends SubsonicStreamTests {
}
