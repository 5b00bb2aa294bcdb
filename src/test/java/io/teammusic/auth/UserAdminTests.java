package io.teammusic.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.teammusic.testing.Api;
import io.teammusic.testing.ServerTest;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class UserAdminTests extends ServerTest {

    @Autowired
    DataSource dataSource;

    private String createUser(String name, String role) {
        Api.Response r = admin().post("/api/users", Map.of("username", name, "password", "password-" + name,
                "role", role));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("id").asText();
    }

    @Test
    void adminCreatesAUserWhoCanLogIn() {
        String name = "alice" + System.nanoTime();
        createUser(name, "USER");

        Api alice = api().login(name, "password-" + name);
        assertThat(alice.get("/api/me").json().get("role").asText()).isEqualTo("USER");
        JsonNode list = admin().get("/api/users").json();
        assertThat(list.findValuesAsText("username")).contains(name);
    }

    @Test
    void aUserCannotManageUsers() {
        String name = "bob" + System.nanoTime();
        createUser(name, "USER");
        Api bob = api().login(name, "password-" + name);

        assertThat(bob.get("/api/users").status()).isEqualTo(403);
        assertThat(bob.post("/api/users", Map.of("username", "x" + name, "password", "whatever-123")).status())
                .isEqualTo(403);
        assertThat(bob.get("/api/users").header("Content-Type")).startsWith("application/problem+json");
    }

    @Test
    void takenNameIs409AndBadInputIs400() {
        String name = "carol" + System.nanoTime();
        createUser(name, "USER");

        assertThat(admin().post("/api/users", Map.of("username", name.toUpperCase(), "password", "another-pass"))
                .status()).isEqualTo(409);
        assertThat(admin().post("/api/users", Map.of("username", "dave", "password", "short")).status())
                .isEqualTo(400);
        assertThat(admin().post("/api/users", Map.of("username", "bad name!", "password", "long-enough"))
                .status()).isEqualTo(400);
    }

    @Test
    void disabledUserCannotLogInAndResetPasswordWorks() {
        String name = "erin" + System.nanoTime();
        String id = createUser(name, "USER");

        admin().patch("/api/users/" + id, Map.of("enabled", false));
        assertThat(api().post("/api/auth/login", Map.of("username", name, "password", "password-" + name))
                .status()).isEqualTo(401);

        admin().patch("/api/users/" + id, Map.of("enabled", true, "password", "brand-new-password"));
        assertThat(api().post("/api/auth/login", Map.of("username", name, "password", "password-" + name))
                .status()).isEqualTo(401);
        api().login(name, "brand-new-password");
    }

    @Test
    void passwordResetEndsOldSessionsAndLiftsTheLoginThrottle() {
        String name = "ivan" + System.nanoTime();
        String id = createUser(name, "USER");
        String refresh = api().post("/api/auth/login", Map.of("username", name, "password", "password-" + name))
                .json().get("refreshToken").asText();
        for (int i = 0; i < 5; i++) {
            assertThat(api().post("/api/auth/login", Map.of("username", name, "password", "wrong-guess-" + i))
                    .status()).isEqualTo(401);
        }
        assertThat(loginFailuresOf(name)).isEqualTo(5);

        admin().patch("/api/users/" + id, Map.of("password", "brand-new-password"));

        assertThat(loginFailuresOf(name)).isZero();
        assertThat(api().post("/api/auth/refresh", Map.of("refreshToken", refresh)).status()).isEqualTo(401);
        assertThat(api().login(name, "brand-new-password").get("/api/me").status()).isEqualTo(200);
    }

    private int loginFailuresOf(String name) {
        try (var c = dataSource.getConnection();
                var st = c.prepareStatement("SELECT failures FROM login_failures WHERE throttle_key = ?")) {
            st.setString(1, "u:" + name);
            var rs = st.executeQuery();
            return rs.next() ? rs.getInt(1) : 0;
        } catch (java.sql.SQLException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void disablingAUserRevokesTheirAccessTokenAtOnce() {
        String name = "hank" + System.nanoTime();
        String id = createUser(name, "USER");
        Api hank = api().login(name, "password-" + name);
        assertThat(hank.get("/api/me").status()).isEqualTo(200);

        admin().patch("/api/users/" + id, Map.of("enabled", false));

        assertThat(hank.get("/api/me").status()).isEqualTo(401);
        // The stream path has a shortcut ahead of the security chain; it must refuse the same token.
        assertThat(hank.get("/api/tracks/AAAAAAAAAAAAAAAAAAAAAA/stream").status()).isEqualTo(401);
    }

    @Test
    void passwordsLongerThanBcryptReadsAre400Not500() {
        String tooLong = "é".repeat(40);
        Api.Response r = admin().post("/api/users", Map.of("username", "ivy" + System.nanoTime(),
                "password", tooLong));

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("detail").asText()).contains("72 bytes");
        assertThat(admin().post("/api/users", Map.of("username", "ivy2" + System.nanoTime(),
                "password", "a".repeat(72))).status()).isEqualTo(201);
    }

    @Test
    void roleChangeTakesEffectOnNextLogin() {
        String name = "frank" + System.nanoTime();
        String id = createUser(name, "USER");

        Api.Response r = admin().patch("/api/users/" + id, Map.of("role", "ADMIN"));
        assertThat(r.json().get("role").asText()).isEqualTo("ADMIN");
        assertThat(api().login(name, "password-" + name).get("/api/users").status()).isEqualTo(200);
    }

    @Test
    void theLastAdminCannotBeDemoted() {
        JsonNode users = admin().get("/api/users").json();
        for (JsonNode u : users) {
            if (u.get("role").asText().equals("ADMIN") && !u.get("username").asText().equals("admin")) {
                admin().patch("/api/users/" + u.get("id").asText(), Map.of("role", "USER"));
            }
        }
        String adminId = admin().get("/api/me").json().get("id").asText();

        assertThat(admin().patch("/api/users/" + adminId, Map.of("role", "USER")).status()).isEqualTo(409);
    }

    @Test
    void unknownUserIs404() {
        assertThat(admin().get("/api/users/does-not-exist").status()).isEqualTo(404);
    }

    @Test
    void storedPasswordsAreHashed() {
        String name = "gina" + System.nanoTime();
        createUser(name, "USER");
        // Read the row straight from the database, as an attacker with a copy of it would.
        try (var c = dataSource.getConnection();
                var st = c.prepareStatement("SELECT password_hash FROM users WHERE username = ?")) {
            st.setString(1, name);
            var rs = st.executeQuery();
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).startsWith("$2").doesNotContain("password-" + name);
        } catch (java.sql.SQLException e) {
            throw new AssertionError(e);
        }
    }
}
