package io.teammusic.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.function.Supplier;

/** Secret key files in the data dir: created once, readable by the owner only, never overwritten. */
final class KeyFiles {

    private KeyFiles() {
    }

    /**
     * The file's content, creating it from {@code fresh} first when it does not exist. Two processes starting
     * together on one data dir both end up with the content of whichever created the file first.
     */
    static String readOrCreate(Path file, Supplier<String> fresh) throws IOException {
        if (!Files.exists(file)) {
            Files.createDirectories(file.getParent());
            Path tmp = Files.createTempFile(file.getParent(), ".key-", ".tmp");
            try {
                try {
                    Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException e) {
                    // Not a POSIX filesystem: the folder's own permissions have to do.
                }
                Files.writeString(tmp, fresh.get(), StandardCharsets.UTF_8);
                // A hard link fails when the name exists, unlike a rename, so a key written by another
                // process is never replaced.
                Files.createLink(file, tmp);
            } catch (FileAlreadyExistsException e) {
                // Lost the race: read the winner's key below.
            } finally {
                Files.deleteIfExists(tmp);
            }
        }
        return Files.readString(file, StandardCharsets.UTF_8);
    }
}
