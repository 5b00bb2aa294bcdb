package io.teammusic.streaming;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Configuration;

/** teammusic.streaming.* binds and validates the way start-up does: a bad value fails naming its property. */
class StreamingSettingsTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
            .withUserConfiguration(Settings.class);

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(StreamingProperties.class)
    static class Settings {
    }

    @Test
    void longBodiesGetABoundedBufferAndALongerIdleTimeoutByDefault() {
        runner.run(c -> {
            StreamingProperties p = c.getBean(StreamingProperties.class);
            assertThat(p.longBodySendBuffer().toKilobytes()).isEqualTo(32);
            assertThat(p.longBodyIdleTimeout()).isEqualTo(Duration.ofSeconds(120));
            assertThat(p.longBody().toMegabytes()).isEqualTo(1);
        });
    }

    @Test
    void zeroKeepsTheConnectorsIdleTimeout() {
        runner.withPropertyValues("teammusic.streaming.long-body-idle-timeout=0s")
                .run(c -> assertThat(c.getBean(StreamingProperties.class).longBodyIdleTimeout()).isZero());
    }

    @Test
    void anIdleTimeoutOutsideZeroToAnHourFailsNamingIt() {
        fails("teammusic.streaming.long-body-idle-timeout must be between 0 and 1h",
                "teammusic.streaming.long-body-idle-timeout=-1s");
        fails("teammusic.streaming.long-body-idle-timeout must be between 0 and 1h",
                "teammusic.streaming.long-body-idle-timeout=2h");
    }

    @Test
    void aSendBufferUnder4KbFailsNamingIt() {
        fails("teammusic.streaming.long-body-send-buffer must be between",
                "teammusic.streaming.long-body-send-buffer=1KB");
    }

    private void fails(String message, String... properties) {
        runner.withPropertyValues(properties).run(c -> assertThat(c).hasFailed().getFailure()
                .hasStackTraceContaining(message));
    }
}
