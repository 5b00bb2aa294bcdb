package io.teammusic.ingest.bucket;

import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * {@code java -jar teammusic.jar import-bucket [PREFIX]}: the reconcile of {@code POST /api/bucket/reconcile} from
 * the command line, with the S3 settings of the server. Run again after a crash, it resumes where it stopped.
 * Exit status: 0 when every object was taken in or known, 1 when some were rejected or failed, 2 on a usage error.
 */
@Component
@Profile("cli-bucket")
class BucketImportCommand implements ApplicationRunner {

    private final BucketReconciler reconciler;
    private final ConfigurableApplicationContext context;

    BucketImportCommand(BucketReconciler reconciler, ConfigurableApplicationContext context) {
        this.reconciler = reconciler;
        this.context = context;
    }

    @Override
    public void run(ApplicationArguments args) {
        int status = execute(args.getNonOptionArgs(), System.err, System.out);
        System.exit(SpringApplication.exit(context, () -> status));
    }

    int execute(List<String> args, PrintStream err, PrintStream out) {
        if (args.isEmpty() || args.size() > 2 || !"import-bucket".equals(args.get(0))) {
            err.println("usage: teammusic import-bucket [PREFIX]");
            return 2;
        }
        String prefix = args.size() == 2 ? args.get(1) : "";
        AtomicLong seen = new AtomicLong();
        try {
            BucketObjects.Scan s = reconciler.reconcile(prefix, line -> {
                long n = seen.incrementAndGet();
                if (n % 100 == 0) {
                    err.println(n + " objects...");
                }
            });
            out.printf("Reconciled prefix '%s': %d ingested, %d unchanged, %d rejected, %d failed, %d dropped%n",
                    prefix, s.ingested(), s.unchanged(), s.rejected(), s.failed(), s.dropped());
            return s.rejected() + s.failed() == 0 ? 0 : 1;
        } catch (Exception e) {
            err.println("import-bucket: " + e.getMessage());
            return 2;
        }
    }
}
