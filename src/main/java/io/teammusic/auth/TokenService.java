package io.teammusic.auth;

import io.teammusic.shared.Ids;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Issues access tokens (signed JWTs) and refresh tokens (random, stored only as their SHA-256).
 *
 * <p>Refresh tokens rotate: each use marks the old one used and issues a successor in the same family. Presenting a
 * used token again means it was copied, so the whole family is revoked and the user must log in again.
 */
@Service
public class TokenService {

    private static final Logger log = LoggerFactory.getLogger(TokenService.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    /** What a login or refresh hands back. */
    public record Tokens(String accessToken, long expiresInSeconds, String refreshToken, User user) {
    }

    private final JwtEncoder encoder;
    private final AuthProperties props;
    private final JdbcClient jdbc;
    private final UserService users;

    TokenService(JwtEncoder encoder, AuthProperties props, JdbcClient jdbc, UserService users) {
        this.encoder = encoder;
        this.props = props;
        this.jdbc = jdbc;
        this.users = users;
    }

    @Transactional
    public Tokens login(User user) {
        return issue(user, Ids.newId());
    }

    private Tokens issue(User user, String family) {
        Instant now = Instant.now();
        JwtClaimsSet claims = JwtClaimsSet.builder()
                .issuer(props.issuer())
                .subject(user.id())
                .issuedAt(now)
                .expiresAt(now.plus(props.accessTokenTtl()))
                .id(Ids.newId())
                .claim("preferred_username", user.username())
                .claim("roles", List.of(user.role().name()))
                .build();
        JwsHeader header = JwsHeader.with(SignatureAlgorithm.RS256).type("JWT").build();
        String jwt = encoder.encode(JwtEncoderParameters.from(header, claims)).getTokenValue();

        byte[] raw = new byte[32];
        RANDOM.nextBytes(raw);
        String refresh = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        jdbc.sql("INSERT INTO refresh_tokens (id, user_id, family_id, token_hash, created_at, expires_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?)")
                .params(Ids.newId(), user.id(), family, sha256(refresh), now.toEpochMilli(),
                        now.plus(props.refreshTokenTtl()).toEpochMilli())
                .update();
        return new Tokens(jwt, props.accessTokenTtl().toSeconds(), refresh, user);
    }

    private record Row(String id, String userId, String familyId, long expiresAt, Long usedAt, Long revokedAt) {
    }

    private Optional<Row> find(String token) {
        return jdbc.sql("SELECT id, user_id, family_id, expires_at, used_at, revoked_at FROM refresh_tokens"
                        + " WHERE token_hash = ?")
                .param(sha256(token))
                .query((rs, n) -> new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4),
                        nullableLong(rs, 5), nullableLong(rs, 6)))
                .optional();
    }

    /** Exchanges a refresh token for new tokens, or empty when it is unknown, expired, revoked or reused. */
    @Transactional
    public Optional<Tokens> refresh(String token) {
        if (token == null || token.isBlank()) {
            return Optional.empty();
        }
        Optional<Row> found = find(token);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Row row = found.get();
        long now = System.currentTimeMillis();
        if (row.revokedAt() != null || row.expiresAt() < now) {
            return Optional.empty();
        }
        // Conditional update: of two concurrent refreshes with one token, only one can mark it used.
        int marked = jdbc.sql("UPDATE refresh_tokens SET used_at = ? WHERE id = ? AND used_at IS NULL")
                .params(now, row.id()).update();
        if (marked == 0) {
            revokeFamily(row.familyId(), now);
            log.warn("Refresh token reuse detected; revoked the token family for user {}", row.userId());
            return Optional.empty();
        }
        Optional<User> user = users.find(row.userId()).filter(User::enabled);
        if (user.isEmpty()) {
            revokeFamily(row.familyId(), now);
            return Optional.empty();
        }
        return Optional.of(issue(user.get(), row.familyId()));
    }

    /** Revokes the token's whole family; unknown tokens are ignored so logout never fails. */
    @Transactional
    public void logout(String token) {
        if (token == null || token.isBlank()) {
            return;
        }
        find(token).ifPresent(row -> revokeFamily(row.familyId(), System.currentTimeMillis()));
    }

    private void revokeFamily(String family, long now) {
        jdbc.sql("UPDATE refresh_tokens SET revoked_at = ? WHERE family_id = ? AND revoked_at IS NULL")
                .params(now, family).update();
    }

    private static Long nullableLong(java.sql.ResultSet rs, int col) throws java.sql.SQLException {
        long v = rs.getLong(col);
        return rs.wasNull() ? null : v;
    }

    static String sha256(String s) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(md.digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
