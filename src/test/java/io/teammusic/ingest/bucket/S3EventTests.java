package io.teammusic.ingest.bucket;

import static io.teammusic.ingest.bucket.BucketReconcileTests.putObject;
import static io.teammusic.ingest.bucket.BucketReconcileTests.trackTitled;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.teammusic.testing.Api;
import java.net.InetSocketAddress;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * S3 event notifications: the event message as S3 writes it (to SQS, or MinIO to a webhook) and inside an SNS
 * envelope, written here after the documented S3 event message structure (eventVersion 2.1), about real objects
 * in S3Proxy.
 */
class S3EventTests extends BucketAppTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    S3EventService events;

    @Test
    void anObjectCreatedEventTakesTheObjectInAndAnObjectRemovedEventInSnsDropsIt() throws Exception {
        byte[] audio = Files.readAllBytes(noiseFlac("evented.flac", 2, "Evented"));
        putObject("events/my song.flac", audio);
        Api admin = admin();

        Api.Response created = post(s3Event("ObjectCreated:Put", BUCKET, PREFIX + "events/my+song.flac",
                audio.length), Map.of("X-Teammusic-Events-Secret", EVENTS_SECRET));

        assertThat(created.status()).as(created.body()).isEqualTo(202);
        assertThat(created.json().get("queued").asInt()).isEqualTo(1);
        events.drain();
        JsonNode track = trackTitled(admin, "Evented");
        assertThat(track.get("originalFilename").asText()).isEqualTo("my song.flac");
        assertThat(admin.get("/api/tracks/" + track.get("id").asText() + "/stream").bytes()).isEqualTo(audio);

        // The same event again (SNS and SQS deliver at least once) changes nothing.
        post(s3Event("ObjectCreated:Put", BUCKET, PREFIX + "events/my+song.flac", audio.length),
                Map.of("X-Teammusic-Events-Secret", EVENTS_SECRET));
        events.drain();
        assertThat(admin.get("/api/tracks?size=500").json().get("items").findValuesAsText("title"))
                .containsOnlyOnce("Evented");

        try (S3Client raw = rawClient()) {
            raw.deleteObject(d -> d.bucket(BUCKET).key(PREFIX + "events/my song.flac"));
        }
        String basic = "Basic " + Base64.getEncoder().encodeToString(("sns:" + EVENTS_SECRET)
                .getBytes(StandardCharsets.UTF_8));
        Api.Response removed = post(sns(s3Event("ObjectRemoved:Delete", BUCKET,
                PREFIX + "events/my+song.flac", 0)), Map.of("Authorization", basic,
                        "Content-Type", "text/plain; charset=UTF-8", "x-amz-sns-message-type", "Notification"));

        assertThat(removed.status()).as(removed.body()).isEqualTo(202);
        events.drain();
        assertThat(admin.get("/api/tracks/" + track.get("id").asText()).status()).isEqualTo(404);
    }

    @Test
    void aMinioStyleEventNameAndEventsOfOtherBucketsOrPrefixesAreSortedOut() throws Exception {
        byte[] audio = Files.readAllBytes(noiseFlac("minio.flac", 2, "From MinIO"));
        putObject("events/minio.flac", audio);
        String body = "{\"EventName\":\"s3:ObjectCreated:Put\",\"Key\":\"" + BUCKET + "/" + PREFIX
                + "events/minio.flac\",\"Records\":["
                + record("s3:ObjectCreated:Put", BUCKET, PREFIX + "events/minio.flac", audio.length) + ","
                + record("ObjectCreated:Put", "someone-elses-bucket", PREFIX + "events/minio.flac", 1) + ","
                + record("ObjectCreated:Put", BUCKET, "other-prefix/x.flac", 1) + ","
                + record("ObjectCreated:Put", BUCKET, PREFIX + "ab".repeat(32), 1) + ","
                + record("ObjectRestore:Completed", BUCKET, PREFIX + "events/minio.flac", 1) + "]}";

        Api.Response r = post(body, Map.of("X-Teammusic-Events-Secret", EVENTS_SECRET));

        assertThat(r.status()).as(r.body()).isEqualTo(202);
        assertThat(r.json().get("queued").asInt()).isEqualTo(1);
        assertThat(r.json().get("ignored").asInt()).isEqualTo(4);
        events.drain();
        assertThat(trackTitled(admin(), "From MinIO")).isNotNull();
    }

    @Test
    void withoutTheSecretNothingIsDoneAndABodyThatIsNoEventIsA400() {
        String event = s3Event("ObjectCreated:Put", BUCKET, PREFIX + "events/none.flac", 10);

        assertThat(post(event, Map.of()).status()).isEqualTo(401);
        assertThat(post(event, Map.of("X-Teammusic-Events-Secret", "wrong")).status()).isEqualTo(401);
        assertThat(post(event, Map.of("Authorization", "Basic " + Base64.getEncoder()
                .encodeToString("sns:wrong".getBytes(StandardCharsets.UTF_8)))).status()).isEqualTo(401);
        assertThat(post("{not json", Map.of("X-Teammusic-Events-Secret", EVENTS_SECRET)).status()).isEqualTo(400);
        assertThat(post("{\"hello\":1}", Map.of("X-Teammusic-Events-Secret", EVENTS_SECRET)).status())
                .isEqualTo(400);
        Api.Response test = post("{\"Service\":\"Amazon S3\",\"Event\":\"s3:TestEvent\",\"Time\":"
                + "\"2026-12-03T10:00:00.000Z\",\"Bucket\":\"" + BUCKET + "\"}",
                Map.of("X-Teammusic-Events-Secret", EVENTS_SECRET));
        assertThat(test.status()).isEqualTo(202);
        assertThat(test.json().get("queued").asInt()).isZero();
    }

    @Test
    void anSnsSubscriptionIsConfirmedOnlyOnAnAllowedHost() throws Exception {
        AtomicInteger hits = new AtomicInteger();
        HttpServer sns = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        sns.createContext("/", exchange -> {
            hits.incrementAndGet();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        sns.start();
        try {
            int port = sns.getAddress().getPort();
            String allowed = subscription("http://127.0.0.1:" + port + "/?Action=ConfirmSubscription&Token=t1");
            String elsewhere = subscription("http://localhost:" + port + "/?Action=ConfirmSubscription&Token=t2");

            Api.Response refused = post(elsewhere, Map.of("X-Teammusic-Events-Secret", EVENTS_SECRET));
            assertThat(refused.status()).isEqualTo(400);
            assertThat(hits).hasValue(0);
            assertThat(post(allowed, Map.of()).status()).isEqualTo(401);
            assertThat(hits).hasValue(0);

            Api.Response confirmed = post(allowed, Map.of("X-Teammusic-Events-Secret", EVENTS_SECRET));

            assertThat(confirmed.status()).as(confirmed.body()).isEqualTo(200);
            assertThat(confirmed.json().get("confirmed").asBoolean()).isTrue();
            assertThat(hits).hasValue(1);
        } finally {
            sns.stop(0);
        }
    }

    @Test
    void theParserReadsKeysAsS3EncodesThem() {
        S3Events.Message m = S3Events.parse("{\"Records\":[" + record("ObjectRemoved:DeleteMarkerCreated", "b",
                "dir/caf%C3%A9+%2B+more.flac", 0) + "]}");

        assertThat(m.events()).singleElement().satisfies(e -> {
            assertThat(e.kind()).isEqualTo(S3Events.Kind.REMOVED);
            assertThat(e.key()).isEqualTo("dir/café + more.flac");
        });
        assertThatThrownBy(() -> S3Events.parse("[]")).isInstanceOf(IllegalArgumentException.class);
    }

    private Api.Response post(String body, Map<String, String> headers) {
        Api anonymous = api();
        HttpRequest.Builder b = anonymous.request("/hooks/s3-events")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        b.header("Content-Type", "application/json");
        headers.forEach(b::setHeader);
        return anonymous.send(b.build());
    }

    /** A notification as S3 sends it (eventVersion 2.1), with the key form-encoded as S3 does. */
    static String s3Event(String eventName, String bucket, String encodedKey, long size) {
        return "{\"Records\":[" + record(eventName, bucket, encodedKey, size) + "]}";
    }

    static String record(String eventName, String bucket, String encodedKey, long size) {
        return """
                {"eventVersion":"2.1","eventSource":"aws:s3","awsRegion":"us-east-1",
                 "eventTime":"2026-12-03T10:00:00.000Z","eventName":"%s",
                 "userIdentity":{"principalId":"AWS:AIDAEXAMPLE"},
                 "requestParameters":{"sourceIPAddress":"127.0.0.1"},
                 "responseElements":{"x-amz-request-id":"C3D13FE58DE4C810",
                   "x-amz-id-2":"FMyUVURIY8/IgAtTv8xRjskZQpcIZ9KG4V5Wp6S7S/JRWeUWerMUE5J"},
                 "s3":{"s3SchemaVersion":"1.0","configurationId":"teammusic",
                   "bucket":{"name":"%s","ownerIdentity":{"principalId":"A3NL1KOZZKExample"},
                     "arn":"arn:aws:s3:::%s"},
                   "object":{"key":"%s","size":%d,"eTag":"d41d8cd98f00b204e9800998ecf8427e",
                     "sequencer":"0055AED6DCD90281E5"}}}
                """.formatted(eventName, bucket, bucket, encodedKey, size);
    }

    /** The SNS envelope an HTTPS subscription receives: the S3 event is the Message, as a string. */
    static String sns(String message) throws Exception {
        return JSON.writeValueAsString(Map.of("Type", "Notification",
                "MessageId", "22b80b92-fdea-4c2c-8f9d-bdfb0c7bf324",
                "TopicArn", "arn:aws:sns:us-east-1:123456789012:teammusic-bucket",
                "Subject", "Amazon S3 Notification", "Message", message,
                "Timestamp", "2026-12-03T10:00:00.000Z", "SignatureVersion", "1", "Signature", "EXAMPLE",
                "SigningCertURL", "https://sns.us-east-1.amazonaws.com/SimpleNotificationService-0000.pem",
                "UnsubscribeURL", "https://sns.us-east-1.amazonaws.com/?Action=Unsubscribe"));
    }

    private static String subscription(String subscribeUrl) throws Exception {
        return JSON.writeValueAsString(Map.of("Type", "SubscriptionConfirmation",
                "MessageId", "165545c9-2a5c-472c-8df2-7ff2be2b3b1b", "Token", "2336412f37",
                "TopicArn", "arn:aws:sns:us-east-1:123456789012:teammusic-bucket",
                "Message", "You have chosen to subscribe to the topic.", "SubscribeURL", subscribeUrl,
                "Timestamp", "2026-12-03T10:00:00.000Z", "SignatureVersion", "1", "Signature", "EXAMPLE",
                "SigningCertURL", "https://sns.us-east-1.amazonaws.com/SimpleNotificationService-0000.pem"));
    }
}
