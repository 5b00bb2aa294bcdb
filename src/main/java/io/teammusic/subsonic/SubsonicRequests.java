package io.teammusic.subsonic;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.util.regex.Pattern;

/** Request helpers shared by the filter and the handlers. */
final class SubsonicRequests {

    private static final Pattern SECRET_PARAMS = Pattern.compile("(?i)(^|&)(p|t|s|apiKey)=[^&]*");

    private SubsonicRequests() {
    }

    /** Method and path with the credentials in the query string masked, fit for a log line. */
    static String describe(HttpServletRequest request) {
        String q = request.getQueryString();
        return request.getMethod() + " " + request.getRequestURI() + (q == null ? "" : "?" + maskQuery(q));
    }

    static String maskQuery(String query) {
        return SECRET_PARAMS.matcher(query).replaceAll("$1$2=***");
    }

    /** The Subsonic method a path names, without the optional {@code .view}. */
    static String method(HttpServletRequest request) {
        String uri = request.getRequestURI();
        return uri.substring(uri.lastIndexOf('/') + 1);
    }

    /**
     * Clients call {@code /rest/x} or {@code /rest/x.view}; handlers are mapped once, without the suffix, and this
     * wrapper presents the suffixed path to them as the bare one.
     */
    static HttpServletRequest withoutViewSuffix(HttpServletRequest request) {
        String uri = request.getRequestURI();
        if (!uri.endsWith(".view")) {
            return request;
        }
        String bare = uri.substring(0, uri.length() - ".view".length());
        String servletPath = request.getServletPath();
        String bareServletPath = servletPath != null && servletPath.endsWith(".view")
                ? servletPath.substring(0, servletPath.length() - ".view".length()) : servletPath;
        return new HttpServletRequestWrapper(request) {
            @Override
            public String getRequestURI() {
                return bare;
            }

            @Override
            public StringBuffer getRequestURL() {
                StringBuffer url = super.getRequestURL();
                return new StringBuffer(url.substring(0, url.length() - ".view".length()));
            }

            @Override
            public String getServletPath() {
                return bareServletPath;
            }
        };
    }
}
