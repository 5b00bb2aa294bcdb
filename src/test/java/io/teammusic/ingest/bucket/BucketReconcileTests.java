package io.teammusic.ingest.bucket;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.teammusic.shared.Ids;
import io.teammusic.testing.Api;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/** Reconciles of a bucket prefix with the catalog, against S3Proxy with real objects. */
class BucketReconcileTests extends BucketAppTest {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    BucketReconciler reconciler;

    @Test
    void aReconcileTakesInNewObjectsInPlaceIsIdempotentAndDropsRemovedOnes() throws Exception {
        Path a = noiseFlac("a.flac", 2, "Library A");
        Path b = noiseFlac("b.flac", 2, "Library B");
        putObject("library/a.flac", Files.readAllBytes(a));
        putObject("library/sub/b.flac", Files.readAllBytes(b));
        putObject("library/notes.txt", "not audio at all".getBytes(StandardCharsets.UTF_8));
        Api admin = admin();

        JsonNode first = reconcile(admin, "library/");

        assertThat(first.get("state").asText()).isEqualTo("finished");
        assertThat(counts(first)).containsExactly(2, 0, 1, 0, 0);
        JsonNode trackA = trackTitled(admin, "Library A");
        assertThat(trackA.get("originalFilename").asText()).isEqualTo("a.flac");
        Api.Response streamed = admin.get("/api/tracks/" + trackA.get("id").asText() + "/stream");
        assertThat(streamed.bytes()).isEqualTo(Files.readAllBytes(a));
        // In place: no copy of the audio under its hash next to the objects.
        assertThat(keys("")).doesNotContain(PREFIX + trackA.get("contentHash").asText());

        JsonNode again = reconcile(admin, "library/");
        assertThat(counts(again)).containsExactly(0, 3, 0, 0, 0);

        String idB = trackTitled(admin, "Library B").get("id").asText();
        try (S3Client raw = rawClient()) {
            raw.deleteObject(d -> d.bucket(BUCKET).key(PREFIX + "library/sub/b.flac"));
        }
        JsonNode afterDelete = reconcile(admin, "library/");

        assertThat(counts(afterDelete)).containsExactly(0, 2, 0, 0, 1);
        assertThat(admin.get("/api/tracks/" + idB).status()).isEqualTo(404);
        assertThat(keys("library/")).containsExactly(PREFIX + "library/a.flac", PREFIX + "library/notes.txt");
        assertThat(admin.get("/api/tracks/" + trackA.get("id").asText()).status()).isEqualTo(200);
    }

    @Test
    void aReconcileCutShortResumesAfterTheLastObjectItFinished() throws Exception {
        putObject("resume/1.flac", Files.readAllBytes(noiseFlac("1.flac", 2, "Resume one")));
        Api admin = admin();
        assertThat(counts(reconcile(admin, "resume/"))).containsExactly(1, 0, 0, 0, 0);
        putObject("resume/2.flac", Files.readAllBytes(noiseFlac("2.flac", 2, "Resume two")));
        // A second run that stopped (crashed) right after it had finished 1.flac:
        String crashed = Ids.newId();
        long now = System.currentTimeMillis();
        jdbc.sql("INSERT INTO bucket_scans (id, prefix, state, last_key, unchanged, started_at, updated_at)"
                + " VALUES (?, 'resume/', 'running', 'resume/1.flac', 1, ?, ?)").params(crashed, now, now).update();
        jdbc.sql("UPDATE bucket_objects SET scan_id = ? WHERE object_key = 'resume/1.flac'").param(crashed).update();

        JsonNode resumed = reconcile(admin, "resume/");

        assertThat(resumed.get("id").asText()).isEqualTo(crashed);
        // 1.flac is neither read again nor taken for gone; 2.flac comes in.
        assertThat(counts(resumed)).containsExactly(1, 1, 0, 0, 0);
        assertThat(trackTitled(admin, "Resume one")).isNotNull();
        assertThat(trackTitled(admin, "Resume two")).isNotNull();
    }

    @Test
    void anObjectWithTheBytesOfAnotherKeepsOneTrackThatMovesWhenTheFirstGoes() throws Exception {
        byte[] same = Files.readAllBytes(noiseFlac("twin.flac", 2, "Twin"));
        putObject("twins/a.flac", same);
        putObject("twins/b.flac", same);
        Api admin = admin();
        assertThat(counts(reconcile(admin, "twins/"))).containsExactly(2, 0, 0, 0, 0);
        String id = trackTitled(admin, "Twin").get("id").asText();

        try (S3Client raw = rawClient()) {
            raw.deleteObject(d -> d.bucket(BUCKET).key(PREFIX + "twins/a.flac"));
        }
        assertThat(counts(reconcile(admin, "twins/"))).containsExactly(0, 1, 0, 0, 1);

        assertThat(admin.get("/api/tracks/" + id + "/stream").bytes()).isEqualTo(same);
    }

    @Test
    void theCommandLineReconcilesWithTheSameSettings() throws Exception {
        putObject("cli/one.flac", Files.readAllBytes(noiseFlac("one.flac", 2, "From the command line")));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int status = new BucketImportCommand(reconciler, null).execute(List.of("import-bucket", "cli/"),
                new PrintStream(err, true, StandardCharsets.UTF_8), new PrintStream(out, true, StandardCharsets.UTF_8));

        assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("1 ingested, 0 unchanged, 0 rejected");
        assertThat(trackTitled(admin(), "From the command line")).isNotNull();
        assertThat(new BucketImportCommand(reconciler, null).execute(List.of("import-bucket", "a", "b"),
                new PrintStream(err), new PrintStream(out))).isEqualTo(2);
    }

    @Test
    void theServersOwnKeysAreNeverTakenInAndANonAdminMayNotReconcile() throws Exception {
        Api admin = admin();
        byte[] audio = Files.readAllBytes(noiseFlac("own.flac", 2, "Own key"));
        putObject("uploads/zzz-left-over", audio);
        assertThat(admin.post("/api/bucket/reconcile", Map.of("prefix", "uploads/")).status()).isEqualTo(400);
        String hashLike = "ab".repeat(32);
        putObject(hashLike, new byte[] {1, 2, 3});

        try {
            JsonNode all = reconcile(admin, "");

            assertThat(jdbc.sql("SELECT COUNT(*) FROM bucket_objects WHERE object_key IN (?, ?)")
                    .params("uploads/zzz-left-over", hashLike).query(Integer.class).single()).isZero();
            assertThat(all.get("failed").asInt()).isZero();
        } finally {
            try (S3Client raw = rawClient()) {
                raw.deleteObject(d -> d.bucket(BUCKET).key(PREFIX + "uploads/zzz-left-over"));
                raw.deleteObject(d -> d.bucket(BUCKET).key(PREFIX + hashLike));
            }
        }
        admin.post("/api/users", Map.of("username", "listener-bucket", "password", "listener-password-2",
                "role", "USER"));
        Api user = api().login("listener-bucket", "listener-password-2");
        assertThat(user.post("/api/bucket/reconcile", Map.of()).status()).isEqualTo(403);
        assertThat(user.get("/api/bucket/scans").status()).isEqualTo(403);
    }

    static void putObject(String key, byte[] bytes) {
        try (S3Client raw = rawClient()) {
            raw.putObject(p -> p.bucket(BUCKET).key(PREFIX + key), RequestBody.fromBytes(bytes));
        }
    }

    private static JsonNode reconcile(Api admin, String prefix) {
        Api.Response r = admin.post("/api/bucket/reconcile", Map.of("prefix", prefix));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    /** ingested, unchanged, rejected, failed, dropped. */
    private static List<Integer> counts(JsonNode scan) {
        return List.of(scan.get("ingested").asInt(), scan.get("unchanged").asInt(), scan.get("rejected").asInt(),
                scan.get("failed").asInt(), scan.get("dropped").asInt());
    }

    static JsonNode trackTitled(Api admin, String title) {
        for (JsonNode t : admin.get("/api/tracks?size=500").json().get("items")) {
            if (title.equals(t.get("title").asText())) {
                return t;
            }
        }
        throw new AssertionError("no track titled " + title);
    }

    static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        new Random().nextBytes(b);
        return b;
    }
}
