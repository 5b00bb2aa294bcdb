-- Search over the folded names that the application writes with shared.Text.fold (tracks.title_norm,
-- albums.title_norm, artists.name_norm), kept in sync by the triggers below, so writers need do nothing.
--
-- * One FTS5 table per kind with the trigram tokenizer: substring matches of 3 or more characters, in any script,
--   spaces included (a leading space in the query finds a word start inside a name). The text is folded already,
--   so the tokenizer must not fold again (case_sensitive 1): both sides then agree on "the same" exactly.
-- * search_grams: every 1- and 2-character window of names whose characters are U+0E00 or above (Thai, kana,
--   CJK, Hangul), for the 1-2 character queries that trigrams cannot answer and that are common in Japanese.
-- * search_keys gives each indexed row a stable integer: FTS5 keys rows by integer, and the implicit rowid of a
--   table with a TEXT primary key may change on VACUUM.

CREATE TABLE search_keys (
    n       INTEGER PRIMARY KEY,
    ref_id  TEXT NOT NULL UNIQUE
);

CREATE VIRTUAL TABLE track_search USING fts5(text, content='', contentless_delete=1,
    tokenize='trigram case_sensitive 1');
CREATE VIRTUAL TABLE album_search USING fts5(text, content='', contentless_delete=1,
    tokenize='trigram case_sensitive 1');
CREATE VIRTUAL TABLE artist_search USING fts5(text, content='', contentless_delete=1,
    tokenize='trigram case_sensitive 1');

CREATE TABLE search_grams (
    kind  TEXT    NOT NULL,
    gram  TEXT    NOT NULL,
    n     INTEGER NOT NULL,
    PRIMARY KEY (kind, gram, n)
) WITHOUT ROWID;
CREATE INDEX search_grams_n ON search_grams (n);

-- 1..512: the character positions a trigger walks (CTEs are not allowed inside triggers).
CREATE TABLE search_positions (i INTEGER PRIMARY KEY);
WITH RECURSIVE p(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM p WHERE i < 512)
INSERT INTO search_positions (i) SELECT i FROM p;

-- Browse sorts that would otherwise sort the whole table.
CREATE INDEX tracks_artist_sort ON tracks (lower(artist_display));
CREATE INDEX tracks_year ON tracks (year);
CREATE INDEX tracks_duration ON tracks (duration_ms);
CREATE INDEX artists_sort_lower ON artists (lower(sort_name));

-- tracks
INSERT INTO search_keys (ref_id) SELECT id FROM tracks;
INSERT INTO track_search (rowid, text) SELECT k.n, x.title_norm FROM tracks x JOIN search_keys k ON k.ref_id = x.id;
INSERT OR IGNORE INTO search_grams (kind, gram, n)
    SELECT 't', substr(x.title_norm, p.i, 2), k.n FROM tracks x JOIN search_keys k ON k.ref_id = x.id
    JOIN search_positions p ON p.i <= length(x.title_norm) WHERE unicode(substr(x.title_norm, p.i, 1)) >= 3584;

CREATE TRIGGER tracks_search_insert AFTER INSERT ON tracks BEGIN
    INSERT INTO search_keys (ref_id) VALUES (new.id);
    INSERT INTO track_search (rowid, text) SELECT n, new.title_norm FROM search_keys WHERE ref_id = new.id;
    INSERT OR IGNORE INTO search_grams (kind, gram, n)
        SELECT 't', substr(new.title_norm, p.i, 2), k.n FROM search_keys k
        JOIN search_positions p ON p.i <= length(new.title_norm)
        WHERE k.ref_id = new.id AND unicode(substr(new.title_norm, p.i, 1)) >= 3584;
END;

CREATE TRIGGER tracks_search_update AFTER UPDATE OF title_norm ON tracks BEGIN
    DELETE FROM track_search WHERE rowid = (SELECT n FROM search_keys WHERE ref_id = old.id);
    DELETE FROM search_grams WHERE n = (SELECT n FROM search_keys WHERE ref_id = old.id);
    INSERT INTO track_search (rowid, text) SELECT n, new.title_norm FROM search_keys WHERE ref_id = new.id;
    INSERT OR IGNORE INTO search_grams (kind, gram, n)
        SELECT 't', substr(new.title_norm, p.i, 2), k.n FROM search_keys k
        JOIN search_positions p ON p.i <= length(new.title_norm)
        WHERE k.ref_id = new.id AND unicode(substr(new.title_norm, p.i, 1)) >= 3584;
END;

CREATE TRIGGER tracks_search_delete AFTER DELETE ON tracks BEGIN
    DELETE FROM track_search WHERE rowid = (SELECT n FROM search_keys WHERE ref_id = old.id);
    DELETE FROM search_grams WHERE n = (SELECT n FROM search_keys WHERE ref_id = old.id);
    DELETE FROM search_keys WHERE ref_id = old.id;
END;

-- albums
INSERT INTO search_keys (ref_id) SELECT id FROM albums;
INSERT INTO album_search (rowid, text) SELECT k.n, x.title_norm FROM albums x JOIN search_keys k ON k.ref_id = x.id;
INSERT OR IGNORE INTO search_grams (kind, gram, n)
    SELECT 'l', substr(x.title_norm, p.i, 2), k.n FROM albums x JOIN search_keys k ON k.ref_id = x.id
    JOIN search_positions p ON p.i <= length(x.title_norm) WHERE unicode(substr(x.title_norm, p.i, 1)) >= 3584;

CREATE TRIGGER albums_search_insert AFTER INSERT ON albums BEGIN
    INSERT INTO search_keys (ref_id) VALUES (new.id);
    INSERT INTO album_search (rowid, text) SELECT n, new.title_norm FROM search_keys WHERE ref_id = new.id;
    INSERT OR IGNORE INTO search_grams (kind, gram, n)
        SELECT 'l', substr(new.title_norm, p.i, 2), k.n FROM search_keys k
        JOIN search_positions p ON p.i <= length(new.title_norm)
        WHERE k.ref_id = new.id AND unicode(substr(new.title_norm, p.i, 1)) >= 3584;
END;

CREATE TRIGGER albums_search_update AFTER UPDATE OF title_norm ON albums BEGIN
    DELETE FROM album_search WHERE rowid = (SELECT n FROM search_keys WHERE ref_id = old.id);
    DELETE FROM search_grams WHERE n = (SELECT n FROM search_keys WHERE ref_id = old.id);
    INSERT INTO album_search (rowid, text) SELECT n, new.title_norm FROM search_keys WHERE ref_id = new.id;
    INSERT OR IGNORE INTO search_grams (kind, gram, n)
        SELECT 'l', substr(new.title_norm, p.i, 2), k.n FROM search_keys k
        JOIN search_positions p ON p.i <= length(new.title_norm)
        WHERE k.ref_id = new.id AND unicode(substr(new.title_norm, p.i, 1)) >= 3584;
END;

CREATE TRIGGER albums_search_delete AFTER DELETE ON albums BEGIN
    DELETE FROM album_search WHERE rowid = (SELECT n FROM search_keys WHERE ref_id = old.id);
    DELETE FROM search_grams WHERE n = (SELECT n FROM search_keys WHERE ref_id = old.id);
    DELETE FROM search_keys WHERE ref_id = old.id;
END;

-- artists
INSERT INTO search_keys (ref_id) SELECT id FROM artists;
INSERT INTO artist_search (rowid, text) SELECT k.n, x.name_norm FROM artists x JOIN search_keys k ON k.ref_id = x.id;
INSERT OR IGNORE INTO search_grams (kind, gram, n)
    SELECT 'a', substr(x.name_norm, p.i, 2), k.n FROM artists x JOIN search_keys k ON k.ref_id = x.id
    JOIN search_positions p ON p.i <= length(x.name_norm) WHERE unicode(substr(x.name_norm, p.i, 1)) >= 3584;

CREATE TRIGGER artists_search_insert AFTER INSERT ON artists BEGIN
    INSERT INTO search_keys (ref_id) VALUES (new.id);
    INSERT INTO artist_search (rowid, text) SELECT n, new.name_norm FROM search_keys WHERE ref_id = new.id;
    INSERT OR IGNORE INTO search_grams (kind, gram, n)
        SELECT 'a', substr(new.name_norm, p.i, 2), k.n FROM search_keys k
        JOIN search_positions p ON p.i <= length(new.name_norm)
        WHERE k.ref_id = new.id AND unicode(substr(new.name_norm, p.i, 1)) >= 3584;
END;

CREATE TRIGGER artists_search_update AFTER UPDATE OF name_norm ON artists BEGIN
    DELETE FROM artist_search WHERE rowid = (SELECT n FROM search_keys WHERE ref_id = old.id);
    DELETE FROM search_grams WHERE n = (SELECT n FROM search_keys WHERE ref_id = old.id);
    INSERT INTO artist_search (rowid, text) SELECT n, new.name_norm FROM search_keys WHERE ref_id = new.id;
    INSERT OR IGNORE INTO search_grams (kind, gram, n)
        SELECT 'a', substr(new.name_norm, p.i, 2), k.n FROM search_keys k
        JOIN search_positions p ON p.i <= length(new.name_norm)
        WHERE k.ref_id = new.id AND unicode(substr(new.name_norm, p.i, 1)) >= 3584;
END;

CREATE TRIGGER artists_search_delete AFTER DELETE ON artists BEGIN
    DELETE FROM artist_search WHERE rowid = (SELECT n FROM search_keys WHERE ref_id = old.id);
    DELETE FROM search_grams WHERE n = (SELECT n FROM search_keys WHERE ref_id = old.id);
    DELETE FROM search_keys WHERE ref_id = old.id;
END;
