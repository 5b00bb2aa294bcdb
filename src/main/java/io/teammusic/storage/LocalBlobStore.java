package io.teammusic.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.regex.Pattern;

/** Blobs as files under a root folder, fanned out by the first characters of the key. */
final class LocalBlobStore implements BlobStore {

    private static final Pattern SAFE_KEY = Pattern.compile("[A-Za-z0-9._-]{4,200}");

    private final Path root;

    LocalBlobStore(Path root) throws IOException {
        this.root = Files.createDirectories(root);
    }

    Path pathOf(String key) {
        // Keys are content hashes or ids we made ourselves; refusing anything else keeps a crafted key
        // from walking out of the root.
        if (!SAFE_KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("unsafe storage key");
        }
        return root.resolve(key.substring(0, 2)).resolve(key.substring(2, 4)).resolve(key);
    }

    @Override
    public Optional<Long> size(String key) throws IOException {
        Path p = pathOf(key);
        try {
            return Optional.of(Files.size(p));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    @Override
    public void put(String key, Path source, String contentType) throws IOException {
        Path target = pathOf(key);
        if (Files.exists(target)) {
            return;
        }
        Files.createDirectories(target.getParent());
        Path tmp = Files.createTempFile(target.getParent(), ".put-", ".tmp");
        try {
            Files.copy(source, tmp, StandardCopyOption.REPLACE_EXISTING);
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target);
            } catch (FileAlreadyExistsException e) {
                // A concurrent put of the same content won the race; its bytes are ours.
            }
            syncDirectory(target.getParent());
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    @Override
    public void adopt(String key, Path source, String contentType) throws IOException {
        Path target = pathOf(key);
        if (Files.exists(target)) {
            Files.deleteIfExists(source);
            return;
        }
        Files.createDirectories(target.getParent());
        try (FileChannel ch = FileChannel.open(source, StandardOpenOption.WRITE)) {
            ch.force(true);
        }
        try {
            // Same content under the same key, so replacing a blob that a concurrent adopt just placed is harmless.
            Files.move(source, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            put(key, source, contentType);
            Files.deleteIfExists(source);
            return;
        }
        syncDirectory(target.getParent());
    }

    private static void syncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            // Some filesystems refuse to open a directory; the rename is still ordered after the data sync.
        }
    }

    @Override
    public InputStream open(String key, long offset, long length) throws IOException {
        FileChannel ch = FileChannel.open(pathOf(key), StandardOpenOption.READ);
        ch.position(offset);
        InputStream in = Channels.newInputStream(ch);
        return new BoundedInputStream(in, length);
    }

    @Override
    public void delete(String key) throws IOException {
        Files.deleteIfExists(pathOf(key));
    }

    @Override
    public Optional<Path> localFile(String key) {
        Path p = pathOf(key);
        return Files.isRegularFile(p) ? Optional.of(p) : Optional.empty();
    }
}
