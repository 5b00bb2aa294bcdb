package io.teammusic.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collection;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The one place that says who may call what. Admin routes are listed here as well as guarded with
 * {@code @PreAuthorize} on their handlers, so that forgetting one of the two still leaves the other.
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
class SecurityConfiguration {

    /** The HTTP side only exists in the server; the import command and other non-web runs have no filter chain. */
    @Configuration(proxyBeanMethods = false)
    @org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication
    static class WebSecurity {

        @Bean
        SecurityFilterChain api(HttpSecurity http, UrlSigner signer, UserService users) throws Exception {
            return SecurityConfiguration.filterChain(http, signer, users);
        }
    }

    @Bean
    SigningKeys signingKeys(KeyProperties props, ServerKeyStore store) {
        return SigningKeys.load(props, store);
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return new BCryptPasswordEncoder(11);
    }

    @Bean
    JwtEncoder jwtEncoder(SigningKeys keys) {
        return new NimbusJwtEncoder(new ImmutableJWKSet<>(new com.nimbusds.jose.jwk.JWKSet(keys.rsa())));
    }

    /** Our own tokens (unless built-in accounts are off) and the external provider's (when one is set). */
    @Bean
    JwtDecoder jwtDecoder(SigningKeys keys, AuthProperties auth, OidcProperties oidc, OidcUsers oidcUsers)
            throws JOSEException {
        // The current key and any previous ones still accepted after a rotation.
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSource(new ImmutableJWKSet<>(keys.publicJwks()))
                .jwsAlgorithm(SignatureAlgorithm.RS256).build();
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
                JwtValidators.createDefaultWithIssuer(auth.issuer())));
        return new CachingJwtDecoder(new IssuerRoutingJwtDecoder(oidc.localLoginEnabled() ? decoder : null,
                oidc.oidcEnabled() ? new OidcJwtDecoder(oidc, oidcUsers) : null));
    }

    @Bean
    UrlSigner urlSigner(SigningKeys keys) {
        return new UrlSigner(keys.urlKey(), keys.previousUrlKeys());
    }

    /** A valid token of an account disabled since it was issued is refused at once, not when it expires. */
    static org.springframework.core.convert.converter.Converter<org.springframework.security.oauth2.jwt.Jwt,
            org.springframework.security.authentication.AbstractAuthenticationToken> activeUsersOnly(
            JwtAuthenticationConverter roles, UserService users) {
        return jwt -> {
            if (Boolean.TRUE.equals(jwt.getClaim(OidcJwtDecoder.NO_ACCESS_CLAIM))) {
                // Signed in at the identity provider but in none of our groups: known, and allowed nothing (403).
                return new org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken(
                        jwt, List.of(), jwt.getSubject());
            }
            if (!users.isActive(jwt.getSubject())) {
                throw new org.springframework.security.oauth2.server.resource.InvalidBearerTokenException(
                        "The account is disabled or no longer exists.");
            }
            return roles.convert(jwt);
        };
    }

    static JwtAuthenticationConverter rolesConverter() {
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(jwt -> {
            Object claim = jwt.getClaims().get("roles");
            Collection<GrantedAuthority> out = new java.util.ArrayList<>();
            if (claim instanceof Collection<?> roles) {
                for (Object r : roles) {
                    out.add(new SimpleGrantedAuthority("ROLE_" + r));
                }
            }
            return out;
        });
        converter.setPrincipalClaimName("sub");
        return converter;
    }

    static SecurityFilterChain filterChain(HttpSecurity http, UrlSigner signer, UserService users) throws Exception {
        http.csrf(c -> c.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .httpBasic(b -> b.disable())
                .formLogin(f -> f.disable())
                .logout(l -> l.disable())
                .requestCache(c -> c.disable())
                .anonymous(a -> { })
                .authorizeHttpRequests(a -> a
                        .requestMatchers(HttpMethod.POST, "/api/auth/login", "/api/auth/refresh", "/api/auth/logout")
                        .permitAll()
                        .requestMatchers(HttpMethod.GET, "/api/auth/config").permitAll()
                        .requestMatchers(HttpMethod.HEAD, "/api/auth/config").permitAll()
                        .requestMatchers("/.well-known/jwks.json", "/actuator/health", "/actuator/health/**")
                        .permitAll()
                        // The Subsonic API authenticates each request by its own parameters.
                        .requestMatchers("/rest/**").permitAll()
                        .requestMatchers("/api/users", "/api/users/**").hasRole("ADMIN")
                        .requestMatchers(HttpMethod.POST, "/api/tracks", "/api/tracks/**").hasRole("ADMIN")
                        .requestMatchers(HttpMethod.PATCH, "/api/tracks/**").hasRole("ADMIN")
                        .requestMatchers(HttpMethod.DELETE, "/api/tracks/**").hasRole("ADMIN")
                        // A role, not just a login: a provider's user in none of our groups has none.
                        .requestMatchers("/api/**", "/actuator/**").hasAnyRole("ADMIN", "USER")
                        // Everything else is the web app's static shell and its routes.
                        .anyRequest().permitAll())
                .oauth2ResourceServer(o -> o
                        .jwt(j -> j.jwtAuthenticationConverter(activeUsersOnly(rolesConverter(), users)))
                        .authenticationEntryPoint((req, res, e) -> problem(res, 401, "Unauthorized",
                                "A valid bearer token is required."))
                        .accessDeniedHandler((req, res, e) -> problem(res, 403, "Forbidden",
                                "Your role does not allow this."))
                        .withObjectPostProcessor(providerOutageIs503()))
                .exceptionHandling(e -> e
                        .authenticationEntryPoint((req, res, ex) -> problem(res, 401, "Unauthorized",
                                "A valid bearer token is required."))
                        .accessDeniedHandler((req, res, ex) -> problem(res, 403, "Forbidden",
                                "Your role does not allow this.")))
                .addFilterBefore(new SignedUrlFilter(signer, users), BearerTokenAuthenticationFilter.class);
        return http.build();
    }

    /**
     * A token that could not be checked because the identity provider's discovery or keys cannot be fetched is
     * the server's trouble, not the caller's: 503, so that clients retry instead of dropping their session.
     */
    private static org.springframework.security.config.ObjectPostProcessor<BearerTokenAuthenticationFilter>
            providerOutageIs503() {
        return new org.springframework.security.config.ObjectPostProcessor<>() {
            @Override
            public <O extends BearerTokenAuthenticationFilter> O postProcess(O filter) {
                filter.setAuthenticationFailureHandler((req, res, e) -> {
                    if (e instanceof org.springframework.security.authentication.AuthenticationServiceException) {
                        problem(res, 503, "Service Unavailable",
                                "The identity provider cannot be reached to check the token; try again shortly.");
                    } else {
                        problem(res, 401, "Unauthorized", "A valid bearer token is required.");
                    }
                });
                return filter;
            }
        };
    }

    static void problem(HttpServletResponse res, int status, String title, String detail) throws IOException {
        if (res.isCommitted()) {
            return;
        }
        res.setStatus(status);
        res.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        res.setCharacterEncoding("UTF-8");
        if (status == 401) {
            res.setHeader("WWW-Authenticate", "Bearer");
        }
        res.getWriter().write(io.teammusic.shared.ProblemJson.of(status, title, detail));
    }

}
