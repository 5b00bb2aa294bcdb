package io.teammusic.streaming;

import io.micrometer.observation.ObservationPredicate;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.server.observation.ServerRequestObservationContext;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.StrictHttpFirewall;

/**
 * Keeps per-request overhead off the byte path. Profiled under the ranged-read bench (bench/README.md), the
 * observation wrapped around each of Spring Security's filters, the per-request HTTP timer, the firewall's header
 * regex, the bearer token regex and Spring MVC's dispatch together cost several times what serving a small range does.
 */
@Configuration(proxyBeanMethods = false)
class StreamingConfiguration {

    /**
     * No Micrometer observation around every security filter, authentication and authorisation. The security
     * decisions are unchanged; only their tracing spans go. This applies to every request, not only streams.
     */
    @Bean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    /**
     * Spring Security's strict firewall with its own header and parameter rules, checked by a loop instead of a
     * regular expression (see {@link HeaderChars}). Everything else about the firewall is its default.
     */
    @Bean
    HttpFirewall httpFirewall() {
        StrictHttpFirewall firewall = new StrictHttpFirewall();
        firewall.setAllowedHeaderNames(HeaderChars::validName);
        firewall.setAllowedHeaderValues(v -> HeaderChars.validValue(v) || HeaderChars.validUtf8Bytes(v));
        firewall.setAllowedParameterNames(HeaderChars::validName);
        return firewall;
    }

    /** Picked up by the resource server in place of its default; see {@link FastBearerTokenResolver}. */
    @Bean
    BearerTokenResolver bearerTokenResolver() {
        return new FastBearerTokenResolver();
    }

    /**
     * Ahead of Spring Security's filter (order -100) and of the request-context and form filters, right after
     * the character-encoding and observation filters.
     */
    @Bean
    FilterRegistrationBean<StreamFilter> streamFilter(StreamSources sources, StreamService streams,
            JwtDecoder jwts, io.teammusic.auth.UserService users) {
        FilterRegistrationBean<StreamFilter> reg =
                new FilterRegistrationBean<>(new StreamFilter(sources, streams, jwts, users.activeCheck()));
        reg.addUrlPatterns("/api/tracks/*");
        reg.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return reg;
    }

    /** No {@code http.server.requests} timer for stream and cover requests; every other endpoint keeps it. */
    @Bean
    ObservationPredicate noObservationOfByteRequests() {
        return (name, context) -> !(context instanceof ServerRequestObservationContext c
                && isByteRequest(c.getCarrier().getRequestURI()));
    }

    static boolean isByteRequest(String uri) {
        return uri != null && (uri.startsWith("/api/tracks/") || uri.startsWith("/api/albums/"))
                && (uri.endsWith("/stream") || uri.endsWith("/cover"));
    }
}
