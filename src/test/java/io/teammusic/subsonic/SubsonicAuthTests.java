package io.teammusic.subsonic;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.teammusic.testing.Api;
import io.teammusic.testing.ServerTest;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

class SubsonicAuthTests extends ServerTest {

    @Autowired
    JdbcClient jdbc;

    Api admin;
    Subsonic sub;

    @BeforeEach
    void setUp() {
        admin = admin();
        sub = Subsonic.forUser(admin, "admin");
    }

    private JsonNode call(String path) {
        Api.Response r = api().get(path);
        assertThat(r.status()).isEqualTo(200);
        return r.json().get("subsonic-response");
    }

    private static void assertError(JsonNode r, int code) {
        assertThat(r.get("status").asText()).isEqualTo("failed");
        assertThat(r.get("error").get("code").asInt()).as(r.toString()).isEqualTo(code);
        assertThat(r.get("error").get("message").asText()).isNotBlank();
    }

    @Test
    void tokenAuthWithAppPasswordIsAccepted() {
        JsonNode r = sub.ok("ping", "");
        assertThat(r.get("version").asText()).isEqualTo("1.16.1");
        assertThat(r.get("type").asText()).isEqualTo("teammusic");
        assertThat(r.get("openSubsonic").isBoolean()).isTrue();
        assertThat(r.get("serverVersion").isTextual()).isTrue();
    }

    @Test
    void parametersThatAreNotValidPercentEncodedUtf8AreASubsonicErrorNotAnHttp400() {
        for (String path : java.util.List.of("/rest/ping.view?u=%ff&f=json", "/rest/search3?" + sub.auth()
                + "&query=%C3%28", "/rest/getOpenSubsonicExtensions?f=%ff")) {
            Api.Response r = api().get(path);
            assertThat(r.status()).as(path + ": " + r.body()).isEqualTo(200);
            assertThat(r.body()).contains("status=\"failed\"").contains("code=\"0\"");
        }
        Api.Response form = api().send(api().request("/rest/ping.view")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("u=%zz")).build());
        assertThat(form.status()).isEqualTo(200);
        assertThat(form.body()).contains("code=\"0\"");
    }

    @Test
    void browserClientsOnAnotherOriginMayCallTheApiAndPreflightsNeedNoCredentials() {
        Api.Response preflight = api().send(api().request("/rest/search3.view")
                .header("Origin", "https://player.example").header("Access-Control-Request-Method", "GET")
                .method("OPTIONS", java.net.http.HttpRequest.BodyPublishers.noBody()).build());
        assertThat(preflight.status()).isEqualTo(204);
        assertThat(preflight.header("Access-Control-Allow-Origin")).isEqualTo("*");
        assertThat(preflight.header("Access-Control-Allow-Methods")).contains("GET", "POST").doesNotContain("TRACE");
        assertThat(preflight.header("Allow")).doesNotContain("TRACE");

        Api.Response withOrigin = api().send(api().request("/rest/ping.view?" + sub.auth() + "&f=json")
                .header("Origin", "https://player.example").GET().build());
        Api.Response withoutOrigin = api().get("/rest/ping.view?" + sub.auth() + "&f=json");
        assertThat(withOrigin.json().get("subsonic-response").get("status").asText()).isEqualTo("ok");
        assertThat(withOrigin.header("Access-Control-Allow-Origin")).isEqualTo("*");
        assertThat(withoutOrigin.header("Access-Control-Allow-Origin")).as("the same answer without Origin")
                .isEqualTo("*");
        assertThat(withoutOrigin.header("Vary")).as("nothing for a cache to vary on")
                .satisfiesAnyOf(v -> assertThat(v).isNull(), v -> assertThat(v).doesNotContainIgnoringCase("origin"));
    }

    @Test
    void wrongTokenIsError40() {
        assertError(call("/rest/ping.view?u=admin&t=0123456789abcdef0123456789abcdef&s=abcdef&v=1.16.1&c=t&f=json"),
                40);
    }

    @Test
    void loginPasswordIsNotAnAppPassword() {
        String t = Subsonic.md5(ADMIN_PASSWORD + "saltsalt");
        assertError(call("/rest/ping?u=admin&t=" + t + "&s=saltsalt&v=1.16.1&c=t&f=json"), 40);
        assertError(call("/rest/ping?u=admin&p=" + ADMIN_PASSWORD + "&v=1.16.1&c=t&f=json"), 40);
    }

    @Test
    void plainAndHexEncodedPasswordsAreAccepted() {
        String hex = HexFormat.of().formatHex(sub.secret.getBytes(StandardCharsets.UTF_8));
        assertThat(call("/rest/ping?u=admin&p=" + sub.secret + "&v=1.2.0&c=DSub&f=json").get("status").asText())
                .isEqualTo("ok");
        assertThat(call("/rest/ping.view?u=admin&p=enc:" + hex + "&v=1.2.0&c=DSub&f=json").get("status").asText())
                .isEqualTo("ok");
        assertError(call("/rest/ping.view?u=admin&p=enc:zz&v=1.2.0&c=DSub&f=json"), 40);
    }

    @Test
    void apiKeyAloneIsAcceptedAndTokenInfoNamesItsUser() {
        JsonNode r = call("/rest/tokenInfo?apiKey=" + sub.secret + "&v=1.16.1&c=t&f=json");
        assertThat(r.get("status").asText()).isEqualTo("ok");
        assertThat(r.get("tokenInfo").get("username").asText()).isEqualTo("admin");
    }

    @Test
    void apiKeyWithUserIsError43AndUnknownKeyIs44() {
        assertError(call("/rest/ping?apiKey=" + sub.secret + "&u=admin&v=1.16.1&c=t&f=json"), 43);
        assertError(call("/rest/ping?apiKey=nope-not-a-key&v=1.16.1&c=t&f=json"), 44);
    }

    @Test
    void noCredentialsIsError10() {
        assertError(call("/rest/ping?v=1.16.1&c=t&f=json"), 10);
        assertError(call("/rest/getLicense?u=admin&v=1.16.1&c=t&f=json"), 10);
    }

    @Test
    void extensionsNeedNoCredentialsAndAdvertiseApiKeys() {
        JsonNode r = call("/rest/getOpenSubsonicExtensions?f=json");
        assertThat(r.get("status").asText()).isEqualTo("ok");
        JsonNode ext = r.get("openSubsonicExtensions");
        assertThat(ext.isArray()).isTrue();
        assertThat(ext.findValuesAsText("name")).contains("apiKeyAuthentication", "formPost");
        assertThat(ext.get(0).get("versions").isArray()).isTrue();
        assertThat(ext.get(0).get("versions").get(0).isInt()).isTrue();
    }

    @Test
    void revokedAppPasswordStopsWorking() {
        Api.Response created = admin.post("/api/app-passwords", Map.of("name", "phone"));
        String secret = created.json().get("secret").asText();
        String id = created.json().get("id").asText();
        assertThat(call("/rest/ping?apiKey=" + secret + "&f=json").get("status").asText()).isEqualTo("ok");
        assertThat(admin.delete("/api/app-passwords/" + id).status()).isEqualTo(204);
        assertError(call("/rest/ping?apiKey=" + secret + "&f=json"), 44);
    }

    @Test
    void appPasswordIsStoredEncryptedAndListedWithoutSecret() {
        Api.Response created = admin.post("/api/app-passwords", Map.of("name", "laptop"));
        assertThat(created.status()).isEqualTo(201);
        String secret = created.json().get("secret").asText();
        String id = created.json().get("id").asText();
        String stored = jdbc.sql("SELECT secret_enc || ' ' || secret_sha256 FROM app_passwords WHERE id = ?")
                .param(id).query(String.class).single();
        assertThat(stored).doesNotContain(secret);

        call("/rest/ping?apiKey=" + secret + "&f=json");
        JsonNode list = admin.get("/api/app-passwords").json();
        JsonNode mine = null;
        for (JsonNode n : list) {
            if (n.get("id").asText().equals(id)) {
                mine = n;
            }
        }
        assertThat(mine).isNotNull();
        assertThat(mine.get("name").asText()).isEqualTo("laptop");
        assertThat(mine.has("secret")).isFalse();
        assertThat(mine.get("lastUsedAt").isTextual()).isTrue();
        assertThat(admin.get("/api/app-passwords").body()).doesNotContain(secret);
    }

    @Test
    void anAppPasswordNameWithControlCharactersIsRefused() {
        Api.Response r = admin.post("/api/app-passwords", Map.of("name", "phone\u0000\u001b[31m"));
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(admin.get("/api/app-passwords").body()).doesNotContain("\\u0000");
    }

    @Test
    void anotherUserCannotRevokeMyAppPassword() {
        String name = "mallory-" + java.util.UUID.randomUUID().toString().substring(0, 6);
        admin.post("/api/users", Map.of("username", name, "password", "mallory-password", "role", "USER"));
        Api mallory = api().login(name, "mallory-password");
        Api.Response created = admin.post("/api/app-passwords", Map.of("name", "tablet"));
        assertThat(mallory.delete("/api/app-passwords/" + created.json().get("id").asText()).status())
                .isEqualTo(404);
        assertThat(mallory.get("/api/app-passwords").json().size()).isZero();
    }

    @Test
    void disabledUsersAppPasswordsStopWorking() {
        String name = "quitter-" + java.util.UUID.randomUUID().toString().substring(0, 6);
        String id = admin.post("/api/users", Map.of("username", name, "password", "quitter-password", "role",
                "USER")).json().get("id").asText();
        Subsonic quitter = Subsonic.forUser(api().login(name, "quitter-password"), name);
        assertThat(quitter.json("ping", "").get("status").asText()).isEqualTo("ok");
        assertThat(admin.patch("/api/users/" + id, Map.of("enabled", false)).status()).isEqualTo(200);
        assertError(quitter.json("ping", ""), 40);
        assertError(call("/rest/ping?apiKey=" + quitter.secret + "&f=json"), 44);
    }

    @Test
    void appPasswordsNeedALogin() {
        assertThat(api().get("/api/app-passwords").status()).isEqualTo(401);
        assertThat(admin.post("/api/app-passwords", Map.of("name", " ")).status()).isEqualTo(400);
    }

    @Test
    void xmlIsTheDefaultAndCarriesTheNamespace() {
        Api.Response r = sub.get("ping", "");
        assertThat(r.header("Content-Type")).startsWith("application/xml");
        assertThat(r.body()).contains("<subsonic-response xmlns=\"http://subsonic.org/restapi\" status=\"ok\"")
                .contains("version=\"1.16.1\"").contains("openSubsonic=\"true\"");
        Api.Response failed = api().get("/rest/ping.view?u=admin&p=wrong");
        assertThat(failed.body()).contains("status=\"failed\"").contains("<error code=\"40\"");
    }

    @Test
    void jsonpWrapsTheJsonInTheCallback() {
        Api.Response r = sub.get("ping", "f=jsonp&callback=cb_1");
        assertThat(r.header("Content-Type")).startsWith("application/javascript");
        assertThat(r.body()).startsWith("cb_1({\"subsonic-response\":{\"status\":\"ok\"");
        Api.Response bad = sub.get("ping", "f=jsonp&callback=alert(1)");
        assertThat(bad.body()).doesNotContain("alert").contains("\"status\":\"failed\"");
    }

    @Test
    void formPostBodyCarriesCredentialsAndParameters() {
        Api.Response r = sub.postForm("getLicense", "f=json");
        assertThat(r.json().get("subsonic-response").get("license").get("valid").asBoolean()).isTrue();
    }

    @Test
    void postWithParametersInTheQueryStringAsDSubSendsIt() {
        String hex = HexFormat.of().formatHex(sub.secret.getBytes(StandardCharsets.UTF_8));
        Api.Response r = api().send(api().request("/rest/getLicense.view?u=admin&p=enc:" + hex
                + "&v=1.2.0&c=DSub&f=json").POST(java.net.http.HttpRequest.BodyPublishers.noBody()).build());
        assertThat(r.json().get("subsonic-response").get("license").get("valid").asBoolean()).isTrue();
    }

    @Test
    void unbuiltMethodsAnswerASubsonicError() {
        JsonNode r = sub.json("createShare", "id=x");
        assertError(r, 0);
        assertThat(r.get("error").get("message").asText()).contains("not implemented");
        assertError(sub.json("noSuchMethod", ""), 70);
    }

    @Test
    void unbuiltReadsThatClientsMakeUnaskedAnswerEmptyPayloads() {
        assertThat(sub.ok("getArtistInfo2", "id=x").get("artistInfo2").isObject()).isTrue();
        assertThat(sub.ok("getBookmarks", "").get("bookmarks").isObject()).isTrue();
        assertThat(sub.ok("getNowPlaying", "").get("nowPlaying").isObject()).isTrue();
        assertThat(sub.get("getPodcasts", "").body()).contains("<podcasts/>");
        JsonNode scan = sub.ok("getScanStatus", "").get("scanStatus");
        assertThat(scan.get("scanning").asBoolean()).isFalse();
        assertThat(scan.get("count").isIntegralNumber()).isTrue();
    }

    @Test
    void secretsAreMaskedInLoggedQueries() {
        assertThat(SubsonicRequests.maskQuery("u=bob&p=enc:41&t=abc&s=salt&apiKey=k&c=x"))
                .isEqualTo("u=bob&p=***&t=***&s=***&apiKey=***&c=x");
    }
}
