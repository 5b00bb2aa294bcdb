package io.teammusic.ingest;

import io.teammusic.catalog.TrackJson;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.fileupload2.core.FileItemInput;
import org.apache.commons.fileupload2.core.FileItemInputIterator;
import org.apache.commons.fileupload2.core.FileUploadException;
import org.apache.commons.fileupload2.jakarta.servlet6.JakartaServletFileUpload;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/tracks}: a raw body with a file name, or multipart with one or more parts named {@code file}.
 * The body is parsed here as a stream (Spring's multipart support is off), so each file goes straight to disk.
 */
@RestController
@RequestMapping("/api/tracks")
class UploadController {

    private static final Logger log = LoggerFactory.getLogger(UploadController.class);

    private final IngestService ingest;

    UploadController(IngestService ingest) {
        this.ingest = ingest;
    }

    /** One result per file, as docs/api.md lists them. */
    record UploadResult(String filename, String status, TrackJson track, ProblemDetail error) {

        static UploadResult of(IngestResult r) {
            return new UploadResult(r.filename(), switch (r.outcome()) {
                case CREATED -> "created";
                case DUPLICATE -> "duplicate";
                case REJECTED -> "rejected";
            }, r.track() == null ? null : TrackJson.of(r.track()), r.error());
        }
    }

    static final int MAX_PART_HEADER_BYTES = 16 * 1024;

    @PostMapping
    @PreAuthorize("hasRole('ADMIN')")
    ResponseEntity<?> upload(HttpServletRequest request) throws IOException {
        if (JakartaServletFileUpload.isMultipartContent(request)) {
            return multipart(request);
        }
        // The file name comes from the query string alone: asking the servlet for a parameter would make it
        // parse (and so swallow) a body sent as application/x-www-form-urlencoded, curl's default.
        return raw(request, queryParameter(request, "filename"));
    }

    static String queryParameter(HttpServletRequest request, String name) {
        String qs = request.getQueryString();
        if (qs == null) {
            return null;
        }
        for (String pair : qs.split("&")) {
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            if (key.equals(name)) {
                try {
                    return java.net.URLDecoder.decode(eq < 0 ? "" : pair.substring(eq + 1),
                            java.nio.charset.StandardCharsets.UTF_8);
                } catch (IllegalArgumentException e) {
                    return null;
                }
            }
        }
        return null;
    }

    private ResponseEntity<?> raw(HttpServletRequest request, String filenameParam) throws IOException {
        String filename = filenameParam != null ? filenameParam : headerFilename(request);
        long declared = request.getContentLengthLong();
        if (declared > ingest.maxFileSize()) {
            // Refused before reading a byte; the server closes the connection rather than drain the body.
            return problem(IngestRejection.tooLarge(ingest.maxFileSize()).problem(), true);
        }
        IngestResult r;
        try (InputStream in = request.getInputStream()) {
            r = ingest.ingest(in, filename);
        } catch (IOException e) {
            return clientGone(e);
        }
        if (r.outcome() == IngestResult.Outcome.REJECTED) {
            return problem(r.error(), r.httpStatus() == HttpStatus.CONTENT_TOO_LARGE);
        }
        return ResponseEntity.status(r.httpStatus()).body(TrackJson.of(r.track()));
    }

    private ResponseEntity<?> multipart(HttpServletRequest request) throws IOException {
        List<UploadResult> results = new ArrayList<>();
        boolean stoppedEarly = false;
        try {
            JakartaServletFileUpload<?, ?> upload = new JakartaServletFileUpload<>();
            // Part headers carry the file name: 512 bytes (the library's default) is under 150 CJK characters.
            upload.setMaxPartHeaderSize(MAX_PART_HEADER_BYTES);
            upload.setHeaderCharset(java.nio.charset.StandardCharsets.UTF_8);
            FileItemInputIterator items = upload.getItemIterator(request);
            while (items.hasNext()) {
                FileItemInput item = items.next();
                if (item.isFormField() || !"file".equals(item.getFieldName())) {
                    continue;
                }
                String name;
                try {
                    name = item.getName();
                } catch (java.nio.file.InvalidPathException e) {
                    // The library refuses names with a NUL byte; the part is skipped, the others go on.
                    results.add(new UploadResult(null, "rejected", null, ProblemDetail.forStatusAndDetail(
                            HttpStatus.BAD_REQUEST, "The file name contains a NUL character.")));
                    continue;
                }
                IngestResult r;
                // Closing the part's stream skips what is left of it (all of an oversized file past the
                // limit: read and dropped, never stored), so the parts after it are still taken in.
                try (InputStream in = item.getInputStream()) {
                    r = ingest.ingest(in, name);
                }
                results.add(UploadResult.of(r));
            }
        } catch (FileUploadException e) {
            if (results.isEmpty()) {
                ProblemDetail pd = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                        "The multipart body is malformed.");
                return problem(pd, true);
            }
            stoppedEarly = true;
        } catch (IOException e) {
            return clientGone(e);
        }
        if (results.isEmpty()) {
            return problem(ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                    "The multipart body has no part named 'file'."), false);
        }
        HttpStatus status = results.size() == 1 ? statusOf(results.get(0)) : HttpStatus.OK;
        ResponseEntity.BodyBuilder b = ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON);
        if (stoppedEarly) {
            b.header(HttpHeaders.CONNECTION, "close");
        }
        return b.body(Map.of("results", results));
    }

    private static HttpStatus statusOf(UploadResult r) {
        return switch (r.status()) {
            case "created" -> HttpStatus.CREATED;
            case "duplicate" -> HttpStatus.OK;
            default -> HttpStatus.valueOf(r.error().getStatus());
        };
    }

    private static String headerFilename(HttpServletRequest request) {
        String x = request.getHeader("X-Filename");
        if (x != null && !x.isBlank()) {
            return Filenames.fromHeader(x);
        }
        String cd = request.getHeader(HttpHeaders.CONTENT_DISPOSITION);
        if (cd != null) {
            try {
                // filename* is decoded by the parser; a plain filename="..." may carry raw UTF-8 bytes.
                ContentDisposition parsed = ContentDisposition.parse(cd);
                return parsed.getCharset() != null ? parsed.getFilename() : Filenames.rawUtf8(parsed.getFilename());
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        return null;
    }

    private static ResponseEntity<ProblemDetail> problem(ProblemDetail pd, boolean closeConnection) {
        ResponseEntity.BodyBuilder b = ResponseEntity.status(pd.getStatus())
                .contentType(MediaType.APPLICATION_PROBLEM_JSON);
        if (closeConnection) {
            b.header(HttpHeaders.CONNECTION, "close");
        }
        return b.body(pd);
    }

    private static ResponseEntity<ProblemDetail> clientGone(IOException e) {
        // Most often the client closed the connection mid-body; the temp file is already gone.
        log.debug("Upload stream failed: {}", e.toString());
        return problem(ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "The upload stream broke off."),
                true);
    }
}
