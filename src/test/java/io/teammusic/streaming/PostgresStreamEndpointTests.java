package io.teammusic.streaming;

import io.teammusic.testing.OnPostgresql;

/** Every {@link StreamEndpointTests} again, on PostgreSQL. */
@OnPostgresql
class PostgresStreamEndpointTests extends StreamEndpointTests {
}
