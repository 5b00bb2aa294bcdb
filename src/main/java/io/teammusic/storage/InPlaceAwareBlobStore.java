package io.teammusic.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * The local store with files imported in place beside it: keys made by {@link LocalFiles} read the user's file
 * (after checking it is still the imported one), every other key is a blob under the data dir. Nothing here ever
 * writes, moves or deletes a file imported in place; deleting its key only forgets it.
 */
final class InPlaceAwareBlobStore implements BlobStore {

    private final LocalBlobStore blobs;
    private final LocalFiles files;

    InPlaceAwareBlobStore(LocalBlobStore blobs, LocalFiles files) {
        this.blobs = blobs;
        this.files = files;
    }

    @Override
    public Optional<Long> size(String key) throws IOException {
        if (!LocalFiles.isFileKey(key)) {
            return blobs.size(key);
        }
        try {
            return Optional.of(java.nio.file.Files.size(files.verified(key)));
        } catch (java.nio.file.NoSuchFileException | ChangedFileException e) {
            return Optional.empty();
        }
    }

    @Override
    public void put(String key, Path source, String contentType) throws IOException {
        refuseFileKey(key);
        blobs.put(key, source, contentType);
    }

    @Override
    public void adopt(String key, Path source, String contentType) throws IOException {
        refuseFileKey(key);
        blobs.adopt(key, source, contentType);
    }

    private static void refuseFileKey(String key) {
        if (LocalFiles.isFileKey(key)) {
            throw new IllegalArgumentException("in-place keys name the user's files, which are never written");
        }
    }

    @Override
    public InputStream open(String key, long offset, long length) throws IOException {
        if (!LocalFiles.isFileKey(key)) {
            return blobs.open(key, offset, length);
        }
        FileChannel ch = FileChannel.open(files.verified(key), StandardOpenOption.READ);
        ch.position(offset);
        return new BoundedInputStream(Channels.newInputStream(ch), length);
    }

    @Override
    public void delete(String key) throws IOException {
        if (LocalFiles.isFileKey(key)) {
            files.markRemoved(key);
            return;
        }
        blobs.delete(key);
    }

    @Override
    public void verify(String key) throws IOException {
        if (LocalFiles.isFileKey(key)) {
            files.verified(key);
        }
    }

    @Override
    public Optional<Path> localFile(String key) {
        if (!LocalFiles.isFileKey(key)) {
            return blobs.localFile(key);
        }
        try {
            return Optional.of(files.verified(key));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
