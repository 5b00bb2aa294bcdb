package io.teammusic.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.teammusic.TeammusicApplication;
import io.teammusic.testing.Api;
import io.teammusic.testing.ServerTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Keys given in the settings (as a deployment's secret store would hand them to every node) are the ones used,
 * and the previous ones listed there keep working after a rotation.
 */
class ConfiguredKeysTests extends ServerTest {

    static final RSAKey CURRENT = rsa();
    static final RSAKey PREVIOUS = rsa();
    static final byte[] URL_KEY = random(32);
    static final byte[] OLD_URL_KEY = random(32);

    @Autowired
    UrlSigner signer;
    @Autowired
    UserService users;

    @DynamicPropertySource
    static void keys(DynamicPropertyRegistry registry) {
        // PEM for the signing key, one-line base64 DER for the previous key: both forms an operator may use.
        registry.add("teammusic.keys.jwt-signing-key", () -> pem("PRIVATE KEY", privateDer(CURRENT)));
        registry.add("teammusic.keys.jwt-previous-keys", () -> base64(publicDer(PREVIOUS)));
        registry.add("teammusic.keys.url-signing-key", () -> base64(URL_KEY));
        registry.add("teammusic.keys.url-previous-keys", () -> Base64.getUrlEncoder().withoutPadding()
                .encodeToString(OLD_URL_KEY));
    }

    @Test
    void theJwksListsTheConfiguredKeyFirstAndThePreviousOne() throws Exception {
        JsonNode keys = api().get("/.well-known/jwks.json").json().get("keys");

        List<String> kids = StreamSupport.stream(keys.spliterator(), false).map(k -> k.get("kid").asText()).toList();
        assertThat(kids).containsExactly(CURRENT.computeThumbprint().toString(),
                PREVIOUS.computeThumbprint().toString());
        assertThat(keys.get(0).get("n").asText()).isEqualTo(CURRENT.getModulus().toString());
        assertThat(keys.get(0).has("d")).as("no private part in the JWKS").isFalse();
    }

    @Test
    void tokensAreSignedWithTheConfiguredKey() throws Exception {
        String token = admin().token();

        SignedJWT jwt = SignedJWT.parse(token);
        assertThat(jwt.getHeader().getKeyID()).isEqualTo(CURRENT.computeThumbprint().toString());
        assertThat(jwt.verify(new com.nimbusds.jose.crypto.RSASSAVerifier(CURRENT.toRSAPublicKey()))).isTrue();
    }

    @Test
    void aTokenSignedWithThePreviousKeyIsStillAcceptedAndOneWithAnUnknownKeyIsNot() throws Exception {
        String adminId = admin().get("/api/me").json().get("id").asText();

        Api.Response old = api().withToken(sign(PREVIOUS, adminId)).get("/api/me");
        Api.Response stranger = api().withToken(sign(rsa(), adminId)).get("/api/me");

        assertThat(old.status()).as(old.body()).isEqualTo(200);
        assertThat(old.json().get("username").asText()).isEqualTo("admin");
        assertThat(stranger.status()).isEqualTo(401);
    }

    @Test
    void urlsSignedWithThePreviousUrlKeyStillVerifyAndNewOnesUseTheConfiguredKey() {
        Instant exp = Instant.now().plusSeconds(60);
        String path = "/api/tracks/some-track/stream";
        String byOld = new UrlSigner(OLD_URL_KEY).sign(path, "u1", exp);
        String byOther = new UrlSigner(random(32)).sign(path, "u1", exp);

        assertThat(signer.sign(path, "u1", exp)).isEqualTo(new UrlSigner(URL_KEY).sign(path, "u1", exp));
        assertThat(signer.verify(path, "u1", String.valueOf(exp.getEpochSecond()), sigOf(byOld), Instant.now()))
                .isTrue();
        assertThat(signer.verify(path, "u1", String.valueOf(exp.getEpochSecond()), sigOf(byOther), Instant.now()))
                .isFalse();
    }

    @Test
    void anUnreadableOrWeakKeyStopsStartUpNamingTheSetting() {
        assertThatThrownBy(() -> start("teammusic.keys.jwt-signing-key=-----BEGIN PRIVATE KEY-----nonsense"))
                .hasStackTraceContaining("teammusic.keys.jwt-signing-key");
        assertThatThrownBy(() -> start("teammusic.keys.url-signing-key=" + base64(random(16))))
                .hasStackTraceContaining("teammusic.keys.url-signing-key").hasStackTraceContaining("32 bytes");
        assertThatThrownBy(() -> start("teammusic.keys.store=cloud"))
                .hasStackTraceContaining("teammusic.keys.store");
    }

    private static void start(String property) throws Exception {
        Path dir = Files.createTempDirectory("teammusic-keys-");
        try (var ctx = new SpringApplicationBuilder(TeammusicApplication.class).web(WebApplicationType.NONE)
                .run("--teammusic.data-dir=" + dir, "--" + property)) {
            ctx.getId();
        }
    }

    private static String sign(RSAKey key, String subject) throws Exception {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer("teammusic").subject(subject)
                .issueTime(new Date()).expirationTime(Date.from(Instant.now().plusSeconds(300)))
                .claim("roles", List.of("ADMIN")).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT)
                .keyID(key.computeThumbprint().toString()).build(), claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    private static String sigOf(String query) {
        return query.substring(query.indexOf(UrlSigner.SIGNATURE + "=") + UrlSigner.SIGNATURE.length() + 1);
    }

    static RSAKey rsa() {
        try {
            return new RSAKeyGenerator(2048).generate();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] privateDer(RSAKey key) {
        try {
            return key.toRSAPrivateKey().getEncoded();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] publicDer(RSAKey key) {
        try {
            return key.toRSAPublicKey().getEncoded();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    static byte[] random(int n) {
        byte[] b = new byte[n];
        new SecureRandom().nextBytes(b);
        return b;
    }
}
