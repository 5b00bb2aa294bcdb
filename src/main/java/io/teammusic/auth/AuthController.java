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

    private final UserService users;
    private final TokenService tokens;
    private final SigningKeys keys;

    AuthController(UserService users, TokenService tokens, SigningKeys keys) {
        this.users = users;
        this.tokens = tokens;
        this.keys = keys;
    }

    @PostMapping("/api/auth/login")
    ResponseEntity<?> login(@RequestBody LoginRequest req, HttpServletRequest http) {
        return users.authenticate(req.username(), req.password(), http.getRemoteAddr())
                .<ResponseEntity<?>>map(u -> ResponseEntity.ok(TokenResponse.of(tokens.login(u))))
                .orElseGet(() -> unauthorized("Wrong user name or password."));
    }

    @PostMapping("/api/auth/refresh")
    ResponseEntity<?> refresh(@RequestBody RefreshRequest req) {
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

    private static ResponseEntity<?> unauthorized(String detail) {
        var pd = org.springframework.http.ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED, detail);
        return ResponseEntity.status(HttpStatus.UNAUTHORIZED).body(pd);
    }
}
