import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Runs the embedded PostgreSQL 17 (zonky's binaries, the ones the tests use) for the search bench on a fixed port
 * with a data directory that survives runs, so a 1M-track catalog is built once. C.UTF-8 locale, as pg_trgm
 * needs for Thai and Japanese. Throwaway data: fsync and synchronous commit are off to build faster.
 *
 * <p>Usage: {@code java BenchPostgres DATA_DIR PORT READY_FILE}; writes READY_FILE when up, stops when killed.
 */
public class BenchPostgres {

    public static void main(String[] args) throws Exception {
        File dir = new File(args[0]);
        Files.createDirectories(dir.toPath());
        EmbeddedPostgres pg = EmbeddedPostgres.builder()
                .setDataDirectory(dir)
                .setCleanDataDirectory(false)
                .setPort(Integer.parseInt(args[1]))
                .setLocaleConfig("locale", "C.UTF-8")
                .setLocaleConfig("encoding", "UTF8")
                .setServerConfig("fsync", "off")
                .setServerConfig("synchronous_commit", "off")
                .setServerConfig("shared_buffers", "512MB")
                .setServerConfig("maintenance_work_mem", "512MB")
                .setServerConfig("max_wal_size", "8GB")
                .setServerConfig("work_mem", "16MB")
                .start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                pg.close();
            } catch (Exception e) {
                System.err.println("could not stop PostgreSQL: " + e);
            }
        }));
        Files.writeString(Path.of(args[2]), pg.getJdbcUrl("postgres", "postgres"));
        System.out.println("PostgreSQL up on port " + pg.getPort());
        Thread.currentThread().join();
    }
}
