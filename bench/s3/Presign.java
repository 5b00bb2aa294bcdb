import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Prints a presigned GET URL for one object, so a plain HTTP client (wrk) can read it straight from the S3 server:
 * the ceiling the app's S3 proxy mode is measured against. Run with the source launcher on the bench classpath:
 * {@code java -cp CP bench/s3/Presign.java ENDPOINT BUCKET KEY ACCESS SECRET}.
 */
class Presign {
    public static void main(String[] args) {
        System.setProperty("aws.disableEc2Metadata", "true");
        try (S3Presigner p = S3Presigner.builder()
                .region(Region.US_EAST_1)
                .endpointOverride(URI.create(args[0]))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(args[3], args[4])))
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build())
                .build()) {
            System.out.println(p.presignGetObject(r -> r.signatureDuration(Duration.ofHours(2))
                    .getObjectRequest(g -> g.bucket(args[1]).key(args[2]))).url());
        }
    }
}
