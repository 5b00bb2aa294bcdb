package io.teammusic;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Entry point. With no arguments it runs the server; {@code import DIR} runs the bulk importer over a folder
 * and exits (see {@link io.teammusic.ingest.ImportCommand}); {@code import-bucket [PREFIX]} reconciles the S3
 * bucket with the catalog and exits.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class TeammusicApplication {

    public static void main(String[] args) {
        SpringApplication app = new SpringApplication(TeammusicApplication.class);
        if (args.length > 0 && "import".equals(args[0])) {
            // The importer shares the whole pipeline with the server but needs no HTTP port.
            app.setWebApplicationType(org.springframework.boot.WebApplicationType.NONE);
            app.setAdditionalProfiles("cli");
        } else if (args.length > 0 && "import-bucket".equals(args[0])) {
            // The bucket reconcile (io.teammusic.ingest.bucket.BucketImportCommand), also without a port.
            app.setWebApplicationType(org.springframework.boot.WebApplicationType.NONE);
            app.setAdditionalProfiles("cli-bucket");
        }
        app.run(args);
    }
}
