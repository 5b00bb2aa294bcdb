package io.teammusic.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.teammusic.testing.Api;
import io.teammusic.testing.ServerTest;
import java.net.http.HttpRequest;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Requests the container cannot even parse are the client's mistake: a 400 problem, never a 500. */
class MalformedRequestTests extends ServerTest {

    @Test
    void aQueryStringThatIsNotValidPercentEncodedUtf8IsABadRequestProblem() {
        Api admin = admin();
        for (String path : List.of("/api/tracks?cursor=%00%ff", "/api/tracks?size=%ff%fe", "/api/search?q=%ff",
                "/api/albums?sort=%E2%82", "/api/lists/random?size=%C3%28")) {
            Api.Response r = admin.get(path);
            assertThat(r.status()).as(path + ": " + r.body()).isEqualTo(400);
            assertThat(r.header("Content-Type")).startsWith("application/problem+json");
            assertThat(r.json().get("detail").asText()).startsWith("The request is malformed");
        }
        assertThat(admin.get("/api/search?q=%E5%A4%9C").status()).isEqualTo(200);
    }

    @Test
    void aFormBodyThatCannotBeDecodedOnPutPatchOrDeleteIsNotAServerError() {
        Api admin = admin();
        String me = admin.get("/api/me").json().get("id").asText();
        for (String method : List.of("PUT", "PATCH", "DELETE")) {
            for (String path : List.of("/api/users/" + me, "/api/playlists/nope", "/rest/ping")) {
                Api.Response r = admin.send(admin.request(path)
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .method(method, HttpRequest.BodyPublishers.ofString("%zz=%ff")).build());
                assertThat(r.status()).as(method + " " + path + ": " + r.body()).isBetween(200, 499);
            }
        }
        Api.Response patched = admin.send(admin.request("/api/users/" + me)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .method("PATCH", HttpRequest.BodyPublishers.ofString("%zz")).build());
        assertThat(patched.status()).isEqualTo(415);
    }

    @Test
    void pathsAndHeadersThatJettyRefusesItselfGetProblemJsonNotAnHtmlPage() throws Exception {
        for (String path : List.of("/api/users/%2e%2e", "/api/tracks/%ff", "/api/tracks/a%2fb")) {
            String answer = raw("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
            assertThat(answer).as(path).startsWith("HTTP/1.1 400");
            assertProblem(answer, 400);
        }
        String huge = "X-Filler: " + "a".repeat(70 * 1024) + "\r\n";
        String tooBig = raw("GET /api/me HTTP/1.1\r\nHost: localhost\r\n" + huge + "Connection: close\r\n\r\n");
        assertThat(tooBig).startsWith("HTTP/1.1 431");
        assertProblem(tooBig, 431);
    }

    @Test
    void aJsonBodyWithAValueOfTheWrongTypeNamesTheFieldInThe400() {
        Api admin = admin();
        String me = admin.get("/api/me").json().get("id").asText();
        record Case(String method, String path, String body, String field) {
        }
        for (Case c : List.of(new Case("PATCH", "/api/users/" + me, "{\"role\": 5}", "role"),
                new Case("PATCH", "/api/users/" + me, "{\"role\": \"KING\"}", "role"),
                new Case("POST", "/api/playlists", "{\"name\": []}", "name"),
                new Case("POST", "/api/playlists", "{\"name\": \"x\", \"trackIds\": [\"a\", {}]}", "trackIds[1]"),
                new Case("POST", "/api/app-passwords", "{\"name\": {\"a\": 1}}", "name"))) {
            Api.Response r = admin.send(admin.request(c.path()).header("Content-Type", "application/json")
                    .method(c.method(), HttpRequest.BodyPublishers.ofString(c.body())).build());
            assertThat(r.status()).as(c + ": " + r.body()).isEqualTo(400);
            assertThat(r.header("Content-Type")).startsWith("application/problem+json");
            assertThat(r.json().get("field").asText()).as(c.body()).isEqualTo(c.field());
            assertThat(r.json().get("detail").asText()).as(c.body()).contains("'" + c.field() + "'")
                    .doesNotContain("Exception").doesNotContain("KING");
        }
        Api.Response notJson = admin.send(admin.request("/api/playlists").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\": ")).build());
        assertThat(notJson.status()).isEqualTo(400);
        assertThat(notJson.json().has("field")).isFalse();
        assertThat(notJson.json().get("detail").asText()).contains("not valid JSON");
    }

    private static void assertProblem(String answer, int status) throws Exception {
        int split = answer.indexOf("\r\n\r\n");
        String head = answer.substring(0, split).toLowerCase(java.util.Locale.ROOT);
        assertThat(head).contains("content-type: application/problem+json").doesNotContain("text/html");
        var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(answer.substring(split + 4));
        assertThat(json.get("status").asInt()).isEqualTo(status);
        assertThat(json.get("title").asText()).isNotBlank();
        assertThat(json.get("detail").asText()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    private String raw(String request) throws Exception {
        java.net.URI base = java.net.URI.create(api().base());
        try (var socket = new java.net.Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(request.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            return new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }
}
