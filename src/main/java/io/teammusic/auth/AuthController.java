package io.teammusic.auth;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
class AuthController {

    record LoginRequest(String username, String password) {
    }

    record RefreshRequest(String refreshToken) {
    }

    record TokenResponse(String accessToken, String tokenType, long expiresIn, String refreshToken, UserView user) {
        static TokenResponse of(TokenService.Tokens t) {
            return new TokenResponse(t.accessToken(), "Bearer", t.expiresInSeconds(), t.refreshToken(),
                    UserView.of(t.user()));
        }
    }

    /** What the web app needs to know before anyone is logged in; {@code oidc} is null without a provider. */
    record AuthConfig(boolean localLogin, OidcConfig oidc) {
    }

    /** The public settings of the identity provider (a public client: there is no secret to hide). */
    record OidcConfig(String issuer, String clientId, String scopes) {
    }

    private final UserService users;
    private final TokenService tokens;
    private final SigningKeys keys;
    private final OidcProperties oidc;

    AuthController(UserService users, TokenService tokens, SigningKeys keys, OidcProperties oidc) {
        this.users = users;
        this.tokens = tokens;
        this.keys = keys;
        this.oidc = oidc;
    }

    @GetMapping("/api/auth/config")
    AuthConfig config() {
        return new AuthConfig(oidc.localLoginEnabled(), oidc.oidcEnabled()
                ? new OidcConfig(oidc.issuerUri(), oidc.clientId(), String.join(" ", oidc.scopeList())) : null);
    }

    @PostMapping("/api/auth/login")
    ResponseEntity<?> login(@RequestBody LoginRequest req, HttpServletRequest http) {
        if (!oidc.localLoginEnabled()) {
            return localLoginOff();
        }
        return users.authenticate(req.username(), req.password(), http.getRemoteAddr())
                .<ResponseEntity<?>>map(u -> ResponseEntity.ok(TokenResponse.of(tokens.login(u))))
                .orElseGet(() -> unauthorized("Wrong user name or password."));
    }

    @PostMapping("/api/auth/refresh")
    ResponseEntity<?> refresh(@RequestBody RefreshRequest req) {
        if (!oidc.localLoginEnabled()) {
            return localLoginOff();
        }
        return tokens.refresh(req.refreshToken())
                .<ResponseEntity<?>>map(t -> ResponseEntity.ok(TokenResponse.of(t)))
                .orElseGet(() -> unauthorized("The refresh token is invalid, expired or already used."));
    }

    @PostMapping("/api/auth/logout")
    ResponseEntity<Void> logout(@RequestBody RefreshRequest req) {
        tokens.logout(req.refreshToken());
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/api/me")
    UserView me() {
        return UserView.of(users.get(CurrentUser.get().id()));
    }

    @GetMapping(value = "/.well-known/jwks.json", produces = "application/json")
    Map<String, Object> jwks() {
        return keys.publicJwks().toJSONObject();
    }

    /** 403, not 401: no credentials would help here; the detail says where to log in instead. */
    private static ResponseEntity<?> localLoginOff() {
        var pd = org.springframework.http.ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN,
                "Built-in accounts are switched off on this server; log in through the identity provider.");
        pd.setTitle("Local login disabled");
        return ResponseEntity.status(HttpStatus.FORBIDDEN).body(pd);
    }

    private static ResponseEntity<?> unauthorized(String detail) {
        var pd = org.springframework.http.ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED, detail);
        return ResponseEntity.status(HttpStatus.UNAUTHORIZED).body(pd);
    }
}
