package io.teammusic.auth;

import io.teammusic.testing.OnPostgresql;

/** Every {@link AuthApiTests} again, on PostgreSQL. */
@OnPostgresql
class PostgresAuthApiTests extends AuthApiTests {
}
