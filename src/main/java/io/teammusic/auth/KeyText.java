package io.teammusic.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.text.ParseException;
import java.util.Base64;

/**
 * Reads keys given as text in settings or environment variables: PEM, the base64 of the DER inside it (one line,
 * easier in an environment variable), or JWK JSON. Every failure names the setting, never the key.
 */
final class KeyText {

    static final int MIN_RSA_BITS = 2048;
    static final int MIN_SECRET_BYTES = 32;

    private KeyText() {
    }

    /** An RSA private key with its public half, with the thumbprint as key id. */
    static RSAKey rsaPrivate(String text, String setting) {
        String t = text.strip();
        try {
            RSAKey key;
            if (t.startsWith("{")) {
                key = RSAKey.parse(t);
                if (!key.isPrivate()) {
                    throw new IllegalStateException(setting + " is a public JWK; the private key is needed to sign");
                }
            } else {
                KeyFactory rsa = KeyFactory.getInstance("RSA");
                if (!(rsa.generatePrivate(new PKCS8EncodedKeySpec(der(t, "PRIVATE KEY", setting)))
                        instanceof RSAPrivateCrtKey priv)) {
                    throw new IllegalStateException(setting + " must hold an RSA private key with its CRT fields");
                }
                RSAPublicKey pub = (RSAPublicKey) rsa.generatePublic(
                        new RSAPublicKeySpec(priv.getModulus(), priv.getPublicExponent()));
                key = new RSAKey.Builder(pub).privateKey(priv).build();
            }
            return finish(key, setting);
        } catch (ParseException | GeneralSecurityException | JOSEException | ClassCastException e) {
            throw new IllegalStateException(setting + " is not a readable RSA private key (PKCS#8 PEM, its base64,"
                    + " or a JWK)", e);
        }
    }

    /** An RSA public key (a private one is reduced to its public half). */
    static RSAKey rsaPublic(String text, String setting) {
        String t = text.strip();
        try {
            RSAKey key;
            if (t.startsWith("{")) {
                key = RSAKey.parse(t).toPublicJWK();
            } else {
                RSAPublicKey pub = (RSAPublicKey) KeyFactory.getInstance("RSA")
                        .generatePublic(new X509EncodedKeySpec(der(t, "PUBLIC KEY", setting)));
                key = new RSAKey.Builder(pub).build();
            }
            return finish(key, setting).toPublicJWK();
        } catch (ParseException | GeneralSecurityException | JOSEException | ClassCastException e) {
            throw new IllegalStateException(setting + " is not a readable RSA public key (PEM, its base64,"
                    + " or a JWK)", e);
        }
    }

    private static RSAKey finish(RSAKey key, String setting) throws JOSEException {
        if (key.size() < MIN_RSA_BITS) {
            throw new IllegalStateException(setting + " must be an RSA key of at least " + MIN_RSA_BITS
                    + " bits, not " + key.size());
        }
        RSAKey.Builder b = new RSAKey.Builder(key).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256);
        if (key.getKeyID() == null) {
            b.keyIDFromThumbprint();
        }
        return b.build();
    }

    /** A symmetric key given in base64, at least {@link #MIN_SECRET_BYTES} bytes once decoded. */
    static byte[] secret(String text, String setting) {
        byte[] key = base64(text.strip(), setting);
        if (key.length < MIN_SECRET_BYTES) {
            throw new IllegalStateException(setting + " must decode to at least " + MIN_SECRET_BYTES
                    + " bytes (e.g. openssl rand -base64 32), not " + key.length);
        }
        return key;
    }

    private static byte[] der(String text, String type, String setting) {
        String body = text;
        if (text.startsWith("-----BEGIN")) {
            String begin = "-----BEGIN " + type + "-----";
            int from = text.indexOf(begin);
            int to = text.indexOf("-----END " + type + "-----");
            if (from < 0 || to < from) {
                throw new IllegalStateException(setting + " must be a PEM block of type " + type
                        + (type.equals("PRIVATE KEY") ? " (PKCS#8: openssl pkcs8 -topk8 -nocrypt converts others)"
                                : ""));
            }
            body = text.substring(from + begin.length(), to);
        }
        return base64(body.replaceAll("\\s", ""), setting);
    }

    private static byte[] base64(String text, String setting) {
        try {
            return text.contains("-") || text.contains("_") ? Base64.getUrlDecoder().decode(text)
                    : Base64.getMimeDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(setting + " is not valid base64", e);
        }
    }
}
