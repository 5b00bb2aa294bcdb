package io.teammusic.streaming.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CloudFront signed URLs, checked the way CloudFront checks them (no AWS here): the canned policy is rebuilt from
 * the URL as CloudFront's documentation defines it, and its signature verified with the public key.
 */
class CloudFrontSignerTests {

    static final String BASE = "https://d111111abcdef8.cloudfront.net/music";
    static final String KEY = "5f2b8d0c9e4a7b1c3d5e7f9a0b2c4d6e8f0a1b3c5d7e9f1a3b5c7d9e1f3a5b7c";

    static KeyPair keys;

    @TempDir
    static Path dir;

    @BeforeAll
    static void makeAKeyPair() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        keys = g.generateKeyPair();
    }

    private static CloudFrontSigner signer(Path pem) {
        return new CloudFrontSigner(new DeliveryProperties.CloudFront(URI.create(BASE), "K2JCJMDEHXQW5F", pem));
    }

    private static Path pkcs8Pem() throws Exception {
        return pem("PRIVATE KEY", keys.getPrivate().getEncoded());
    }

    private static Path pem(String type, byte[] der) throws Exception {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return Files.writeString(Files.createTempFile(dir, "key", ".pem"),
                "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n");
    }

    /** The query parameters of a signed URL, in order. */
    private static Map<String, String> query(URI url) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String p : url.getRawQuery().split("&")) {
            int eq = p.indexOf('=');
            out.put(p.substring(0, eq), p.substring(eq + 1));
        }
        return out;
    }

    /** What CloudFront does with a canned-policy URL: rebuild the policy from the URL, verify the signature. */
    private static boolean cloudFrontAccepts(String resource, String expires, String signature, PublicKey key)
            throws Exception {
        String policy = "{\"Statement\":[{\"Resource\":\"" + resource
                + "\",\"Condition\":{\"DateLessThan\":{\"AWS:EpochTime\":" + expires + "}}}]}";
        // CloudFront's URL-safe base64: + becomes -, = becomes _, / becomes ~.
        byte[] sig = Base64.getDecoder().decode(signature.replace('-', '+').replace('_', '=').replace('~', '/'));
        Signature verifier = Signature.getInstance("SHA1withRSA");
        verifier.initVerify(key);
        verifier.update(policy.getBytes(StandardCharsets.UTF_8));
        return verifier.verify(sig);
    }

    @Test
    void aSignedUrlNamesTheObjectAndKeyPairAndItsSignatureVerifiesWithThePublicKey() throws Exception {
        Instant before = Instant.now();

        URI url = signer(pkcs8Pem()).sign(KEY, Duration.ofMinutes(5));

        Map<String, String> q = query(url);
        assertThat(url.getScheme() + "://" + url.getHost() + url.getPath()).isEqualTo(BASE + "/" + KEY);
        assertThat(q.keySet()).containsExactly("Expires", "Signature", "Key-Pair-Id");
        assertThat(q.get("Key-Pair-Id")).isEqualTo("K2JCJMDEHXQW5F");
        long expires = Long.parseLong(q.get("Expires"));
        assertThat(expires).isBetween(before.plusSeconds(299).getEpochSecond(),
                Instant.now().plusSeconds(300).getEpochSecond());
        assertThat(cloudFrontAccepts(BASE + "/" + KEY, q.get("Expires"), q.get("Signature"), keys.getPublic()))
                .isTrue();
    }

    @Test
    void aLaterExpiryAnotherObjectOrAnotherKeyDoNotVerify() throws Exception {
        URI url = signer(pkcs8Pem()).sign(KEY, Duration.ofMinutes(5));
        Map<String, String> q = query(url);
        String extended = String.valueOf(Long.parseLong(q.get("Expires")) + 3600);
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        PublicKey stranger = g.generateKeyPair().getPublic();

        assertThat(cloudFrontAccepts(BASE + "/" + KEY, extended, q.get("Signature"), keys.getPublic())).isFalse();
        assertThat(cloudFrontAccepts(BASE + "/0" + KEY.substring(1), q.get("Expires"), q.get("Signature"),
                keys.getPublic())).isFalse();
        assertThat(cloudFrontAccepts(BASE + "/" + KEY, q.get("Expires"), q.get("Signature"), stranger)).isFalse();
    }

    @Test
    void aTraditionalPkcs1KeyFileWorksToo() throws Exception {
        // A PKCS#8 RSA key is a fixed 26-byte header followed by the PKCS#1 structure (openssl genrsa -traditional).
        byte[] pkcs8 = keys.getPrivate().getEncoded();
        Path pkcs1 = pem("RSA PRIVATE KEY", Arrays.copyOfRange(pkcs8, 26, pkcs8.length));

        Map<String, String> q = query(signer(pkcs1).sign(KEY, Duration.ofSeconds(30)));

        assertThat(cloudFrontAccepts(BASE + "/" + KEY, q.get("Expires"), q.get("Signature"), keys.getPublic()))
                .isTrue();
    }

    @Test
    void aMissingOrUnreadableKeyFileStopsStartUpNamingTheSetting() throws Exception {
        Path garbage = Files.writeString(dir.resolve("garbage.pem"), "not a key\n");

        assertThatThrownBy(() -> signer(dir.resolve("absent.pem")))
                .hasMessageContaining("teammusic.delivery.cloudfront.private-key-file");
        assertThatThrownBy(() -> signer(garbage))
                .hasMessageContaining("teammusic.delivery.cloudfront.private-key-file");
    }
}
