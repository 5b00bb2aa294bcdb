package io.teammusic.ingest;

import io.teammusic.testing.Api;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Builds upload requests the way clients send them: a raw body with ?filename=, or multipart parts "file". */
final class Uploads {

    private static final String BOUNDARY = "teammusic-test-boundary-7d3f";

    private Uploads() {
    }

    static Api.Response raw(Api api, Path file, String filename) {
        try {
            return api.send(api.request("/api/tracks?filename=" + URLEncoder.encode(filename, StandardCharsets.UTF_8))
                    .header("Content-Type", "application/octet-stream")
                    .POST(HttpRequest.BodyPublishers.ofFile(file)).build());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Api.Response raw(Api api, Path file) {
        return raw(api, file, file.getFileName().toString());
    }

    static Api.Response multipart(Api api, Path... files) {
        List<HttpRequest.BodyPublisher> parts = new ArrayList<>();
        try {
            for (Path f : files) {
                parts.add(HttpRequest.BodyPublishers.ofString("--" + BOUNDARY + "\r\n"
                        + "Content-Disposition: form-data; name=\"file\"; filename=\"" + f.getFileName() + "\"\r\n"
                        + "Content-Type: application/octet-stream\r\n\r\n"));
                parts.add(HttpRequest.BodyPublishers.ofFile(f));
                parts.add(HttpRequest.BodyPublishers.ofString("\r\n"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        parts.add(HttpRequest.BodyPublishers.ofString("--" + BOUNDARY + "--\r\n"));
        return api.send(api.request("/api/tracks")
                .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
                .POST(HttpRequest.BodyPublishers.concat(parts.toArray(HttpRequest.BodyPublisher[]::new))).build());
    }
}
