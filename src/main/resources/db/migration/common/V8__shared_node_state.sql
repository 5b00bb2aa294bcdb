-- State that nodes of one deployment must share instead of keeping on their own disk or in their own memory.

-- Secret keys generated once by the first node when teammusic.keys.store=database (JWT signing key, URL
-- signing key, app-password key): the primary key makes that first insert the only one.
CREATE TABLE server_keys (
    name        TEXT PRIMARY KEY,
    material    TEXT   NOT NULL,
    created_at  BIGINT NOT NULL
);

-- Failed logins per user name and per address, so every node slows down the same guesser.
CREATE TABLE login_failures (
    throttle_key  TEXT PRIMARY KEY,
    failures      INTEGER NOT NULL,
    updated_at    BIGINT  NOT NULL
);
CREATE INDEX login_failures_updated ON login_failures (updated_at);
