-- S3 storage: uploads that browsers send straight to the bucket, and what reconciles of the bucket have seen.

-- One presigned multipart upload from start to ingest. A row whose expires_at has passed is abandoned: its
-- multipart upload is aborted and its object (if completed) removed, then the row.
CREATE TABLE direct_uploads (
    id            TEXT PRIMARY KEY,
    object_key    TEXT    NOT NULL UNIQUE,
    upload_id     TEXT    NOT NULL,
    filename      TEXT    NOT NULL,
    size_bytes    BIGINT  NOT NULL,
    part_size     BIGINT  NOT NULL,
    part_count    INTEGER NOT NULL,
    -- 'started' (parts being sent), 'uploaded' (complete: the object exists), 'ingesting'
    state         TEXT    NOT NULL,
    created_by    TEXT    NOT NULL,
    created_at    BIGINT  NOT NULL,
    expires_at    BIGINT  NOT NULL
);
CREATE INDEX direct_uploads_expiry ON direct_uploads (expires_at);

-- Every bucket object a reconcile or an S3 event has taken in, keyed by its store key (the configured prefix
-- taken off). The track reads its bytes in place from that key. An object whose ETag and size are unchanged is
-- not read again; one that was not audio stays here as rejected so it is not retried every run.
CREATE TABLE bucket_objects (
    object_key    TEXT PRIMARY KEY,
    etag          TEXT,
    size_bytes    BIGINT  NOT NULL,
    -- 'ingested' (track_id set: its own track, or the one with the same bytes), 'rejected'
    state         TEXT    NOT NULL,
    track_id      TEXT,
    detail        TEXT,
    scan_id       TEXT,
    updated_at    BIGINT  NOT NULL
);
CREATE INDEX bucket_objects_track ON bucket_objects (track_id);
CREATE INDEX bucket_objects_scan ON bucket_objects (scan_id);

-- One reconcile of a key prefix. The listing is in key order, so a run cut short (a crash, a restart) resumes
-- after last_key with the same id; objects not marked with the id of a finished run are gone from the bucket.
CREATE TABLE bucket_scans (
    id            TEXT PRIMARY KEY,
    prefix        TEXT    NOT NULL,
    -- 'running', 'finished'
    state         TEXT    NOT NULL,
    last_key      TEXT,
    ingested      INTEGER NOT NULL DEFAULT 0,
    unchanged     INTEGER NOT NULL DEFAULT 0,
    rejected      INTEGER NOT NULL DEFAULT 0,
    failed        INTEGER NOT NULL DEFAULT 0,
    dropped       INTEGER NOT NULL DEFAULT 0,
    started_at    BIGINT  NOT NULL,
    updated_at    BIGINT  NOT NULL,
    finished_at   BIGINT
);
CREATE INDEX bucket_scans_prefix ON bucket_scans (prefix, state);
