package io.teammusic.testing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * The cached admin token of {@link ServerTest} is replaced before it runs out: on a server whose tokens live
 * less than the margin, every call logs in again, and each token it hands out works.
 */
@TestPropertySource(properties = "teammusic.auth.access-token-ttl=4m")
class AdminTokenTests extends ServerTest {

    @Test
    void aCachedAdminTokenCloseToItsExpiryIsReplacedByAFreshLogin() {
        String first = adminToken();
        String second = adminToken();
        assertThat(second).isNotEqualTo(first);
        for (String token : new String[] {first, second}) {
            assertThat(api().withToken(token).get("/api/me").status()).isEqualTo(200);
        }
    }
}
