package io.teammusic.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.teammusic.testing.Api;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/** Logging in and out, the silent token refresh, and the admin's user management, in a real browser. */
class AccountsBrowserTests extends BrowserTest {

    private JsonNode user(String name) {
        for (JsonNode u : admin().get("/api/users").json()) {
            if (u.get("username").asText().equals(name)) {
                return u;
            }
        }
        return null;
    }

    @Test
    void aWrongPasswordIsExplainedOnTheLoginPage() {
        open("/login");
        js("localStorage.clear()");
        driver.navigate().refresh();
        emulateColorScheme("dark");
        WebElement form = find("form.login-card");
        form.findElement(By.name("username")).sendKeys("admin");
        form.findElement(By.name("password")).sendKeys("not the password");
        form.findElement(By.cssSelector("button[type=submit]")).click();
        assertThat(find("[data-testid=login-error]").getText()).isEqualTo("Wrong user name or password.");
        screenshot("login-error-dark");
        emulateColorScheme("light");
        assertThat(driver.getCurrentUrl()).endsWith("/login");
    }

    @Test
    void aDeepLinkAsksForLoginAndThenOpensThePageAsked() {
        open("/login");
        js("localStorage.clear()");
        open("/users");
        waitFor(d -> d.getCurrentUrl().contains("/login?next=%2Fusers"));
        screenshot("login");
        WebElement form = find("form.login-card");
        form.findElement(By.name("username")).sendKeys("admin");
        form.findElement(By.name("password")).sendKeys(ADMIN_PASSWORD);
        form.findElement(By.cssSelector("button[type=submit]")).click();
        waitFor(d -> d.getCurrentUrl().endsWith("/users"));
        assertThat(find("#main h1").getText()).isEqualTo("Users");

        // In-app navigation keeps history: back returns to the users page without a reload.
        js("window.__sameDocument = true");
        nav("tracks");
        waitFor(d -> d.getCurrentUrl().endsWith("/tracks"));
        driver.navigate().back();
        waitFor(d -> d.getCurrentUrl().endsWith("/users"));
        assertThat(find("#main h1").getText()).isEqualTo("Users");
        assertThat(js("return window.__sameDocument === true")).isEqualTo(true);
    }

    @Test
    void anAdminCreatesAUserChangesTheRoleAndDisablesIt() {
        loginAs("admin", ADMIN_PASSWORD);
        nav("users");
        WebElement form = find("form.create-user");
        form.findElement(By.name("username")).sendKeys("carolweb");
        form.findElement(By.name("password")).sendKeys("carolweb-password-1");
        form.findElement(By.cssSelector("button[type=submit]")).click();
        WebElement row = find("tr[data-username=carolweb]");
        assertThat(user("carolweb").get("role").asText()).isEqualTo("USER");
        api().login("carolweb", "carolweb-password-1");

        new Select(row.findElement(By.cssSelector("select[data-testid=role]"))).selectByValue("ADMIN");
        waitFor(d -> "ADMIN".equals(user("carolweb").get("role").asText()));

        clickPastNotices("tr[data-username=carolweb] .switch");
        waitFor(d -> !user("carolweb").get("enabled").asBoolean());
        waitFor(d -> d.findElement(By.cssSelector("tr[data-username=carolweb]")).getAttribute("class")
                .contains("disabled"));
        Api.Response refused = api().post("/api/auth/login", Map.of("username", "carolweb", "password",
                "carolweb-password-1"));
        assertThat(refused.status()).isEqualTo(401);
        screenshot("users");

        // The same name again is refused with the server's reason, shown in the form.
        form = find("form.create-user");
        form.findElement(By.name("username")).sendKeys("carolweb");
        form.findElement(By.name("password")).sendKeys("another-password");
        form.findElement(By.cssSelector("button[type=submit]")).click();
        assertThat(find("form.create-user .form-error").getText()).isNotBlank();
    }

    @Test
    void anAdminResetsAPassword() {
        admin().post("/api/users", Map.of("username", "daveweb", "password", "daveweb-password-1", "role", "USER"));
        loginAs("admin", ADMIN_PASSWORD);
        nav("users");
        find("tr[data-username=daveweb] .actions button").click();
        WebElement dialog = find("dialog[open]");
        dialog.findElement(By.name("password")).sendKeys("daveweb-password-2");
        dialog.findElement(By.cssSelector("button[type=submit]")).click();
        // Wait for the app to confirm the change and log in once: polling the login would count the attempts made
        // before the reset landed as failures, and the login throttle would then refuse the good one.
        waitFor(d -> toastSays("Set a new password for daveweb"));
        assertThat(api().post("/api/auth/login", Map.of("username", "daveweb", "password", "daveweb-password-2"))
                .status()).isEqualTo(200);
    }

    @Test
    void anExpiredAccessTokenIsRefreshedSilently() {
        loginAs("admin", ADMIN_PASSWORD);
        String before = (String) js("return JSON.parse(localStorage.getItem('tm.session')).refreshToken");
        // An access token the server rejects, as after it expired: the app refreshes and carries on.
        js("const s = JSON.parse(localStorage.getItem('tm.session')); s.accessToken = 'expired.token.value';"
                + "localStorage.setItem('tm.session', JSON.stringify(s));");
        open("/users");
        assertThat(find("tr[data-username=admin]").isDisplayed()).isTrue();
        String after = (String) js("return JSON.parse(localStorage.getItem('tm.session')).refreshToken");
        assertThat(after).isNotEqualTo(before);
        assertThat(driver.getCurrentUrl()).endsWith("/users");
    }

    @Test
    void aSessionThatCannotBeRefreshedReturnsToTheLoginPage() {
        loginAs("admin", ADMIN_PASSWORD);
        js("const s = JSON.parse(localStorage.getItem('tm.session')); s.accessToken = 'expired';"
                + "s.refreshToken = 'spent'; localStorage.setItem('tm.session', JSON.stringify(s));");
        open("/users");
        waitFor(d -> d.getCurrentUrl().contains("/login"));
        waitFor(d -> toastSays("session has ended"));
    }

    @Test
    void loggingOutEndsTheSessionOnTheServer() {
        loginAs("admin", ADMIN_PASSWORD);
        String refresh = (String) js("return JSON.parse(localStorage.getItem('tm.session')).refreshToken");
        logout();
        assertThat(js("return localStorage.getItem('tm.session')")).isNull();
        assertThat(api().post("/api/auth/refresh", Map.of("refreshToken", refresh)).status()).isEqualTo(401);
    }
}
