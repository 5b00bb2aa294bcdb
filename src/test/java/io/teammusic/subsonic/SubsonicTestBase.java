package io.teammusic.subsonic;

import io.teammusic.storage.BlobStore;
import io.teammusic.testing.Api;
import io.teammusic.testing.ServerTest;
import java.util.Map;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A real server plus helpers to make users with app passwords and albums of real audio. */
abstract class SubsonicTestBase extends ServerTest {

    @Autowired
    protected JdbcClient jdbc;

    @Autowired
    protected BlobStore blobs;

    protected LibraryFixture fixture() {
        return new LibraryFixture(jdbc, blobs);
    }

    /**
     * A fresh USER account, logged in to the native API. All test classes share one server, so the name gets a
     * random suffix; {@link #lastUsername} says what it became.
     */
    protected Api newUser(String base) {
        String name = base + "-" + java.util.UUID.randomUUID().toString().substring(0, 6);
        lastUsername = name;
        Api admin = admin();
        Api.Response r = admin.post("/api/users", Map.of("username", name, "password", name + "-password",
                "role", "USER"));
        if (r.status() != 201) {
            throw new AssertionError("creating user " + name + " failed: " + r.status() + " " + r.body());
        }
        return api().login(name, name + "-password");
    }

    protected String lastUsername;

    protected Subsonic subsonicUser(String name) {
        Api user = newUser(name);
        return Subsonic.forUser(user, lastUsername);
    }

    protected Subsonic subsonicAdmin() {
        return Subsonic.forUser(admin(), "admin");
    }
}
