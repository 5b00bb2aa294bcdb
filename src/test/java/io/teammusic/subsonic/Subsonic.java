package io.teammusic.subsonic;

import com.fasterxml.jackson.databind.JsonNode;
import io.teammusic.testing.Api;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;

/**
 * A test-side Subsonic caller: token auth with a fresh salt per call, JSON unless asked otherwise. Public for the
 * browser tests, which check that both APIs and the web app show the same things.
 */
public final class Subsonic {

    final Api api;
    final String username;
    final String secret;

    Subsonic(Api api, String username, String secret) {
        this.api = api;
        this.username = username;
        this.secret = secret;
    }

    /** Creates an app password for the user behind {@code native} and returns a caller that uses it. */
    public static Subsonic forUser(Api nativeApi, String username) {
        Api.Response r = nativeApi.post("/api/app-passwords", Map.of("name", "test device"));
        if (r.status() != 201) {
            throw new AssertionError("creating an app password failed: " + r.status() + " " + r.body());
        }
        return new Subsonic(new Api(nativeApi.base()), username, r.json().get("secret").asText());
    }

    String auth() {
        String salt = UUID.randomUUID().toString().substring(0, 12);
        return "u=" + enc(username) + "&t=" + md5(secret + salt) + "&s=" + salt + "&v=1.16.1&c=test";
    }

    String url(String method, String query) {
        return "/rest/" + method + "?" + auth() + (query == null || query.isEmpty() ? "" : "&" + query);
    }

    Api.Response get(String method, String query) {
        return api.get(url(method, query));
    }

    /** The {@code subsonic-response} object of a JSON call, checked to be {@code ok}. */
    public JsonNode ok(String method, String query) {
        JsonNode r = json(method, query);
        if (!"ok".equals(r.path("status").asText())) {
            throw new AssertionError(method + " failed: " + r);
        }
        return r;
    }

    public JsonNode json(String method, String query) {
        Api.Response r = get(method, "f=json" + (query == null || query.isEmpty() ? "" : "&" + query));
        if (r.status() != 200) {
            throw new AssertionError(method + " answered HTTP " + r.status() + ": " + r.body());
        }
        return r.json().get("subsonic-response");
    }

    Api.Response postForm(String method, String form) {
        return api.send(api.request("/rest/" + method + ".view")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(auth() + "&" + form)).build());
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static String md5(String s) {
        try {
            byte[] digest = MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
