package io.teammusic.auth;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Reversible encryption of app passwords (AES-256-GCM). Subsonic token auth sends md5(secret + salt), so the server
 * must be able to recover the secret; a hash alone would not do. The row id is bound in as associated data, so a
 * ciphertext copied onto another row fails to decrypt.
 */
final class AppPasswordCipher {

    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();

    private AppPasswordCipher(byte[] key) {
        this.key = new SecretKeySpec(key, "AES");
    }

    static final String KEY_NAME = "app-password-key.hex";

    /** The key from configuration when given, else the stored one, generated on first use. */
    static AppPasswordCipher create(String configuredSecret, ServerKeyStore store) {
        if (configuredSecret != null && !configuredSecret.isBlank()) {
            return new AppPasswordCipher(sha256(configuredSecret.getBytes(StandardCharsets.UTF_8)));
        }
        byte[] key = HexFormat.of().parseHex(store.readOrCreate(KEY_NAME, SigningKeys::randomHex).strip());
        if (key.length != 32) {
            throw new IllegalStateException("The stored app password key " + KEY_NAME + " does not hold 32 bytes"
                    + " in hex; restore it (removing it makes every app password unusable)");
        }
        return new AppPasswordCipher(key);
    }

    String encrypt(String secret, String rowId) {
        try {
            byte[] iv = new byte[IV_BYTES];
            random.nextBytes(iv);
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            c.updateAAD(rowId.getBytes(StandardCharsets.UTF_8));
            byte[] body = c.doFinal(secret.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(ByteBuffer.allocate(iv.length + body.length)
                    .put(iv).put(body).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM encryption failed", e);
        }
    }

    /** The clear secret, or null when the ciphertext was made with another key or belongs to another row. */
    String decrypt(String stored, String rowId) {
        try {
            byte[] all = Base64.getDecoder().decode(stored);
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, all, 0, IV_BYTES));
            c.updateAAD(rowId.getBytes(StandardCharsets.UTF_8));
            return new String(c.doFinal(all, IV_BYTES, all.length - IV_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return null;
        }
    }

    static byte[] sha256(byte[] in) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(in);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String sha256Hex(String s) {
        return HexFormat.of().formatHex(sha256(s.getBytes(StandardCharsets.UTF_8)));
    }
}
