package io.teammusic.ingest.bucket;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The sweep of abandoned direct uploads runs on Spring's scheduler. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class BucketConfiguration {
}
