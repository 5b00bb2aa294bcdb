-- Accounts that sign in through an external OpenID Connect provider: the provider's (issuer, subject) pair names
-- the person, our own users.id everything that keys on the user (playlists, stars, app passwords). Such users
-- have no password_hash. Portable between SQLite and PostgreSQL.

CREATE TABLE oidc_identities (
    issuer         TEXT   NOT NULL,
    subject        TEXT   NOT NULL,
    user_id        TEXT   NOT NULL UNIQUE REFERENCES users (id) ON DELETE CASCADE,
    created_at     BIGINT NOT NULL,
    last_login_at  BIGINT NOT NULL,
    PRIMARY KEY (issuer, subject)
);
