package io.teammusic.streaming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;

class FastBearerTokenResolverTests {

    // The expression Spring Security's DefaultBearerTokenResolver uses.
    private static final Pattern DEFAULT = Pattern.compile("^Bearer (?<token>[a-zA-Z0-9-._~+/]+=*)$",
            Pattern.CASE_INSENSITIVE);

    private static MockHttpServletRequest withAuthorization(String value) {
        MockHttpServletRequest r = new MockHttpServletRequest("GET", "/api/tracks/x/stream");
        if (value != null) {
            r.addHeader("Authorization", value);
        }
        return r;
    }

    @Test
    void wellFormedTokensResolveExactlyAsTheDefaultDoes() {
        FastBearerTokenResolver fast = new FastBearerTokenResolver();
        DefaultBearerTokenResolver standard = new DefaultBearerTokenResolver();
        for (String h : new String[] {"Bearer abc", "bearer abc.def-ghi_jkl~mno+pqr/stu==", "BEARER x=",
                "Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl"}) {
            assertThat(DEFAULT.matcher(h).matches()).isTrue();
            assertThat(fast.resolve(withAuthorization(h))).isEqualTo(standard.resolve(withAuthorization(h)));
        }
    }

    @Test
    void absentOrOtherSchemesResolveToNothing() {
        FastBearerTokenResolver fast = new FastBearerTokenResolver();
        assertThat(fast.resolve(withAuthorization(null))).isNull();
        assertThat(fast.resolve(withAuthorization("Basic YWRtaW46eA=="))).isNull();
    }

    @Test
    void malformedBearerTokensAreRejectedAsBefore() {
        FastBearerTokenResolver fast = new FastBearerTokenResolver();
        for (String h : new String[] {"Bearer ", "Bearer a b", "Bearer =abc", "Bearer abc=d", "Bearer a\u00e9"}) {
            assertThat(DEFAULT.matcher(h).matches()).as(h).isFalse();
            assertThatThrownBy(() -> fast.resolve(withAuthorization(h))).as(h)
                    .isInstanceOf(OAuth2AuthenticationException.class);
        }
    }

    @Test
    void b64TokenGrammar() {
        assertThat(FastBearerTokenResolver.isB64Token("Bearer a", 7)).isTrue();
        assertThat(FastBearerTokenResolver.isB64Token("Bearer a==", 7)).isTrue();
        assertThat(FastBearerTokenResolver.isB64Token("Bearer ==", 7)).isFalse();
        assertThat(FastBearerTokenResolver.isB64Token("Bearer a=a", 7)).isFalse();
    }
}
