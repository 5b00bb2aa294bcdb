package io.teammusic.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Where the groups are found in a token's claims, for the shapes Cognito, Keycloak and others send. */
class OidcGroupsClaimTests {

    @Test
    void aTopLevelListClaimLikeCognitosGroups() {
        assertThat(OidcJwtDecoder.groups(Map.of("cognito:groups", List.of("a", "b")), "cognito:groups"))
                .containsExactly("a", "b");
    }

    @Test
    void aNestedPathLikeKeycloaksRealmRoles() {
        Map<String, Object> claims = Map.of("realm_access", Map.of("roles", List.of("offline_access", "music")));

        assertThat(OidcJwtDecoder.groups(claims, "realm_access.roles")).containsExactly("offline_access", "music");
    }

    @Test
    void aClaimNamedWithDotsIsFoundByItsFullNameFirst() {
        Map<String, Object> claims = Map.of("https://example.com/roles", List.of("admins"));

        assertThat(OidcJwtDecoder.groups(claims, "https://example.com/roles")).containsExactly("admins");
    }

    @Test
    void keycloakFullGroupPathsLoseTheirLeadingSlash() {
        assertThat(OidcJwtDecoder.groups(Map.of("groups", List.of("/teammusic-admins")), "groups"))
                .containsExactly("teammusic-admins");
    }

    @Test
    void aSpaceOrCommaSeparatedStringIsSplit() {
        assertThat(OidcJwtDecoder.groups(Map.of("groups", "a b,c"), "groups")).containsExactly("a", "b", "c");
    }

    @Test
    void aMissingOrWronglyShapedClaimHasNoGroups() {
        assertThat(OidcJwtDecoder.groups(Map.of(), "realm_access.roles")).isEmpty();
        assertThat(OidcJwtDecoder.groups(Map.of("realm_access", "x"), "realm_access.roles")).isEmpty();
        assertThat(OidcJwtDecoder.groups(Map.of("groups", 42), "groups")).isEmpty();
    }

    @Test
    void namesAreReducedToWhatOurUserNameRuleAccepts() {
        assertThat(OidcUsers.sanitize("Zoë Smith", "sub")).isEqualTo("Zoë_Smith");
        assertThat(OidcUsers.sanitize(null, "abc-123")).isEqualTo("abc-123");
        assertThat(OidcUsers.sanitize("x".repeat(80), "s")).hasSize(64);
    }
}
