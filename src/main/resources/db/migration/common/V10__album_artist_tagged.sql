-- Whether the track's own tags (or an edit) name its album artist. Albums still group by an album artist that
-- falls back to the first track artist (or Various Artists for a compilation); this flag keeps the fallback
-- from being shown as if it were the tag. Rows from before are taken as tagged: that is how they were shown.
ALTER TABLE tracks ADD COLUMN album_artist_tagged INTEGER NOT NULL DEFAULT 1;
