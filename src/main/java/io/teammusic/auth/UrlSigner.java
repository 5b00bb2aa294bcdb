package io.teammusic.auth;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs and checks URLs that carry their own authorisation, for clients that cannot send a header (an
 * {@code <audio>} element). The signature covers the path, the user and the expiry, so changing any of them, or
 * reusing one track's signature on another, fails the check. Expiry is inside the MAC and cannot be extended.
 */
public final class UrlSigner {

    /** Query parameter names of a signed URL. */
    public static final String USER = "u";
    public static final String EXPIRES = "exp";
    public static final String SIGNATURE = "sig";

    private final SecretKeySpec key;
    private final List<SecretKeySpec> previous;

    UrlSigner(byte[] key) {
        this(key, List.of());
    }

    /** Signs with {@code key}; URLs signed with one of {@code previous} (before a rotation) still verify. */
    UrlSigner(byte[] key, List<byte[]> previous) {
        this.key = new SecretKeySpec(key, "HmacSHA256");
        this.previous = previous.stream().map(k -> new SecretKeySpec(k, "HmacSHA256")).toList();
    }

    /** The query string (without {@code ?}) that authorises {@code userId} to GET {@code path} until expiry. */
    public String sign(String path, String userId, Instant expires) {
        long exp = expires.getEpochSecond();
        return USER + "=" + userId + "&" + EXPIRES + "=" + exp + "&" + SIGNATURE + "=" + mac(path, userId, exp);
    }

    /** True when the signature matches and has not expired. Comparison is constant-time. */
    public boolean verify(String path, String userId, String exp, String sig, Instant now) {
        if (userId == null || exp == null || sig == null) {
            return false;
        }
        long expSeconds;
        try {
            expSeconds = Long.parseLong(exp);
        } catch (NumberFormatException e) {
            return false;
        }
        if (now.getEpochSecond() > expSeconds) {
            return false;
        }
        byte[] given = sig.getBytes(StandardCharsets.US_ASCII);
        boolean ok = MessageDigest.isEqual(mac(key, path, userId, expSeconds).getBytes(StandardCharsets.US_ASCII),
                given);
        for (SecretKeySpec old : previous) {
            ok |= MessageDigest.isEqual(mac(old, path, userId, expSeconds).getBytes(StandardCharsets.US_ASCII),
                    given);
        }
        return ok;
    }

    private String mac(String path, String userId, long exp) {
        return mac(key, path, userId, exp);
    }

    private static String mac(SecretKeySpec key, String path, String userId, long exp) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            byte[] out = mac.doFinal((path + "\n" + userId + "\n" + exp).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(out);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }
}
