package io.teammusic.storage;

import java.io.IOException;

/** An in-place file is no longer the file that was imported: its size, modification time or inode differ. */
public final class ChangedFileException extends IOException {

    public ChangedFileException(String message) {
        super(message);
    }
}
