package io.teammusic.ingest;

import io.teammusic.storage.LocalFiles;
import io.teammusic.storage.StorageProperties;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * {@code java -jar teammusic.jar import DIR}: runs every file under DIR through the upload pipeline, several at a
 * time, with a progress bar on stderr and a summary at the end. The originals are copied, never moved or changed.
 *
 * <p>{@code import --in-place DIR} (local storage only) leaves the files where they are and streams from them
 * ({@link InPlaceImport}); run again, it skips the files that did not change without reading them, reads the
 * changed ones again, and drops the tracks of files that are gone.
 *
 * <p>Memory stays flat whatever the number of files: the tree is walked lazily (once to count, for the ETA, and
 * once to import), at most a fixed number of files are in flight, and only counts and the first few rejections
 * are kept for the summary.
 *
 * <p>Exit status: 0 when every file was imported or already known, 1 when some were rejected or failed, 2 on a
 * usage error.
 */
@Component
@Profile("cli")
class ImportCommand implements ApplicationRunner {

    static final int EXIT_OK = 0;
    static final int EXIT_REJECTED = 1;
    static final int EXIT_USAGE = 2;
    private static final int REJECTION_EXAMPLES = 20;

    private final IngestService ingest;
    private final InPlaceImport inPlace;
    private final IngestProperties props;
    private final StorageProperties storage;
    private final ConfigurableApplicationContext context;

    ImportCommand(IngestService ingest, InPlaceImport inPlace, IngestProperties props, StorageProperties storage,
            ConfigurableApplicationContext context) {
        this.ingest = ingest;
        this.inPlace = inPlace;
        this.props = props;
        this.storage = storage;
        this.context = context;
    }

    @Override
    public void run(ApplicationArguments args) {
        boolean unknownOption = args.getOptionNames().stream().anyMatch(o -> !o.equals("in-place"));
        int status = unknownOption ? usage(System.err)
                : execute(args.getNonOptionArgs(), args.containsOption("in-place"), System.err, System.out);
        // A command, not a server: close the context and leave with the status, whatever threads remain.
        System.exit(SpringApplication.exit(context, () -> status));
    }

    /** Counters of one run; the tally is all that grows with the number of files, and it does not. */
    static final class Tally {
        final AtomicLong imported = new AtomicLong();
        final AtomicLong duplicates = new AtomicLong();
        final AtomicLong rejected = new AtomicLong();
        final AtomicLong bytes = new AtomicLong();
        final AtomicLong walked = new AtomicLong();
        /** In place: files recorded as they still are, skipped without being read. */
        final AtomicLong unchanged = new AtomicLong();
        /** In place: files that differ from what was recorded, read again (and counted again as what they became). */
        final AtomicLong changed = new AtomicLong();
        /** In place: recorded files that are gone; their tracks are dropped. */
        final AtomicLong vanished = new AtomicLong();
        final ConcurrentLinkedQueue<String> vanishedExamples = new ConcurrentLinkedQueue<>();
        final Map<String, AtomicLong> reasons = new ConcurrentHashMap<>();
        final ConcurrentLinkedQueue<String> examples = new ConcurrentLinkedQueue<>();
        final AtomicLong exampleCount = new AtomicLong();

        void reject(Path file, String reason) {
            rejected.incrementAndGet();
            // Reasons are a handful of fixed texts (not audio, undecodable, too large, I/O error...).
            reasons.computeIfAbsent(reason, r -> new AtomicLong()).incrementAndGet();
            if (exampleCount.incrementAndGet() <= REJECTION_EXAMPLES) {
                examples.add(file + ": " + reason);
            }
        }

        void vanish(String path) {
            if (vanished.incrementAndGet() <= REJECTION_EXAMPLES) {
                vanishedExamples.add(path);
            }
        }
    }

    private static int usage(PrintStream err) {
        err.println("usage: teammusic import [--in-place] DIR");
        return EXIT_USAGE;
    }

    int execute(List<String> args, boolean inPlaceMode, PrintStream err, PrintStream out) {
        if (args.size() != 2 || !"import".equals(args.get(0))) {
            return usage(err);
        }
        if (inPlaceMode && storage.type() != StorageProperties.Type.LOCAL) {
            err.println("import --in-place: needs local storage (teammusic.storage.type=local); with S3 the server"
                    + " cannot read files on this disk later. Copy them (import DIR) or put them in the bucket"
                    + " and run import-bucket.");
            return EXIT_USAGE;
        }
        Path root = Path.of(args.get(1)).toAbsolutePath().normalize();
        if (!Files.isDirectory(root)) {
            err.println("import: not a folder: " + root);
            return EXIT_USAGE;
        }
        if (inPlaceMode) {
            inPlace.prepare();
        }
        long total = count(root);
        Tally tally = new Tally();
        long started = System.nanoTime();
        int parallel = props.effectiveImportThreads();
        try (ProgressBar bar = new ProgressBarBuilder().setTaskName("Importing").setInitialMax(total)
                .setStyle(ProgressBarStyle.ASCII).setConsumer(new ConsoleProgressBarConsumer(err))
                .setUpdateIntervalMillis(500).showSpeed().setUnit(" files", 1).build();
                ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor()) {
            Semaphore inFlight = new Semaphore(parallel);
            walk(root, (file, attrs) -> {
                inFlight.acquireUninterruptibly();
                workers.execute(() -> {
                    try {
                        tally.walked.incrementAndGet();
                        if (inPlaceMode) {
                            inPlace.importOne(file, LocalFiles.Fingerprint.of(attrs), tally);
                        } else {
                            importOne(file, tally);
                        }
                    } finally {
                        bar.step();
                        inFlight.release();
                    }
                });
            });
            inFlight.acquireUninterruptibly(parallel);
        }
        if (inPlaceMode) {
            inPlace.dropVanished(root, tally);
        }
        double seconds = Math.max(1e-9, (System.nanoTime() - started) / 1e9);
        printSummary(out, root, tally, seconds, inPlaceMode);
        return tally.rejected.get() == 0 ? EXIT_OK : EXIT_REJECTED;
    }

    private void importOne(Path file, Tally tally) {
        try {
            IngestResult r = ingest.ingest(file);
            switch (r.outcome()) {
                case CREATED -> {
                    tally.imported.incrementAndGet();
                    tally.bytes.addAndGet(r.track().sizeBytes());
                }
                case DUPLICATE -> tally.duplicates.incrementAndGet();
                case REJECTED -> tally.reject(file, reason(r));
            }
        } catch (IOException | UncheckedIOException e) {
            tally.reject(file, "cannot read the file (" + e.getClass().getSimpleName() + ")");
        } catch (RuntimeException e) {
            tally.reject(file, "failed to store (" + e.getClass().getSimpleName() + ")");
        }
    }

    static String reason(IngestResult r) {
        return switch (r.error().getStatus()) {
            case 400 -> "empty (0 bytes)";
            case 415 -> "not audio (415)";
            case 422 -> "audio that cannot be decoded (422)";
            case 413 -> "larger than teammusic.ingest.max-file-size (413)";
            default -> r.error().getDetail() + " (" + r.error().getStatus() + ")";
        };
    }

    private static void printSummary(PrintStream out, Path root, Tally t, double seconds, boolean inPlaceMode) {
        long files = t.walked.get();
        out.printf("Import%s of %s finished in %.1f s: %d files, %.1f files/s, %.1f MB/s%n",
                inPlaceMode ? " in place" : "", root, seconds, files, files / seconds, t.bytes.get() / 1e6 / seconds);
        out.printf("  imported:   %d%n  duplicates: %d%n  rejected:   %d%n", t.imported.get(), t.duplicates.get(),
                t.rejected.get());
        if (inPlaceMode) {
            out.printf("  unchanged:  %d (not read again)%n  changed:    %d (read again)%n"
                    + "  vanished:   %d (dropped from the catalog)%n", t.unchanged.get(), t.changed.get(),
                    t.vanished.get());
        }
        t.reasons.forEach((reason, n) -> out.printf("    %6d  %s%n", n.get(), reason));
        if (!t.examples.isEmpty()) {
            out.println("  first rejections:");
            for (String e : t.examples) {
                out.println("    " + e);
            }
        }
        if (!t.vanishedExamples.isEmpty()) {
            out.println("  first vanished:");
            for (String e : t.vanishedExamples) {
                out.println("    " + e);
            }
        }
    }

    private static long count(Path root) {
        AtomicLong n = new AtomicLong();
        walk(root, (f, attrs) -> n.incrementAndGet());
        return n.get();
    }

    /** Visits regular files depth-first without collecting them, skipping hidden files and folders. */
    private static void walk(Path root, BiConsumer<Path, BasicFileAttributes> onFile) {
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    return !dir.equals(root) && hidden(dir) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (attrs.isRegularFile() && !hidden(file)) {
                        onFile.accept(file, attrs);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot walk " + root, e);
        }
    }

    private static boolean hidden(Path p) {
        return p.getFileName() != null && p.getFileName().toString().startsWith(".");
    }
}
