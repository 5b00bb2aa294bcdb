package io.teammusic.streaming;

import io.teammusic.testing.OnPostgresql;

/** Every {@link SignedStreamUrlTests} again, on PostgreSQL. */
@OnPostgresql
class PostgresSignedStreamUrlTests extends SignedStreamUrlTests {
}
