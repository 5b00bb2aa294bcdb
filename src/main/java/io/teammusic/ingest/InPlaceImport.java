package io.teammusic.ingest;

import io.teammusic.storage.LocalFiles;
import io.teammusic.storage.LocalFiles.Entry;
import io.teammusic.storage.LocalFiles.Fingerprint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * {@code import --in-place DIR}, one file at a time: a file whose size, modification time and inode are what was
 * recorded is skipped without being read; a new or changed file is read where it lies (never copied, written or
 * deleted) and becomes a track that streams from it. After the walk, files recorded under DIR that are gone have
 * their tracks dropped from the catalog ({@link #dropVanished}).
 */
@Component
class InPlaceImport {

    private static final int PAGE = 500;

    private final IngestService ingest;
    private final LocalFiles files;
    private final JdbcClient jdbc;

    InPlaceImport(IngestService ingest, LocalFiles files, JdbcClient jdbc) {
        this.ingest = ingest;
        this.files = files;
        this.jdbc = jdbc;
    }

    /** Before a run: forget files recorded by a run that stopped before their track was committed. */
    int prepare() {
        return files.sweepUnclaimed();
    }

    void importOne(Path file, Fingerprint seen, ImportCommand.Tally tally) {
        Optional<Entry> known = files.find(file);
        if (known.isPresent() && known.get().fingerprint().equals(seen)) {
            tally.unchanged.incrementAndGet();
            return;
        }
        if (known.isPresent()) {
            tally.changed.incrementAndGet();
            release(known.get(), tally);
        }
        read(file, seen, tally);
    }

    private void read(Path file, Fingerprint seen, ImportCommand.Tally tally) {
        String key = LocalFiles.newKey();
        BlobPlacement placement = new BlobPlacement() {
            @Override
            public String place(String contentHash, Path same, String mimeType) {
                return key;
            }

            @Override
            public void alongsideRow(String contentHash, String storageKey) {
                // In the transaction of the track's row, so that no track ever names an unknown key.
                files.record(file, seen, "track", contentHash, storageKey, null);
            }

            @Override
            public void undo(String storageKey) {
                files.forgetKey(storageKey);
            }
        };
        IngestResult r;
        try {
            r = ingest.ingestInPlace(file, placement);
        } catch (IOException | UncheckedIOException e) {
            tally.reject(file, "cannot read the file (" + e.getClass().getSimpleName() + ")");
            return;
        } catch (InternalError e) {
            // A mapping of the file faulted: it was truncated while the integrity check or a reader had it mapped.
            tally.reject(file, "changed while being read (run the import again)");
            return;
        } catch (RuntimeException e) {
            tally.reject(file, "failed to store (" + e.getClass().getSimpleName() + ")");
            return;
        }
        Fingerprint after;
        try {
            after = Fingerprint.of(file);
        } catch (IOException e) {
            after = null;
        }
        if (!seen.equals(after)) {
            // What was hashed may not be what is there now: take the track back, the next run reads it again.
            if (r.outcome() == IngestResult.Outcome.CREATED) {
                ingest.delete(r.track().id());
            }
            files.forget(file.toString());
            tally.reject(file, "changed while being read (run the import again)");
            return;
        }
        switch (r.outcome()) {
            case CREATED -> {
                tally.imported.incrementAndGet();
                tally.bytes.addAndGet(r.track().sizeBytes());
            }
            case DUPLICATE -> {
                files.record(file, seen, "duplicate", r.track().contentHash(), null, null);
                tally.duplicates.incrementAndGet();
            }
            case REJECTED -> {
                String reason = ImportCommand.reason(r);
                files.record(file, seen, "rejected", null, null, reason);
                tally.reject(file, reason);
            }
        }
    }

    /**
     * The file behind {@code old} changed or vanished: its track goes (the file stays, it is its owner's), and
     * files recorded as holding the same bytes are read again, the first of them becoming the track.
     */
    private void release(Entry old, ImportCommand.Tally tally) {
        if (!"track".equals(old.state()) || old.storageKey() == null) {
            return;
        }
        trackOf(old.storageKey()).ifPresent(ingest::delete);
        files.forget(old.path());
        for (String dup : files.duplicatesOf(old.contentHash())) {
            Path p = Path.of(dup);
            files.forget(dup);
            try {
                read(p, Fingerprint.of(p), tally);
            } catch (NoSuchFileException e) {
                // Gone as well: nothing to take in.
            } catch (IOException e) {
                tally.reject(p, "cannot read the file (" + e.getClass().getSimpleName() + ")");
            }
        }
    }

    /** After the walk: every file recorded under {@code root} that no longer exists is dropped from the catalog. */
    void dropVanished(Path root, ImportCommand.Tally tally) {
        String after = null;
        while (true) {
            List<Entry> page = files.under(root, after, PAGE);
            if (page.isEmpty()) {
                return;
            }
            for (Entry e : page) {
                after = e.path();
                if (Files.exists(Path.of(e.path()))) {
                    continue;
                }
                tally.vanish(e.path());
                release(e, tally);
                files.forget(e.path());
            }
        }
    }

    private Optional<String> trackOf(String storageKey) {
        return jdbc.sql("SELECT id FROM tracks WHERE storage_key = ?").param(storageKey).query(String.class)
                .optional();
    }
}
