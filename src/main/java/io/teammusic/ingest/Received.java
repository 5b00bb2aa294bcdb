package io.teammusic.ingest;

import java.nio.file.Path;

/**
 * An incoming file, complete in a temp file, with its SHA-256.
 *
 * @param filename the name the client gave (never used as a path)
 */
record Received(Path file, String sha256, long size, String filename) {
}
