package io.teammusic.ingest;

import io.teammusic.testing.OnPostgresql;

/** Every {@link TrackAdminTests} again, on PostgreSQL. */
@OnPostgresql
class PostgresTrackAdminTests extends TrackAdminTests {
}
