package io.teammusic.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.teammusic.shared.Ids;
import io.teammusic.testing.ServerTest;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The grouped row commit of {@link CatalogWriter#insert(NewTrack, Runnable)}: rows that arrive while a commit
 * runs are committed together afterwards, each in its own savepoint. Each test lines up a group for real: a first
 * insert holds the writer inside its transaction until the others are queued behind it.
 */
class GroupedCommitTests extends ServerTest {

    @Autowired
    CatalogWriter writer;

    @Autowired
    JdbcClient jdbc;

    /** One thread per insert: the common pool has a single thread on a 2-core machine, and the held one takes it. */
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    @BeforeEach
    void deferredCheckTable() {
        // A constraint checked only at COMMIT: how a test makes the commit of a whole group fail, on both databases.
        jdbc.sql("CREATE TABLE IF NOT EXISTS grouped_commit_probe (track_id TEXT REFERENCES tracks (id)"
                + " DEFERRABLE INITIALLY DEFERRED)").update();
    }

    @Test
    void rowsQueuedDuringACommitLandTogetherAndADuplicateOrAFailingRowRollsBackAlone() throws Exception {
        String tag = Ids.newId();
        NewTrack existing = track(tag + " existing", "Existing " + tag);
        assertThat(writer.insert(existing)).isPresent();
        long groupsBefore = writer.groupedCommits();

        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Optional<String>> first = hold(track(tag + " first", "First " + tag), release);
        CompletableFuture<Optional<String>> good = queue(track(tag + " good", "Good " + tag), 1);
        // Same bytes as the stored track, under an artist nothing else names: its artist row must roll back too.
        NewTrack sameBytes = new NewTrackBuilder(tag + " again", "Only In Duplicate " + tag)
                .hash(existing.contentHash()).build();
        CompletableFuture<Optional<String>> duplicate = queue(sameBytes, 2);
        // A NOT NULL column left null: the database refuses this row (and on PostgreSQL would abort the whole
        // transaction, but for its savepoint).
        NewTrack broken = new NewTrackBuilder(tag + " broken", "Only In Broken " + tag).mime(null).build();
        CompletableFuture<Optional<String>> failing = queue(broken, 3);
        CompletableFuture<Optional<String>> last = queue(track(tag + " last", "Last " + tag), 4);
        release.countDown();

        assertThat(first.get(30, TimeUnit.SECONDS)).isPresent();
        assertThat(good.get(30, TimeUnit.SECONDS)).isPresent();
        assertThat(duplicate.get(30, TimeUnit.SECONDS)).isEmpty();
        assertThatThrownBy(() -> failing.get(30, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(DataAccessException.class);
        assertThat(last.get(30, TimeUnit.SECONDS)).isPresent();
        assertThat(writer.groupedCommits() - groupsBefore).as("the held commit, then one for the four behind it")
                .isEqualTo(2);
        assertThat(titlesLike(tag)).containsExactlyInAnyOrder(tag + " existing", tag + " first", tag + " good",
                tag + " last");
        assertThat(artistsLike(tag)).containsExactlyInAnyOrder("Existing " + tag, "First " + tag, "Good " + tag,
                "Last " + tag);
        assertThat(jdbc.sql("SELECT title FROM albums WHERE title LIKE ?").param(tag + "%").query(String.class)
                .list()).containsExactlyInAnyOrder(tag + " existing album", tag + " first album",
                        tag + " good album", tag + " last album");
    }

    @Test
    void aGroupWhoseCommitFailsStoresNoneOfItsRowsAndTellsEveryCaller() throws Exception {
        String tag = Ids.newId();
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Optional<String>> first = hold(track(tag + " held", "Held " + tag), release);
        CompletableFuture<Optional<String>> good = queue(track(tag + " fine", "Fine " + tag), 1);
        CompletableFuture<Optional<String>> poison = queue(track(tag + " poison", "Poison " + tag),
                () -> jdbc.sql("INSERT INTO grouped_commit_probe (track_id) VALUES ('no such track')").update(), 2);
        CompletableFuture<Optional<String>> alsoGood = queue(track(tag + " also", "Also " + tag), 3);
        release.countDown();

        assertThat(first.get(30, TimeUnit.SECONDS)).isPresent();
        for (CompletableFuture<Optional<String>> f : List.of(good, poison, alsoGood)) {
            assertThatThrownBy(() -> f.get(30, TimeUnit.SECONDS)).as("every row of the failed group is told")
                    .isInstanceOf(ExecutionException.class);
        }
        assertThat(titlesLike(tag)).containsExactly(tag + " held");
        assertThat(artistsLike(tag)).containsExactly("Held " + tag);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM grouped_commit_probe").query(Integer.class).single()).isZero();

        // The writer goes on: the next insert commits as usual.
        assertThat(writer.insert(track(tag + " after", "After " + tag))).isPresent();
        assertThat(titlesLike(tag)).containsExactlyInAnyOrder(tag + " held", tag + " after");
    }

    /** Starts an insert that holds the writer inside its transaction until {@code release}. */
    private CompletableFuture<Optional<String>> hold(NewTrack t, CountDownLatch release) {
        CountDownLatch inside = new CountDownLatch(1);
        CompletableFuture<Optional<String>> f = CompletableFuture.supplyAsync(() -> writer.insert(t, () -> {
            inside.countDown();
            try {
                if (!release.await(60, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("never released");
                }
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }), threads);
        try {
            assertThat(inside.await(30, TimeUnit.SECONDS)).as("the first insert runs its transaction").isTrue();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
        return f;
    }

    private CompletableFuture<Optional<String>> queue(NewTrack t, int waiting) {
        return queue(t, () -> { }, waiting);
    }

    /** Starts an insert and waits until it is the {@code waiting}-th queued behind the held one. */
    private CompletableFuture<Optional<String>> queue(NewTrack t, Runnable alongside, int waiting) {
        CompletableFuture<Optional<String>> f =
                CompletableFuture.supplyAsync(() -> writer.insert(t, alongside), threads);
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> writer.waitingInserts() == waiting);
        return f;
    }

    private List<String> titlesLike(String tag) {
        return jdbc.sql("SELECT title FROM tracks WHERE title LIKE ?").param(tag + "%").query(String.class).list();
    }

    private List<String> artistsLike(String tag) {
        return jdbc.sql("SELECT name FROM artists WHERE name LIKE ?").param("%" + tag).query(String.class).list();
    }

    private static NewTrack track(String title, String artist) {
        return new NewTrackBuilder(title, artist).build();
    }

    /** A track as ingest would hand it over, with distinct bytes (a random hash) unless told otherwise. */
    private static final class NewTrackBuilder {
        private final String title;
        private final String artist;
        private String hash = Ids.newId() + Ids.newId();
        private String mime = "audio/mpeg";

        NewTrackBuilder(String title, String artist) {
            this.title = title;
            this.artist = artist;
        }

        NewTrackBuilder hash(String h) {
            this.hash = h;
            return this;
        }

        NewTrackBuilder mime(String m) {
            this.mime = m;
            return this;
        }

        NewTrack build() {
            return new NewTrack(hash, hash, 1000, mime, "mp3", "mp3", title + ".mp3", title, artist,
                    List.of(artist), title + " album", null, false, 1, null, null, null, 2026, List.of("Test"),
                    null, null, null, 1000L, 128, 44100, 2, null, null);
        }
    }
}
