package io.teammusic.auth;

import io.teammusic.testing.OnPostgresql;

/** Every {@link UserAdminTests} again, on PostgreSQL. */
@OnPostgresql
class PostgresUserAdminTests extends UserAdminTests {
}
