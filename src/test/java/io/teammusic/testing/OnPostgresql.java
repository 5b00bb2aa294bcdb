package io.teammusic.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.ContextConfiguration;

/**
 * Runs a {@link ServerTest} class's server on the embedded PostgreSQL instead of SQLite. Every class so marked
 * (and adding no properties of its own) shares one server and one database, the way the SQLite classes share
 * theirs, so rerunning a test class on PostgreSQL costs one server start, not one per class:
 * <pre>
 * &#64;OnPostgresql
 * class PostgresUploadTests extends UploadTests {
 * }
 * </pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@ContextConfiguration(initializers = OnPostgresql.Initializer.class)
public @interface OnPostgresql {

    /** Points the context at the shared database, created on first use. */
    final class Initializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

        private static String url;

        private static synchronized String url() {
            if (url == null) {
                url = EmbeddedPostgresql.createDatabase("on_postgresql");
            }
            return url;
        }

        @Override
        public void initialize(ConfigurableApplicationContext context) {
            TestPropertyValues.of(EmbeddedPostgresql.properties(url())).applyTo(context);
        }
    }
}
