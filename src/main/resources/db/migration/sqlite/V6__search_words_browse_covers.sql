-- Three things the catalog reads fast or right only with help from the schema (the PostgreSQL V6 is the twin):
--
-- 1. Multi-word search. search_keys.words holds, for a track, its folded title, artists and album title, and for
--    an album its folded title and album artist, joined by char(31) (a character no folded query holds, so no
--    match spans two fields). track_words and album_words index them with trigrams, so "blue moon" finds a
--    track titled "Blue" by "Moon" with an AND of one phrase per word. The triggers below keep words right when
--    any name it is made of changes, so writers need do nothing.
-- 2. Browse at any size: one index per documented sort whose columns are the ORDER BY's, the row id last, so
--    the first page, a deep keyset page and either direction all read the index in order. Missing values do not
--    sort in the index: the app reads the rows that have the value first, then those that lack it
--    (IS NOT NULL / IS NULL on the leading column), so "missing last" needs no NULLS LAST.
-- 3. albums.cover_hash is the cover of the album's first track that has one (disc, then track number, then
--    title), kept by triggers, so an album never shows a picture that none of its tracks carries any more.

-- 1. Words --------------------------------------------------------------------------------------------------------

ALTER TABLE search_keys ADD COLUMN words TEXT;

CREATE VIEW track_words_source AS
SELECT t.id AS ref_id,
       t.title_norm || char(31)
           || COALESCE((SELECT group_concat(a.name_norm, ' ') FROM track_artists ta
                        JOIN artists a ON a.id = ta.artist_id WHERE ta.track_id = t.id), '')
           || char(31) || COALESCE((SELECT al.title_norm FROM albums al WHERE al.id = t.album_id), '') AS words
FROM tracks t;

CREATE VIEW album_words_source AS
SELECT al.id AS ref_id,
       al.title_norm || char(31)
           || COALESCE((SELECT a.name_norm FROM artists a WHERE a.id = al.album_artist_id), '') AS words
FROM albums al;

CREATE VIRTUAL TABLE track_words USING fts5(text, content='', contentless_delete=1,
    tokenize='trigram case_sensitive 1');
CREATE VIRTUAL TABLE album_words USING fts5(text, content='', contentless_delete=1,
    tokenize='trigram case_sensitive 1');

UPDATE search_keys SET words = (SELECT w.words FROM track_words_source w WHERE w.ref_id = search_keys.ref_id)
WHERE kind = 't';
UPDATE search_keys SET words = (SELECT w.words FROM album_words_source w WHERE w.ref_id = search_keys.ref_id)
WHERE kind = 'l';
INSERT INTO track_words (rowid, text) SELECT n, words FROM search_keys WHERE kind = 't' AND words IS NOT NULL;
INSERT INTO album_words (rowid, text) SELECT n, words FROM search_keys WHERE kind = 'l' AND words IS NOT NULL;

-- A new or renamed key gets its words (the V4 triggers write search_keys whenever a name is added or changes).
CREATE TRIGGER search_keys_words_new AFTER INSERT ON search_keys WHEN new.kind IN ('t', 'l') BEGIN
    UPDATE search_keys SET words = CASE new.kind
        WHEN 't' THEN (SELECT w.words FROM track_words_source w WHERE w.ref_id = new.ref_id)
        ELSE (SELECT w.words FROM album_words_source w WHERE w.ref_id = new.ref_id) END
    WHERE n = new.n;
END;

CREATE TRIGGER search_keys_words_renamed AFTER UPDATE OF norm ON search_keys WHEN new.kind IN ('t', 'l') BEGIN
    UPDATE search_keys SET words = CASE new.kind
        WHEN 't' THEN (SELECT w.words FROM track_words_source w WHERE w.ref_id = new.ref_id)
        ELSE (SELECT w.words FROM album_words_source w WHERE w.ref_id = new.ref_id) END
    WHERE n = new.n;
END;

-- The trigram tables follow search_keys.words.
CREATE TRIGGER search_keys_track_words AFTER UPDATE OF words ON search_keys WHEN new.kind = 't' BEGIN
    DELETE FROM track_words WHERE rowid = new.n;
    INSERT INTO track_words (rowid, text) SELECT new.n, new.words WHERE new.words IS NOT NULL;
END;

CREATE TRIGGER search_keys_album_words AFTER UPDATE OF words ON search_keys WHEN new.kind = 'l' BEGIN
    DELETE FROM album_words WHERE rowid = new.n;
    INSERT INTO album_words (rowid, text) SELECT new.n, new.words WHERE new.words IS NOT NULL;
END;

CREATE TRIGGER search_keys_track_words_gone AFTER DELETE ON search_keys WHEN old.kind = 't' BEGIN
    DELETE FROM track_words WHERE rowid = old.n;
END;

CREATE TRIGGER search_keys_album_words_gone AFTER DELETE ON search_keys WHEN old.kind = 'l' BEGIN
    DELETE FROM album_words WHERE rowid = old.n;
END;

-- Names that a track's or album's words are made of, changing elsewhere.
CREATE TRIGGER track_artists_words_added AFTER INSERT ON track_artists BEGIN
    UPDATE search_keys SET words = (SELECT w.words FROM track_words_source w WHERE w.ref_id = new.track_id)
    WHERE ref_id = new.track_id;
END;

CREATE TRIGGER track_artists_words_removed AFTER DELETE ON track_artists BEGIN
    UPDATE search_keys SET words = (SELECT w.words FROM track_words_source w WHERE w.ref_id = old.track_id)
    WHERE ref_id = old.track_id;
END;

CREATE TRIGGER tracks_words_album AFTER UPDATE OF album_id ON tracks BEGIN
    UPDATE search_keys SET words = (SELECT w.words FROM track_words_source w WHERE w.ref_id = new.id)
    WHERE ref_id = new.id;
END;

CREATE TRIGGER albums_words_title AFTER UPDATE OF title_norm ON albums BEGIN
    UPDATE search_keys SET words = (SELECT w.words FROM track_words_source w WHERE w.ref_id = search_keys.ref_id)
    WHERE ref_id IN (SELECT id FROM tracks WHERE album_id = new.id);
END;

CREATE TRIGGER albums_words_artist AFTER UPDATE OF album_artist_id ON albums BEGIN
    UPDATE search_keys SET words = (SELECT w.words FROM album_words_source w WHERE w.ref_id = new.id)
    WHERE ref_id = new.id;
END;

CREATE TRIGGER artists_words_name AFTER UPDATE OF name_norm ON artists BEGIN
    UPDATE search_keys SET words = (SELECT w.words FROM track_words_source w WHERE w.ref_id = search_keys.ref_id)
    WHERE ref_id IN (SELECT track_id FROM track_artists WHERE artist_id = new.id);
    UPDATE search_keys SET words = (SELECT w.words FROM album_words_source w WHERE w.ref_id = search_keys.ref_id)
    WHERE ref_id IN (SELECT id FROM albums WHERE album_artist_id = new.id);
END;

-- 2. Browse indexes -----------------------------------------------------------------------------------------------

DROP INDEX tracks_title;
CREATE INDEX tracks_title ON tracks (title_norm, id);
DROP INDEX tracks_artist_sort;
CREATE INDEX tracks_artist_sort ON tracks (lower(artist_display), title_norm, id);
DROP INDEX tracks_year;
CREATE INDEX tracks_year ON tracks (year, title_norm, id);
DROP INDEX tracks_duration;
CREATE INDEX tracks_duration ON tracks (duration_ms, title_norm, id);
DROP INDEX tracks_created;
CREATE INDEX tracks_created ON tracks (created_at, id);
-- An album's tracks in album order (a missing disc is disc 1, a missing track number comes last): the album
-- sort, the album page and the album cover below all read it.
DROP INDEX tracks_album;
CREATE INDEX tracks_album ON tracks (album_id, COALESCE(disc_no, 1), COALESCE(track_no, 2147483647), title_norm, id);

DROP INDEX albums_title;
CREATE INDEX albums_title ON albums (title_norm, id);
DROP INDEX albums_created;
CREATE INDEX albums_created ON albums (created_at, id);
CREATE INDEX albums_year ON albums (year, title_norm, id);

DROP INDEX artists_sort_lower;
CREATE INDEX artists_sort_lower ON artists (lower(sort_name), name_norm);

-- 3. Album covers -------------------------------------------------------------------------------------------------

CREATE VIEW album_cover_source AS
SELECT al.id AS album_id,
       (SELECT c.cover_hash FROM tracks c WHERE c.album_id = al.id AND c.cover_hash IS NOT NULL
        ORDER BY COALESCE(c.disc_no, 1), COALESCE(c.track_no, 2147483647), c.title_norm, c.id LIMIT 1) AS cover
FROM albums al;

UPDATE albums SET cover_hash = (SELECT s.cover FROM album_cover_source s WHERE s.album_id = albums.id)
WHERE EXISTS (SELECT 1 FROM tracks t WHERE t.album_id = albums.id);

CREATE TRIGGER tracks_cover_added AFTER INSERT ON tracks WHEN new.album_id IS NOT NULL BEGIN
    UPDATE albums SET cover_hash = (SELECT s.cover FROM album_cover_source s WHERE s.album_id = new.album_id)
    WHERE id = new.album_id;
END;

CREATE TRIGGER tracks_cover_removed AFTER DELETE ON tracks WHEN old.album_id IS NOT NULL BEGIN
    UPDATE albums SET cover_hash = (SELECT s.cover FROM album_cover_source s WHERE s.album_id = old.album_id)
    WHERE id = old.album_id;
END;

CREATE TRIGGER tracks_cover_changed AFTER UPDATE OF album_id, cover_hash, disc_no, track_no, title_norm ON tracks
BEGIN
    UPDATE albums SET cover_hash = (SELECT s.cover FROM album_cover_source s WHERE s.album_id = albums.id)
    WHERE id IN (old.album_id, new.album_id);
END;
