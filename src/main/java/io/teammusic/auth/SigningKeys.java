package io.teammusic.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.security.SecureRandom;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The keys this server signs with: from settings ({@link KeyProperties}) when given, else generated once into the
 * {@link ServerKeyStore} (the data dir or the shared database), so that tokens and signed URLs survive a restart
 * and every node of a deployment signs and verifies alike.
 *
 * <p>Tokens are RS256: RSA verification is several times cheaper than ECDSA's, and every API request verifies
 * one. Signed stream URLs use a separate random HMAC key, which never leaves the server. Previous keys given in
 * the settings still verify, so a key can be rotated without logging everyone out.
 */
final class SigningKeys {

    static final String JWT_KEY = "jwt-signing-key.json";
    static final String URL_KEY = "url-signing-key.hex";

    private final RSAKey rsa;
    private final List<RSAKey> previous;
    private final byte[] urlKey;
    private final List<byte[]> previousUrlKeys;

    private SigningKeys(RSAKey rsa, List<RSAKey> previous, byte[] urlKey, List<byte[]> previousUrlKeys) {
        this.rsa = rsa;
        this.previous = previous;
        this.urlKey = urlKey;
        this.previousUrlKeys = previousUrlKeys;
    }

    static SigningKeys load(KeyProperties props, ServerKeyStore store) {
        RSAKey rsa = given(props.jwtSigningKey())
                ? KeyText.rsaPrivate(props.jwtSigningKey(), "teammusic.keys.jwt-signing-key")
                : stored(store);
        List<RSAKey> previous = new ArrayList<>();
        for (int i = 0; i < props.jwtPreviousKeys().size(); i++) {
            RSAKey old = KeyText.rsaPublic(props.jwtPreviousKeys().get(i), "teammusic.keys.jwt-previous-keys[" + i
                    + "]");
            if (!old.getKeyID().equals(rsa.getKeyID())) {
                previous.add(old);
            }
        }
        byte[] urlKey = given(props.urlSigningKey())
                ? KeyText.secret(props.urlSigningKey(), "teammusic.keys.url-signing-key")
                : HexFormat.of().parseHex(store.readOrCreate(URL_KEY, SigningKeys::randomHex).strip());
        List<byte[]> previousUrlKeys = new ArrayList<>();
        for (int i = 0; i < props.urlPreviousKeys().size(); i++) {
            previousUrlKeys.add(KeyText.secret(props.urlPreviousKeys().get(i),
                    "teammusic.keys.url-previous-keys[" + i + "]"));
        }
        return new SigningKeys(rsa, List.copyOf(previous), urlKey, List.copyOf(previousUrlKeys));
    }

    private static boolean given(String setting) {
        return setting != null && !setting.isBlank();
    }

    private static RSAKey stored(ServerKeyStore store) {
        String jwk = store.readOrCreate(JWT_KEY, () -> {
            try {
                return new RSAKeyGenerator(2048).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256)
                        .keyIDFromThumbprint(true).generate().toJSONString();
            } catch (JOSEException e) {
                throw new IllegalStateException("Cannot generate an RSA signing key", e);
            }
        });
        try {
            return RSAKey.parse(jwk);
        } catch (ParseException e) {
            throw new IllegalStateException("The stored signing key " + JWT_KEY + " is not a valid RSA JWK; "
                    + "remove it to make a new one (all issued tokens become invalid)", e);
        }
    }

    static String randomHex() {
        byte[] fresh = new byte[32];
        new SecureRandom().nextBytes(fresh);
        return HexFormat.of().formatHex(fresh);
    }

    /** The private key tokens are signed with. */
    RSAKey rsa() {
        return rsa;
    }

    /** Every public key a token may be signed with: the current one first, then the previous ones. */
    JWKSet publicJwks() {
        List<JWK> keys = new ArrayList<>();
        keys.add(rsa.toPublicJWK());
        keys.addAll(previous);
        return new JWKSet(keys);
    }

    byte[] urlKey() {
        return urlKey.clone();
    }

    List<byte[]> previousUrlKeys() {
        return previousUrlKeys.stream().map(byte[]::clone).toList();
    }
}
