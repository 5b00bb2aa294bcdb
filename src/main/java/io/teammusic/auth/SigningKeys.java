package io.teammusic.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.text.ParseException;
import java.util.HexFormat;

/**
 * The keys this server signs with, kept in the data dir so that tokens and signed URLs survive a restart.
 *
 * <p>Tokens are RS256: RSA verification is several times cheaper than ECDSA's, and every API request verifies
 * one. Signed stream URLs use a separate random HMAC key, which never leaves the server.
 */
final class SigningKeys {

    private final RSAKey rsa;
    private final byte[] urlKey;

    private SigningKeys(RSAKey rsa, byte[] urlKey) {
        this.rsa = rsa;
        this.urlKey = urlKey;
    }

    static SigningKeys loadOrCreate(Path dir) throws IOException {
        Files.createDirectories(dir);
        Path jwkFile = dir.resolve("jwt-signing-key.json");
        Path hmacFile = dir.resolve("url-signing-key.hex");
        String jwk = KeyFiles.readOrCreate(jwkFile, () -> {
            try {
                return new RSAKeyGenerator(2048).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256)
                        .keyIDFromThumbprint(true).generate().toJSONString();
            } catch (JOSEException e) {
                throw new IllegalStateException("Cannot generate an RSA signing key", e);
            }
        });
        RSAKey rsa;
        try {
            rsa = RSAKey.parse(jwk);
        } catch (ParseException e) {
            throw new IllegalStateException("Signing key file " + jwkFile + " is not a valid RSA JWK; "
                    + "delete it to make a new one (all issued tokens become invalid)", e);
        }
        byte[] urlKey = HexFormat.of().parseHex(KeyFiles.readOrCreate(hmacFile, () -> {
            byte[] fresh = new byte[32];
            new SecureRandom().nextBytes(fresh);
            return HexFormat.of().formatHex(fresh);
        }).strip());
        return new SigningKeys(rsa, urlKey);
    }

    RSAKey rsa() {
        return rsa;
    }

    JWKSet publicJwks() {
        return new JWKSet(rsa.toPublicJWK());
    }

    byte[] urlKey() {
        return urlKey.clone();
    }
}
