package io.teammusic.auth;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * An external OpenID Connect provider (Amazon Cognito, Keycloak, any provider with discovery) whose access tokens
 * the API accepts next to, or instead of, the built-in accounts. Unset {@code issuerUri} means no provider.
 * docs/oidc.md describes every setting with examples.
 *
 * @param issuerUri the provider's issuer, exactly as its tokens' {@code iss} claim spells it; discovery is read
 *     from {@code <issuerUri>/.well-known/openid-configuration}
 * @param clientId the client (app) the tokens must be issued for: {@code aud} contains it, or {@code client_id}
 *     equals it (Cognito access tokens carry no {@code aud})
 * @param rolesClaim where the groups are: a claim name ({@code cognito:groups}, {@code groups}) or a dotted path
 *     into nested objects ({@code realm_access.roles}); a claim whose full name contains dots is found first
 * @param adminGroup the group whose members are admins
 * @param userGroup the group whose members are listeners (role USER)
 * @param defaultRole what a valid token in neither group gets: {@code NONE} (403 everywhere, the default) or
 *     {@code USER}
 * @param localLoginEnabled whether the built-in accounts (password login, our own tokens, the admin bootstrap)
 *     work; switching them off requires a provider
 * @param scopes the scopes the web app asks for at login, separated by spaces
 * @param jwksMinRefreshInterval the least time between two fetches of the provider's keys when a token names an
 *     unknown key id, so a flood of forged tokens cannot make us hammer the provider
 * @param clockSkew how far the provider's clock may be off when checking {@code exp} and {@code nbf}
 */
@Validated
@ConfigurationProperties("teammusic.auth")
public record OidcProperties(
        String issuerUri,
        String clientId,
        @NotBlank @DefaultValue("groups") String rolesClaim,
        @NotBlank @DefaultValue("teammusic-admins") String adminGroup,
        @NotBlank @DefaultValue("teammusic-users") String userGroup,
        @NotNull @DefaultValue("NONE") DefaultRole defaultRole,
        @DefaultValue("true") boolean localLoginEnabled,
        @NotBlank @DefaultValue("openid profile email") String scopes,
        @NotNull @DefaultValue("30s") @DurationMax(minutes = 10) Duration jwksMinRefreshInterval,
        @NotNull @DefaultValue("60s") @DurationMin(seconds = 0) @DurationMax(minutes = 10) Duration clockSkew) {

    /** What a token that names none of our groups is given. */
    public enum DefaultRole { NONE, USER }

    /** Whether an external provider is configured. */
    public boolean oidcEnabled() {
        return issuerUri != null && !issuerUri.isBlank();
    }

    List<String> scopeList() {
        return Arrays.stream(scopes.strip().split("\\s+")).toList();
    }

    @AssertTrue(message = "teammusic.auth.issuer-uri must be an absolute http or https URL with a host")
    public boolean isIssuerUriValid() {
        if (!oidcEnabled()) {
            return true;
        }
        try {
            URI uri = URI.create(issuerUri.strip());
            return ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) && uri.getHost() != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    @AssertTrue(message = "teammusic.auth.client-id must be set when teammusic.auth.issuer-uri is")
    public boolean isClientIdGiven() {
        return !oidcEnabled() || (clientId != null && !clientId.isBlank());
    }

    @AssertTrue(message = "teammusic.auth.local-login-enabled=false needs teammusic.auth.issuer-uri:"
            + " otherwise nobody could log in")
    public boolean isSomeLoginPossible() {
        return localLoginEnabled || oidcEnabled();
    }
}
