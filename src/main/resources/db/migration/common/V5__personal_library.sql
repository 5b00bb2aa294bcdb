-- The personal library: what each user keeps for themself on top of the shared catalog.

-- Per-device secrets for Subsonic apps. The secret is kept AES-GCM encrypted, because token auth
-- (t = md5(secret + salt)) needs the clear value, and as a SHA-256 so an apiKey is found by one lookup.
CREATE TABLE app_passwords (
    id             TEXT PRIMARY KEY,
    user_id        TEXT   NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name           TEXT   NOT NULL,
    secret_enc     TEXT   NOT NULL,
    secret_sha256  TEXT   NOT NULL UNIQUE,
    created_at     BIGINT NOT NULL,
    last_used_at   BIGINT
);
CREATE INDEX app_passwords_user ON app_passwords (user_id);

CREATE TABLE playlists (
    id          TEXT PRIMARY KEY,
    owner_id    TEXT    NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name        TEXT    NOT NULL,
    comment     TEXT,
    public      INTEGER NOT NULL DEFAULT 0,
    created_at  BIGINT  NOT NULL,
    updated_at  BIGINT  NOT NULL
);
CREATE INDEX playlists_owner ON playlists (owner_id);

-- Positions are dense from 0 after every write; a deleted track takes its entries with it, and the next
-- write of that playlist closes the gap (readers order by position, so a gap is harmless meanwhile).
CREATE TABLE playlist_tracks (
    playlist_id  TEXT    NOT NULL REFERENCES playlists (id) ON DELETE CASCADE,
    position     INTEGER NOT NULL,
    track_id     TEXT    NOT NULL REFERENCES tracks (id) ON DELETE CASCADE,
    PRIMARY KEY (playlist_id, position)
);
CREATE INDEX playlist_tracks_track ON playlist_tracks (track_id);

-- One row per user and item (a track, album or artist) once the user starred, rated or played it.
-- item_type is 'track', 'album' or 'artist'; there is no foreign key because the target table varies.
CREATE TABLE annotations (
    user_id         TEXT    NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    item_type       TEXT    NOT NULL,
    item_id         TEXT    NOT NULL,
    starred_at      BIGINT,
    rating          INTEGER,
    play_count      INTEGER NOT NULL DEFAULT 0,
    last_played_at  BIGINT,
    PRIMARY KEY (user_id, item_type, item_id)
);
CREATE INDEX annotations_starred ON annotations (user_id, item_type, starred_at);
CREATE INDEX annotations_played ON annotations (user_id, item_type, last_played_at);
