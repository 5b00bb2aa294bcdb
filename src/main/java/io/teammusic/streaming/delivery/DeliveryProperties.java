package io.teammusic.streaming.delivery;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How a track's audio reaches a player (docs/cdn.md).
 *
 * @param mode {@code proxy}: the app sends the bytes; {@code redirect}: the app answers each stream request with a
 *     302 to a freshly signed URL of the blob on a CDN or the bucket
 * @param signer who signs the redirect target: {@code s3} (presigned GET of the bucket), {@code cloudfront}
 *     (canned-policy signed URL) or {@code nginx} (an nginx edge checking {@code secure_link_md5})
 * @param ttl lifetime of a redirect target; short, because the URL a client holds is ours and stays valid, and
 *     every request to it signs a new one
 * @param proxyClients Subsonic client names (the {@code c} parameter, compared ignoring case) that do not follow
 *     redirects: they get the bytes from the app in either mode
 */
@Validated
@ConfigurationProperties("teammusic.delivery")
public record DeliveryProperties(
        @NotNull @DefaultValue("proxy") Mode mode,
        @NotNull @DefaultValue("s3") Signer signer,
        @NotNull @DefaultValue("5m") @DurationMin(seconds = 1) @DurationMax(days = 7) Duration ttl,
        @NotNull @DefaultValue List<String> proxyClients,
        @Valid @DefaultValue CloudFront cloudfront,
        @Valid @DefaultValue Nginx nginx) {

    public enum Mode { PROXY, REDIRECT }

    public enum Signer { S3, CLOUDFRONT, NGINX }

    @AssertTrue(message = "teammusic.delivery.cloudfront.base-url, key-pair-id and private-key-file must be set "
            + "when teammusic.delivery.signer=cloudfront")
    public boolean isCloudfrontConfigured() {
        return !uses(Signer.CLOUDFRONT) || (cloudfront != null && cloudfront.baseUrl() != null
                && cloudfront.keyPairId() != null && cloudfront.privateKeyFile() != null);
    }

    @AssertTrue(message = "teammusic.delivery.nginx.base-url and secret must be set when "
            + "teammusic.delivery.signer=nginx")
    public boolean isNginxConfigured() {
        return !uses(Signer.NGINX) || (nginx != null && nginx.baseUrl() != null && nginx.secret() != null);
    }

    /** True when Subsonic client {@code c} must be sent the bytes even in redirect mode. */
    public boolean proxiesClient(String client) {
        if (client == null || proxyClients == null) {
            return false;
        }
        String c = client.strip().toLowerCase(Locale.ROOT);
        return proxyClients.stream().anyMatch(p -> p.strip().toLowerCase(Locale.ROOT).equals(c));
    }

    private boolean uses(Signer s) {
        return mode == Mode.REDIRECT && signer == s;
    }

    /**
     * A CloudFront distribution in front of the bucket, with a trusted key group holding the public key.
     *
     * @param baseUrl the distribution's URL up to the storage key, e.g. {@code https://d111.cloudfront.net/music}
     *     when the origin path or the store's prefix is {@code music/}
     * @param keyPairId the id CloudFront gave the public key ({@code K2JCJMDEHXQW5F})
     * @param privateKeyFile the PEM file of the matching RSA private key (PKCS#8 or PKCS#1)
     */
    public record CloudFront(URI baseUrl, String keyPairId, Path privateKeyFile) {

        @AssertTrue(message = "teammusic.delivery.cloudfront.base-url must be an absolute https or http URL")
        public boolean isBaseUrlValid() {
            return baseUrl == null || isHttpUrl(baseUrl);
        }
    }

    /**
     * An nginx edge with {@code secure_link} checking our signatures before it serves from its cache or asks us.
     *
     * @param baseUrl the edge's URL; redirects go to {@code base-url + /cdn/blobs/{key}}
     * @param secret shared with the edge's {@code secure_link_md5} line; at least 32 characters
     * @param edgeSecret optional; sent by the edge as {@code X-Teammusic-Edge} on its requests to us, it lets the
     *     later slices of a long response through after the URL that started it has expired
     */
    public record Nginx(URI baseUrl, String secret, String edgeSecret) {

        @AssertTrue(message = "teammusic.delivery.nginx.base-url must be an absolute https or http URL")
        public boolean isBaseUrlValid() {
            return baseUrl == null || isHttpUrl(baseUrl);
        }

        @AssertTrue(message = "teammusic.delivery.nginx.secret must be at least 32 characters of printable ASCII "
                + "without spaces or quotes")
        public boolean isSecretValid() {
            return secret == null || goodSecret(secret);
        }

        @AssertTrue(message = "teammusic.delivery.nginx.edge-secret must be at least 32 characters of printable "
                + "ASCII without spaces or quotes")
        public boolean isEdgeSecretValid() {
            return edgeSecret == null || goodSecret(edgeSecret);
        }

        // It is written verbatim into nginx.conf, inside a quoted string.
        private static boolean goodSecret(String s) {
            return s.length() >= 32 && s.chars().allMatch(c -> c > 32 && c < 127 && c != '"' && c != '\''
                    && c != '\\' && c != ';' && c != '$');
        }
    }

    private static boolean isHttpUrl(URI u) {
        return ("https".equals(u.getScheme()) || "http".equals(u.getScheme())) && u.getHost() != null
                && u.getQuery() == null && u.getFragment() == null;
    }
}
