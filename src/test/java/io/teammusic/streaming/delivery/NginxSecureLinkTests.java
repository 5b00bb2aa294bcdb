package io.teammusic.streaming.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** The token nginx's secure_link_md5 checks; NginxEdgeTests runs it against a real nginx. */
class NginxSecureLinkTests {

    static final String SECRET = "unit-test-secret-0123456789abcdefghijkl";
    static final String EDGE = "unit-test-edge-secret-0123456789abcdefgh";
    static final String KEY = "00ff";
    static final String PATH = NginxSecureLink.PATH_PREFIX + KEY;
    static final Instant NOW = Instant.ofEpochSecond(1_800_000_000L);

    final NginxSecureLink link = new NginxSecureLink(
            new DeliveryProperties.Nginx(URI.create("https://cdn.example.com/"), SECRET, EDGE));

    @Test
    void theTokenIsBase64UrlOfMd5OverExpiryPathAndSecretAsNginxComputesIt() throws Exception {
        URI url = link.sign(KEY, NOW.plusSeconds(300));

        byte[] md5 = MessageDigest.getInstance("MD5").digest(
                ((NOW.getEpochSecond() + 300) + PATH + " " + SECRET).getBytes(StandardCharsets.UTF_8));
        assertThat(url.toString()).isEqualTo("https://cdn.example.com" + PATH + "?md5="
                + Base64.getUrlEncoder().withoutPadding().encodeToString(md5) + "&expires=" + (NOW.getEpochSecond()
                + 300));
    }

    @Test
    void onlyTheExactPathExpiryAndTokenVerifyAndOnlyBeforeTheExpiry() {
        String exp = String.valueOf(NOW.getEpochSecond() + 300);
        String token = token(link.sign(KEY, NOW.plusSeconds(300)));

        assertThat(link.verify(PATH, exp, token, null, NOW)).isTrue();
        assertThat(link.verify(PATH, exp, token, null, NOW.plusSeconds(300))).isTrue();
        assertThat(link.verify(PATH, exp, token, null, NOW.plusSeconds(301))).isFalse();
        assertThat(link.verify(PATH, String.valueOf(NOW.getEpochSecond() + 3600), token, null, NOW)).isFalse();
        assertThat(link.verify(PATH + "0", exp, token, null, NOW)).isFalse();
        assertThat(link.verify(PATH, "+" + exp, token, null, NOW)).as("not the string nginx signed").isFalse();
        assertThat(link.verify(PATH, "0" + exp, token, null, NOW)).isFalse();
        assertThat(link.verify(PATH, exp, token.substring(1), null, NOW)).isFalse();
        assertThat(link.verify(PATH, null, token, null, NOW)).isFalse();
        assertThat(link.verify(PATH, exp, null, null, NOW)).isFalse();
        assertThat(link.verify(PATH, "soon", token, null, NOW)).isFalse();
    }

    @Test
    void anotherSecretSignsDifferently() {
        NginxSecureLink other = new NginxSecureLink(new DeliveryProperties.Nginx(URI.create("https://cdn.example.com"),
                SECRET + "x", null));
        String exp = String.valueOf(NOW.getEpochSecond() + 300);

        assertThat(link.verify(PATH, exp, token(other.sign(KEY, NOW.plusSeconds(300))), null, NOW)).isFalse();
    }

    @Test
    void theEdgeHeaderLetsAnAuthenticExpiredUrlThroughButNeverAForgedOne() {
        String exp = String.valueOf(NOW.getEpochSecond() - 60);
        String token = token(link.sign(KEY, NOW.minusSeconds(60)));
        NginxSecureLink withoutEdgeSecret = new NginxSecureLink(
                new DeliveryProperties.Nginx(URI.create("https://cdn.example.com"), SECRET, null));

        assertThat(link.verify(PATH, exp, token, EDGE, NOW)).isTrue();
        assertThat(link.verify(PATH, exp, token, EDGE + "x", NOW)).isFalse();
        assertThat(link.verify(PATH, exp, token, null, NOW)).isFalse();
        assertThat(link.verify(PATH + "0", exp, token, EDGE, NOW)).isFalse();
        assertThat(withoutEdgeSecret.verify(PATH, exp, token, EDGE, NOW)).isFalse();
    }

    private static String token(URI url) {
        return url.getQuery().replaceAll("md5=([^&]+)&.*", "$1");
    }
}
