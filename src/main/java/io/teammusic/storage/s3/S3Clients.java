package io.teammusic.storage.s3;

import io.teammusic.storage.StorageProperties;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.SdkSystemSetting;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/** Builds the SDK client from {@code teammusic.storage.s3.*}. */
final class S3Clients {

    // Enough for the streaming path's concurrent ranged reads plus uploads; the SDK default of 50 is tight.
    private static final int MAX_CONNECTIONS = 128;

    private S3Clients() {
    }

    /**
     * The HTTP transport, one pool for the SDK's calls and the store's own ranged GETs. The caller owns and closes
     * it: a client passed to the SDK builder is not closed with the S3 client.
     */
    static SdkHttpClient httpClient() {
        return Apache5HttpClient.builder()
                .maxConnections(MAX_CONNECTIONS)
                .connectionTimeout(Duration.ofSeconds(5))
                .connectionAcquisitionTimeout(Duration.ofSeconds(30))
                .socketTimeout(Duration.ofSeconds(60))
                .build();
    }

    /** A builder with everything but credentials decided; tests add their own credentials or interceptors. */
    static S3ClientBuilder builder(StorageProperties.S3 settings, SdkHttpClient http) {
        S3ClientBuilder b = S3Client.builder()
                .httpClient(http)
                .region(region(settings))
                .forcePathStyle(settings.pathStyle())
                // The SDK's default since 2.30 is to add CRC checksums to every upload and to demand them back;
                // S3Proxy, older MinIO, Ceph and R2 reject or lack them. Only what the API requires is sent.
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        if (settings.endpoint() != null) {
            b.endpointOverride(settings.endpoint());
        }
        return b;
    }

    /** The client the application uses: credentials from the AWS default chain. */
    static S3Client create(StorageProperties.S3 settings, SdkHttpClient http) {
        return builder(settings, http).credentialsProvider(DefaultCredentialsProvider.builder().build()).build();
    }

    private static Region region(StorageProperties.S3 settings) {
        if (settings.region() != null && !settings.region().isBlank()) {
            return Region.of(settings.region());
        }
        if (settings.endpoint() != null) {
            // S3-compatible servers mostly ignore the region but sign with one; us-east-1 is what they expect.
            return Region.US_EAST_1;
        }
        try {
            return DefaultAwsRegionProviderChain.builder().build().getRegion();
        } catch (SdkClientException e) {
            throw new IllegalStateException("teammusic.storage.s3.region is not set and the AWS default chain "
                    + "found no region (" + SdkSystemSetting.AWS_REGION.environmentVariable()
                    + ", ~/.aws/config, instance metadata)", e);
        }
    }
}
