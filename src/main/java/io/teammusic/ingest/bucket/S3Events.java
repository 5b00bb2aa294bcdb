package io.teammusic.ingest.bucket;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads S3 event notifications in the shapes they arrive in: the S3 event message itself ({@code Records}, as S3
 * puts it in SQS and MinIO posts it to a webhook), or inside an SNS envelope ({@code Type: Notification}, the
 * event in {@code Message} as a string), and SNS's subscription messages.
 */
final class S3Events {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    enum Kind { CREATED, REMOVED }

    /** One record about one object; {@code key} is decoded (S3 sends it form-encoded: a space is {@code +}). */
    record Event(Kind kind, String bucket, String key, String eventName) {
    }

    /** What a body holds: events, an SNS subscription to confirm, or nothing we act on (an S3 test event). */
    record Message(List<Event> events, String subscribeUrl, List<String> ignored) {
    }

    private S3Events() {
    }

    /** @throws IllegalArgumentException when the body is not JSON of a shape we know */
    static Message parse(String body) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("the body is not JSON");
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("the body is not a JSON object");
        }
        String snsType = root.path("Type").asString(null);
        if ("SubscriptionConfirmation".equals(snsType)) {
            String url = root.path("SubscribeURL").asString(null);
            if (url == null) {
                throw new IllegalArgumentException("an SNS SubscriptionConfirmation without SubscribeURL");
            }
            return new Message(List.of(), url, List.of());
        }
        if ("UnsubscribeConfirmation".equals(snsType)) {
            return new Message(List.of(), null, List.of("SNS UnsubscribeConfirmation"));
        }
        if ("Notification".equals(snsType)) {
            // The S3 event is the Message, as a JSON string.
            return parse(root.path("Message").asString(""));
        }
        if ("s3:TestEvent".equals(root.path("Event").asString(null))) {
            return new Message(List.of(), null, List.of("s3:TestEvent"));
        }
        JsonNode records = root.path("Records");
        if (!records.isArray()) {
            throw new IllegalArgumentException("neither an S3 event (Records) nor an SNS message (Type)");
        }
        List<Event> events = new ArrayList<>();
        List<String> ignored = new ArrayList<>();
        for (JsonNode r : records) {
            // MinIO writes "s3:ObjectCreated:Put", S3 itself "ObjectCreated:Put".
            String name = r.path("eventName").asString("");
            String bare = name.startsWith("s3:") ? name.substring(3) : name;
            Kind kind = bare.startsWith("ObjectCreated:") ? Kind.CREATED
                    : bare.startsWith("ObjectRemoved:") ? Kind.REMOVED : null;
            String bucket = r.path("s3").path("bucket").path("name").asString(null);
            String key = r.path("s3").path("object").path("key").asString(null);
            if (kind == null || bucket == null || key == null) {
                ignored.add(name.isEmpty() ? "a record without eventName" : name);
                continue;
            }
            events.add(new Event(kind, bucket, URLDecoder.decode(key, StandardCharsets.UTF_8), name));
        }
        return new Message(events, null, ignored);
    }
}
