package io.teammusic.testing;

import io.teammusic.TeammusicApplication;
import java.nio.file.Files;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** Starts the application without a web server on a fresh data dir, for tests of settings that stop start-up. */
public final class StartUp {

    private StartUp() {
    }

    public static void start(String... properties) throws Exception {
        String dir = Files.createTempDirectory("teammusic-settings-").toString();
        try (var ctx = new SpringApplicationBuilder(TeammusicApplication.class)
                .web(WebApplicationType.NONE)
                .properties(properties)
                // An argument, not a default property: application.yml's own data-dir would win over a default,
                // and every start would share ./data (a stale database there failed the migrations' validation).
                .run("--teammusic.data-dir=" + dir)) {
            ctx.getId();
        }
    }

    /** The messages of a failure and all its causes, one per line: start-up failures wrap the useful one deep. */
    public static String fullMessage(Throwable t) {
        StringBuilder sb = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause()) {
            sb.append(c.getMessage()).append('\n');
        }
        return sb.toString();
    }
}
