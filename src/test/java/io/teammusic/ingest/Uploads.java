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
        return raw(api, file, filename, false);
    }

    /*
     * A refused upload is answered before its body is read, and the server then closes the connection; a client
     * still writing the body may hit the closed socket before it reads the answer. Clients that care send
     * "Expect: 100-continue" (curl does for big bodies), so the tests of refusals do too.
     */
    static Api.Response rawExpectingContinue(Api api, Path file) {
        return raw(api, file, file.getFileName().toString(), true);
    }

    static Api.Response multipartExpectingContinue(Api api, Path... files) {
        return multipart(api, true, files);
    }

    private static Api.Response raw(Api api, Path file, String filename, boolean expectContinue) {
        try {
            return api.send(api.request("/api/tracks?filename=" + URLEncoder.encode(filename, StandardCharsets.UTF_8))
                    .header("Content-Type", "application/octet-stream").expectContinue(expectContinue)
                    .POST(HttpRequest.BodyPublishers.ofFile(file)).build());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Api.Response raw(Api api, Path file) {
        return raw(api, file, file.getFileName().toString());
    }

    static Api.Response multipart(Api api, Path... files) {
        return multipart(api, false, files);
    }

    private static Api.Response multipart(Api api, boolean expectContinue, Path... files) {
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
                .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY).expectContinue(expectContinue)
                .POST(HttpRequest.BodyPublishers.concat(parts.toArray(HttpRequest.BodyPublisher[]::new))).build());
    }
}
