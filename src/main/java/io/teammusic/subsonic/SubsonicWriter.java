package io.teammusic.subsonic;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/**
 * Writes the {@code subsonic-response} envelope in the format the client asked for with {@code f}: XML in the
 * Subsonic namespace (the default), JSON, or JSONP. The same bytes serve controllers, the error advice and the
 * authentication filter, so every answer looks alike.
 */
@Component
final class SubsonicWriter {

    static final String API_VERSION = "1.16.1";
    static final String SERVER_TYPE = "teammusic";
    static final String NAMESPACE = "http://subsonic.org/restapi";
    private static final Pattern CALLBACK = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$.]{0,99}");
    private static final String XML_TYPE = "application/xml;charset=UTF-8";
    private static final String JSON_TYPE = "application/json;charset=UTF-8";
    private static final String JSONP_TYPE = "application/javascript;charset=UTF-8";

    private final String serverVersion;

    SubsonicWriter() {
        String v = SubsonicWriter.class.getPackage().getImplementationVersion();
        this.serverVersion = v == null ? "0.1.0" : v;
    }

    record Rendered(String contentType, byte[] body) {
    }

    Rendered render(HttpServletRequest request, Node payload) {
        return render(request, payload, true);
    }

    Rendered renderError(HttpServletRequest request, int code, String message) {
        return render(request, Node.of("error").attr("code", code).attr("message", message), false);
    }

    private Rendered render(HttpServletRequest request, Node payload, boolean ok) {
        Node root = Node.of("subsonic-response").attr("status", ok ? "ok" : "failed").attr("version", API_VERSION)
                .attr("type", SERVER_TYPE).attr("serverVersion", serverVersion).attr("openSubsonic", true);
        if (payload.isFragment()) {
            payload.children().forEach(root.children()::add);
        } else {
            root.child(payload);
        }
        String f = request.getParameter("f");
        if ("json".equals(f)) {
            return new Rendered(JSON_TYPE, json(root));
        }
        if ("jsonp".equals(f)) {
            String callback = request.getParameter("callback");
            if (callback == null || !CALLBACK.matcher(callback).matches()) {
                // Never echo an arbitrary callback into a script; say what is wrong in plain JSON instead.
                Node err = Node.of("subsonic-response").attr("status", "failed").attr("version", API_VERSION)
                        .attr("type", SERVER_TYPE).attr("serverVersion", serverVersion).attr("openSubsonic", true)
                        .child(Node.of("error").attr("code", SubsonicException.MISSING_PARAMETER)
                                .attr("message", "f=jsonp needs a callback made of letters, digits, _ $ or ."));
                return new Rendered(JSON_TYPE, json(err));
            }
            byte[] body = json(root);
            String wrapped = callback + "(" + new String(body, StandardCharsets.UTF_8) + ");";
            return new Rendered(JSONP_TYPE, wrapped.getBytes(StandardCharsets.UTF_8));
        }
        return new Rendered(XML_TYPE, xml(root));
    }

    ResponseEntity<byte[]> entity(Rendered r, HttpStatus status) {
        return ResponseEntity.status(status).header(HttpHeaders.CONTENT_TYPE, r.contentType())
                .header(HttpHeaders.CACHE_CONTROL, "no-store").body(r.body());
    }

    void write(HttpServletResponse response, Rendered r, int status) throws IOException {
        response.setStatus(status);
        response.setContentType(r.contentType());
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        response.setContentLength(r.body().length);
        response.getOutputStream().write(r.body());
    }

    // ---- XML

    private static byte[] xml(Node root) {
        StringBuilder sb = new StringBuilder(512).append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        element(sb, root, true);
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void element(StringBuilder sb, Node n, boolean root) {
        sb.append('<').append(n.name());
        if (root) {
            sb.append(" xmlns=\"").append(NAMESPACE).append('"');
        }
        for (Map.Entry<String, Object> a : n.attributes().entrySet()) {
            sb.append(' ').append(a.getKey()).append("=\"");
            escapeXml(sb, String.valueOf(a.getValue()), true);
            sb.append('"');
        }
        if (n.children().isEmpty() && n.text() == null) {
            sb.append("/>");
            return;
        }
        sb.append('>');
        if (n.text() != null) {
            escapeXml(sb, n.text(), false);
        }
        for (Node.Child c : n.children()) {
            switch (c) {
                case Node.Single s -> element(sb, s.node(), false);
                case Node.Many m -> m.nodes().forEach(item -> element(sb, item, false));
                case Node.Scalars s -> s.values().forEach(v -> {
                    sb.append('<').append(s.name()).append('>');
                    escapeXml(sb, String.valueOf(v), false);
                    sb.append("</").append(s.name()).append('>');
                });
            }
        }
        sb.append("</").append(n.name()).append('>');
    }

    private static void escapeXml(StringBuilder sb, String s, boolean attribute) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append(attribute ? "&quot;" : "\"");
                case '\n', '\r', '\t' -> sb.append(attribute ? "&#" + (int) c + ";" : String.valueOf(c));
                default -> {
                    // Control characters are not allowed in XML 1.0 at all; tags sometimes carry them.
                    if (c >= 0x20 || c == '\n' || c == '\r' || c == '\t') {
                        sb.append(c);
                    }
                }
            }
        }
    }

    // ---- JSON

    private static byte[] json(Node root) {
        StringBuilder sb = new StringBuilder(512).append("{\"subsonic-response\":");
        object(sb, root);
        sb.append('}');
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void object(StringBuilder sb, Node n) {
        sb.append('{');
        boolean first = true;
        for (Map.Entry<String, Object> a : n.attributes().entrySet()) {
            first = comma(sb, first);
            string(sb, a.getKey());
            sb.append(':');
            scalar(sb, a.getValue());
        }
        if (n.text() != null) {
            first = comma(sb, first);
            sb.append("\"value\":");
            string(sb, n.text());
        }
        for (Node.Child c : n.children()) {
            first = comma(sb, first);
            string(sb, c.name());
            sb.append(':');
            switch (c) {
                case Node.Single s -> object(sb, s.node());
                case Node.Many m -> {
                    sb.append('[');
                    for (int i = 0; i < m.nodes().size(); i++) {
                        if (i > 0) {
                            sb.append(',');
                        }
                        object(sb, m.nodes().get(i));
                    }
                    sb.append(']');
                }
                case Node.Scalars s -> {
                    sb.append('[');
                    for (int i = 0; i < s.values().size(); i++) {
                        if (i > 0) {
                            sb.append(',');
                        }
                        scalar(sb, s.values().get(i));
                    }
                    sb.append(']');
                }
            }
        }
        sb.append('}');
    }

    private static boolean comma(StringBuilder sb, boolean first) {
        if (!first) {
            sb.append(',');
        }
        return false;
    }

    private static void scalar(StringBuilder sb, Object v) {
        if (v instanceof Number || v instanceof Boolean) {
            sb.append(v);
        } else {
            string(sb, String.valueOf(v));
        }
    }

    private static void string(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    // U+2028/2029 break JavaScript string literals, which matters for JSONP.
                    if (c < 0x20 || c == '\u2028' || c == '\u2029') {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }
}
