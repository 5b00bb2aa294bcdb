package io.teammusic.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.teammusic.testing.TestOidcProvider;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The web app's login through the identity provider in headless Chromium: authorization code with PKCE against
 * mock-oauth2-server's interactive login page, back into the app logged in, then logout at both ends.
 */
class OidcLoginBrowserTests extends BrowserTest {

    @DynamicPropertySource
    static void oidc(DynamicPropertyRegistry registry) {
        TestOidcProvider.register(registry);
    }

    /** Starts at the app's login page and signs in at the provider with the given groups claim. */
    private void signInAtProvider(String username, String groups) {
        open("/login");
        js("localStorage.removeItem('tm.session')");
        driver.navigate().refresh();
        find("[data-testid=sso-login]").click();
        // Our own login page has a user name field too: wait until the browser is at the provider's.
        waitFor(d -> d.getCurrentUrl().startsWith(TestOidcProvider.issuer()));
        assertThat(driver.getCurrentUrl()).contains("code_challenge_method=S256").contains("code_challenge=")
                .doesNotContain("code_verifier");
        WebElement form = waitFor(d -> d.findElement(By.cssSelector("form textarea[name=claims]")))
                .findElement(By.xpath("ancestor::form"));
        form.findElement(By.name("username")).sendKeys(username);
        form.findElement(By.name("claims")).sendKeys("{\"preferred_username\": \"" + username + "\", \""
                + TestOidcProvider.ROLES_CLAIM + "\": [" + groups + "]}");
        form.findElement(By.cssSelector("input[type=submit]")).click();
    }

    @Test
    void aListenerLogsInThroughTheProviderAndLandsInTheAppWithTheProvidersToken() {
        String username = "sso-" + UUID.randomUUID().toString().substring(0, 8);

        signInAtProvider(username, "\"" + TestOidcProvider.USER_GROUP + "\"");

        waitFor(d -> d.findElement(By.cssSelector("[data-testid=username]")).getText().equals(username));
        waitFor(d -> d.getCurrentUrl().equals(base() + "/albums"));
        assertThat(js("return JSON.parse(localStorage.getItem('tm.session')).kind")).isEqualTo("oidc");
        String token = (String) js("return JSON.parse(localStorage.getItem('tm.session')).accessToken");
        assertThat(api().withToken(token).get("/api/me").json().get("username").asText()).isEqualTo(username);
        assertThat(all(".sidebar a[href='/users']")).isEmpty();
        screenshot("oidc-logged-in");

        logout();

        waitFor(d -> d.getCurrentUrl().startsWith(base() + "/login"));
        assertThat(js("return localStorage.getItem('tm.session')")).isNull();
        find("[data-testid=sso-login]");
    }

    @Test
    void anExpiredProviderTokenIsRenewedWithTheProvidersRefreshToken() {
        String username = "sso-refresh-" + UUID.randomUUID().toString().substring(0, 8);
        signInAtProvider(username, "\"" + TestOidcProvider.USER_GROUP + "\"");
        waitFor(d -> d.findElement(By.cssSelector("[data-testid=username]")).getText().equals(username));
        String before = (String) js("return JSON.parse(localStorage.getItem('tm.session')).accessToken");
        assertThat(js("return JSON.parse(localStorage.getItem('tm.session')).refreshToken")).isNotNull();

        // As if the tab had slept past the token's expiry: the next load must renew it at the provider.
        js("const s = JSON.parse(localStorage.getItem('tm.session')); s.expiresAt = Date.now() - 1000;"
                + " localStorage.setItem('tm.session', JSON.stringify(s));");
        driver.navigate().refresh();

        waitFor(d -> !before.equals(js("return JSON.parse(localStorage.getItem('tm.session'))?.accessToken")));
        String after = (String) js("return JSON.parse(localStorage.getItem('tm.session')).accessToken");
        assertThat(api().withToken(after).get("/api/me").json().get("username").asText()).isEqualTo(username);
        find("[data-testid=username]");
    }

    @Test
    void anAdminByGroupSeesTheAdminPages() {
        String username = "sso-admin-" + UUID.randomUUID().toString().substring(0, 8);

        signInAtProvider(username, "\"" + TestOidcProvider.ADMIN_GROUP + "\"");

        waitFor(d -> d.findElement(By.cssSelector("[data-testid=username]")).getText().equals(username));
        find(".sidebar a[href='/users']").click();
        waitFor(d -> d.findElement(By.cssSelector("#main")).getText().contains(username));
    }

    @Test
    void someoneInNoTeammusicGroupIsToldWhyAndStaysLoggedOut() {
        String username = "sso-outsider-" + UUID.randomUUID().toString().substring(0, 8);

        signInAtProvider(username, "\"another-app\"");

        WebElement error = find("[data-testid=login-error]");
        assertThat(error.getText()).contains("no access to Teammusic");
        assertThat(driver.getCurrentUrl()).isEqualTo(base() + "/login");
        assertThat(js("return localStorage.getItem('tm.session')")).isNull();
        screenshot("oidc-no-access");
    }
}
