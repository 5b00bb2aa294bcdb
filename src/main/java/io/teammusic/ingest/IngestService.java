package io.teammusic.ingest;

import io.teammusic.catalog.CatalogWriter;
import io.teammusic.catalog.NewTrack;
import io.teammusic.catalog.Track;
import io.teammusic.catalog.TrackEdit;
import io.teammusic.catalog.TrackRepository;
import io.teammusic.shared.NotFoundException;
import io.teammusic.storage.BlobStore;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * The ingest pipeline, the same for an HTTP upload and a bulk import: receive into a temp file while hashing,
 * return the existing track for known bytes, recognise the format, read the tags, make the blobs durable, then
 * commit the row. A failure at any step leaves no row, no orphan blob and no temp file.
 */
@Service
public class IngestService {

    private static final Logger log = LoggerFactory.getLogger(IngestService.class);
    private static final int STRIPES = 64;

    private final TempFiles temp;
    private final MetadataReader metadata;
    private final BlobStore blobs;
    private final CatalogWriter writer;
    private final TrackRepository tracks;
    private final IngestProperties props;
    private final ReentrantLock[] stripes = new ReentrantLock[STRIPES];
    /**
     * Storing blobs and committing rows take this shared; freeing blobs takes it exclusively, so a blob is never
     * removed between another ingest's put of the same bytes and its commit.
     */
    private final ReadWriteLock blobLifecycle = new ReentrantReadWriteLock();

    IngestService(TempFiles temp, MetadataReader metadata, BlobStore blobs, CatalogWriter writer,
            TrackRepository tracks, IngestProperties props) {
        this.temp = temp;
        this.metadata = metadata;
        this.blobs = blobs;
        this.writer = writer;
        this.tracks = tracks;
        this.props = props;
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new ReentrantLock();
        }
    }

    /** The usual placement: the temp file becomes the blob under its content hash. */
    private final BlobPlacement contentAddressed = new BlobPlacement() {
        @Override
        public String place(String contentHash, Path file, String mimeType) throws IOException {
            blobs.adopt(contentHash, file, mimeType);
            return contentHash;
        }

        @Override
        public void undo(String storageKey) throws IOException {
            blobs.delete(storageKey);
        }
    };

    long maxFileSize() {
        return props.maxFileSize().toBytes();
    }

    /**
     * Takes in one file from a stream (an upload body or part).
     *
     * @throws IOException when the stream itself fails (the client went away); nothing is left behind
     */
    public IngestResult ingest(InputStream in, String filename) throws IOException {
        return ingest(in, filename, contentAddressed);
    }

    /**
     * Like {@link #ingest(InputStream, String)}, but the bytes of a new track are placed by {@code placement}:
     * for bytes that are in the bucket already (a direct upload, an object found by a reconcile), which the
     * stream reads back for hashing and tag reading.
     */
    public IngestResult ingest(InputStream in, String filename, BlobPlacement placement) throws IOException {
        filename = Filenames.sanitize(filename);
        Received r;
        try {
            r = temp.receive(in, filename, maxFileSize());
        } catch (IngestRejection e) {
            return IngestResult.rejected(filename, e);
        }
        return process(r, placement);
    }

    /** Takes in one file from disk, copying it: the original is left as it is. */
    public IngestResult ingest(Path source) throws IOException {
        String name = source.getFileName().toString();
        if (Files.size(source) > maxFileSize()) {
            return IngestResult.rejected(name, IngestRejection.tooLarge(maxFileSize()));
        }
        String filename = Filenames.sanitize(name);
        Received r;
        try {
            r = temp.receiveFile(source, filename, maxFileSize());
        } catch (IngestRejection e) {
            return IngestResult.rejected(filename, e);
        }
        return process(r, contentAddressed);
    }

    /**
     * Takes in one file where it lies, without copying it: the file is hashed and read (format, integrity, tags,
     * cover) in place and never written. {@code placement} records where the track will read it; a temp file is
     * never made, and the file is never deleted, whatever happens.
     */
    public IngestResult ingestInPlace(Path source, BlobPlacement placement) throws IOException {
        String filename = Filenames.sanitize(source.getFileName().toString());
        long size = Files.size(source);
        if (size > maxFileSize()) {
            return IngestResult.rejected(filename, IngestRejection.tooLarge(maxFileSize()));
        }
        Received r = new Received(source, TempFiles.hashFile(source), size, filename);
        return process(r, placement, false);
    }

    private IngestResult process(Received r, BlobPlacement placement) throws IOException {
        return process(r, placement, true);
    }

    /** @param ownsFile whether {@code r.file()} is a temp file of ours, to remove at the end */
    private IngestResult process(Received r, BlobPlacement placement, boolean ownsFile) throws IOException {
        try {
            if (r.size() == 0) {
                throw IngestRejection.empty();
            }
            Optional<Track> known = tracks.findByContentHash(r.sha256());
            if (known.isPresent()) {
                return IngestResult.duplicate(r.filename(), known.get());
            }
            AudioFormat format = FormatSniffer.sniff(r.file()).orElseThrow(IngestRejection::notAudio);
            String broken = IntegrityCheck.problem(r.file(), format);
            if (broken != null) {
                throw IngestRejection.undecodable(format, broken);
            }
            AudioTags tags = metadata.read(r.file(), format);
            return store(r, format, tags, placement);
        } catch (IngestRejection e) {
            return IngestResult.rejected(r.filename(), e);
        } finally {
            if (ownsFile) {
                Files.deleteIfExists(r.file());
            }
        }
    }

    private IngestResult store(Received r, AudioFormat format, AudioTags tags, BlobPlacement placement)
            throws IOException {
        ReentrantLock stripe = stripes[Math.floorMod(r.sha256().hashCode(), STRIPES)];
        blobLifecycle.readLock().lock();
        stripe.lock();
        try {
            Optional<Track> known = tracks.findByContentHash(r.sha256());
            if (known.isPresent()) {
                return IngestResult.duplicate(r.filename(), known.get());
            }
            NewTrack.Cover cover = storeCover(tags);
            String storageKey = placement.place(r.sha256(), r.file(), format.mimeType());
            Optional<String> id;
            try {
                id = writer.insert(toNewTrack(r, storageKey, format, tags, cover),
                        () -> placement.alongsideRow(r.sha256(), storageKey));
            } catch (RuntimeException e) {
                // Nothing names the blobs we just stored: take them back before reporting the failure.
                placement.undo(storageKey);
                if (cover != null && writer.coverUnused(cover.hash())) {
                    blobs.delete(cover.hash());
                }
                throw e;
            }
            if (id.isEmpty()) {
                // Lost a race against another process holding the same bytes; its row and blob are ours too.
                Track existing = tracks.findByContentHash(r.sha256()).orElseThrow();
                return IngestResult.duplicate(r.filename(), existing);
            }
            return IngestResult.created(r.filename(), tracks.findById(id.get()).orElseThrow());
        } finally {
            stripe.unlock();
            blobLifecycle.readLock().unlock();
        }
    }

    private NewTrack.Cover storeCover(AudioTags tags) throws IOException {
        if (tags.cover == null || tags.cover.length == 0) {
            return null;
        }
        String hash = HexFormat.of().formatHex(TempFiles.sha256().digest(tags.cover));
        String mime = tags.coverMime != null && tags.coverMime.startsWith("image/") ? tags.coverMime
                : sniffImage(tags.cover);
        if (mime == null) {
            return null;
        }
        Path file = Files.createTempFile(temp.dir(), "cover-", ".part");
        try {
            Files.write(file, tags.cover);
            blobs.adopt(hash, file, mime);
        } finally {
            Files.deleteIfExists(file);
        }
        int[] size = dimensions(tags.cover);
        return new NewTrack.Cover(hash, mime, tags.cover.length, size == null ? null : size[0],
                size == null ? null : size[1]);
    }

    private static String sniffImage(byte[] b) {
        if (b.length > 3 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xD8) {
            return "image/jpeg";
        }
        if (b.length > 8 && b[0] == (byte) 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G') {
            return "image/png";
        }
        if (b.length > 6 && b[0] == 'G' && b[1] == 'I' && b[2] == 'F') {
            return "image/gif";
        }
        return null;
    }

    /** Width and height read from the image header only, or null when the format is one ImageIO lacks. */
    private static int[] dimensions(byte[] image) {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(image))) {
            var readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                return null;
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                return new int[] {reader.getWidth(0), reader.getHeight(0)};
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static NewTrack toNewTrack(Received r, String storageKey, AudioFormat format, AudioTags t,
            NewTrack.Cover cover) {
        String title = t.title != null ? t.title : titleFromFilename(r.filename());
        List<String> artists = t.artists == null ? List.of() : t.artists;
        String display = t.artistDisplay != null ? t.artistDisplay
                : artists.isEmpty() ? null : String.join(", ", artists);
        boolean compilation = Boolean.TRUE.equals(t.compilation);
        Track.MusicBrainz mb = new Track.MusicBrainz(t.mbTrackId, t.mbRecordingId, t.mbReleaseId, t.mbArtistId,
                t.mbAlbumArtistId);
        Track.ReplayGain rg = new Track.ReplayGain(t.rgTrackGain, t.rgTrackPeak, t.rgAlbumGain, t.rgAlbumPeak);
        return new NewTrack(r.sha256(), storageKey, r.size(), format.mimeType(), format.container(), t.codec,
                r.filename() == null ? title : r.filename(), title, display, artists, t.album, t.albumArtist,
                compilation, t.trackNumber, t.trackTotal, t.discNumber, t.discTotal, t.year,
                t.genres == null ? List.of() : t.genres, t.composer, mb, rg, t.durationMs, t.bitrateKbps,
                t.sampleRate, t.channels, t.bitsPerSample, cover);
    }

    /** "01 - Song.final.mp3" → "01 - Song.final"; no name at all → "Untitled". */
    static String titleFromFilename(String filename) {
        if (filename == null || filename.isBlank()) {
            return "Untitled";
        }
        String base = filename.replace('\\', '/');
        base = base.substring(base.lastIndexOf('/') + 1);
        int dot = base.lastIndexOf('.');
        String t = (dot > 0 ? base.substring(0, dot) : base).strip();
        return t.isEmpty() ? "Untitled" : t;
    }

    /** Applies corrected tags and returns the track as now stored. */
    public Track update(String id, TrackEdit edit) {
        Track current = tracks.findById(id).orElseThrow(() -> new NotFoundException("track", id));
        // The edit may set a number or a total alone; together with what is stored it must still be in order.
        if (touches(edit, "trackNumber", "trackTotal")) {
            TrackAdminController.ordered("trackNumber", pick(edit.trackNumber(), edit, "trackNumber",
                    current.trackNumber()), "trackTotal", pick(edit.trackTotal(), edit, "trackTotal",
                    current.trackTotal()), edit.trackNumber() == null);
        }
        if (touches(edit, "discNumber", "discTotal")) {
            TrackAdminController.ordered("discNumber", pick(edit.discNumber(), edit, "discNumber",
                    current.discNumber()), "discTotal", pick(edit.discTotal(), edit, "discTotal", current.discTotal()),
                    edit.discNumber() == null);
        }
        writer.update(id, edit);
        return tracks.findById(id).orElseThrow(() -> new NotFoundException("track", id));
    }

    private static boolean touches(TrackEdit edit, String numberField, String totalField) {
        Integer n = numberField.equals("trackNumber") ? edit.trackNumber() : edit.discNumber();
        Integer t = totalField.equals("trackTotal") ? edit.trackTotal() : edit.discTotal();
        return n != null || t != null;
    }

    private static Integer pick(Integer edited, TrackEdit edit, String field, Integer stored) {
        return edited != null ? edited : edit.cleared().contains(field) ? null : stored;
    }

    /** Deletes the track, then its audio blob and any cover no longer named. */
    public void delete(String id) {
        delete(id, java.util.Set.of());
    }

    /**
     * Deletes the track and the blobs it alone named, but those in {@code keep}: a track recorded in place in the
     * bucket loses its row, while the object it read from stays the bucket owner's.
     */
    public void delete(String id, java.util.Set<String> keep) {
        blobLifecycle.writeLock().lock();
        try {
            CatalogWriter.Freed freed = writer.delete(id);
            for (String key : freed.blobKeys()) {
                if (keep.contains(key)) {
                    continue;
                }
                try {
                    blobs.delete(key);
                } catch (IOException e) {
                    log.warn("Track {} is deleted but its blob {} could not be removed; remove it by hand", id,
                            key, e);
                }
            }
        } finally {
            blobLifecycle.writeLock().unlock();
        }
    }
}
