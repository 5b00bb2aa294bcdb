"""Stores a file as a track straight into a Teammusic data dir (blob + row), for when no upload API is there.

Usage: python3 seed_track.py DATA_DIR FILE MIME  -> prints the track id. The server must have started once
(so Flyway made the schema); SQLite in WAL mode lets this write while it runs.
"""
import hashlib, os, secrets, shutil, sqlite3, string, sys, time

data_dir, path, mime = sys.argv[1], sys.argv[2], sys.argv[3]
h = hashlib.sha256()
with open(path, "rb") as f:
    for chunk in iter(lambda: f.read(1 << 20), b""):
        h.update(chunk)
digest = h.hexdigest()
blob = os.path.join(data_dir, "blobs", digest[0:2], digest[2:4], digest)
os.makedirs(os.path.dirname(blob), exist_ok=True)
if not os.path.exists(blob):
    shutil.copyfile(path, blob)
db = sqlite3.connect(os.path.join(data_dir, "teammusic.db"), timeout=10)
row = db.execute("SELECT id FROM tracks WHERE content_hash = ?", (digest,)).fetchone()
if row:
    print(row[0])
    sys.exit(0)
alphabet = string.digits + string.ascii_uppercase + string.ascii_lowercase
track_id = "".join(secrets.choice(alphabet) for _ in range(22))
now = int(time.time() * 1000)
name = os.path.basename(path)
db.execute("INSERT INTO tracks (id, content_hash, storage_key, size_bytes, mime_type, container, codec,"
           " original_filename, title, title_norm, created_at, updated_at)"
           " VALUES (?, ?, ?, ?, ?, 'mp3', 'mp3', ?, ?, ?, ?, ?)",
           (track_id, digest, digest, os.path.getsize(path), mime, name, name, name.lower(), now, now))
db.commit()
print(track_id)
