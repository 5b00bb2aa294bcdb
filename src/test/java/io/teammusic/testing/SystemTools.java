package io.teammusic.testing;

import java.io.File;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/**
 * Finds system programs that some tests drive (ffmpeg, nginx, chromium). On a developer machine without them the
 * test is skipped with a message naming the Debian package; in CI ({@code TEAMMUSIC_REQUIRE_SYSTEM_TOOLS=true},
 * set by {@code .ci/run}) a missing program fails the test instead, so CI never skips silently.
 */
public final class SystemTools {

    private SystemTools() {
    }

    public static Optional<String> find(String program) {
        for (String dir : (System.getenv().getOrDefault("PATH", "") + ":/usr/sbin:/usr/bin").split(":")) {
            File f = new File(dir, program);
            if (f.canExecute()) {
                return Optional.of(f.getAbsolutePath());
            }
        }
        return Optional.empty();
    }

    /** The program's path, or skip (fail in CI) with "install the Debian package PKG". */
    public static String require(String program, String debianPackage) {
        Optional<String> found = find(program);
        String message = program + " not found: install the Debian package '" + debianPackage
                + "' (apt-get install -y " + debianPackage + ")";
        if (found.isEmpty() && Boolean.parseBoolean(System.getenv("TEAMMUSIC_REQUIRE_SYSTEM_TOOLS"))) {
            throw new AssertionError(message);
        }
        Assumptions.assumeTrue(found.isPresent(), message);
        return found.get();
    }
}
