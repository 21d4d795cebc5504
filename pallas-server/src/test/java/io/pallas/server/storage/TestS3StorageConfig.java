package io.pallas.server.storage;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TestS3StorageConfig
{
    @Test
    void defaultsAreAwsWithTheDefaultChain()
    {
        S3StorageConfig config = S3StorageConfig.fromSettings(Map.of(), "eu-west-1");
        assertThat(config.endpoint()).isEmpty();
        assertThat(config.region()).isEqualTo("eu-west-1");
        assertThat(config.pathStyle()).isFalse();
        assertThat(config.credentials()).isEmpty();
        assertThat(config.createBuckets()).isFalse();
        assertThat(config.maxAttempts()).isEqualTo(5);
        assertThat(config.partSize()).isEqualTo(8 * 1024 * 1024);
    }

    @Test
    void settings()
    {
        S3StorageConfig config = S3StorageConfig.fromSettings(Map.ofEntries(
                Map.entry("endpoint", "http://127.0.0.1:9000"),
                Map.entry("region", "us-west-2"),
                Map.entry("access-key-id", "AKID"),
                Map.entry("secret-access-key", "SECRET"),
                Map.entry("session-token", "TOKEN"),
                Map.entry("connect-timeout-seconds", "3"),
                Map.entry("socket-timeout-seconds", "4"),
                Map.entry("attempt-timeout-seconds", "5"),
                Map.entry("max-attempts", "2"),
                Map.entry("part-size-mb", "16"),
                Map.entry("create-buckets", "true")), "us-east-1");
        assertThat(config.endpoint()).contains(URI.create("http://127.0.0.1:9000"));
        assertThat(config.region()).isEqualTo("us-west-2");
        // an endpoint implies path style unless told otherwise
        assertThat(config.pathStyle()).isTrue();
        assertThat(config.credentials()).contains(new S3StorageConfig.Credentials("AKID", "SECRET", Optional.of("TOKEN")));
        assertThat(config.connectTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(config.socketTimeout()).isEqualTo(Duration.ofSeconds(4));
        assertThat(config.attemptTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.maxAttempts()).isEqualTo(2);
        assertThat(config.partSize()).isEqualTo(16 * 1024 * 1024);
        assertThat(config.createBuckets()).isTrue();
        assertThat(S3StorageConfig.fromSettings(Map.of("endpoint", "https://s3.example.test", "path-style", "false"), "us-east-1").pathStyle()).isFalse();
        assertThat(S3StorageConfig.fromSettings(Map.of("endpoint", " ", "access-key-id", ""), "us-east-1").endpoint()).isEmpty();
    }

    @Test
    void secretsStayOutOfToString()
    {
        S3StorageConfig config = S3StorageConfig.fromSettings(Map.of("access-key-id", "AKID", "secret-access-key", "SECRET", "session-token", "TOKEN"), "us-east-1");
        assertThat(config.toString()).contains("AKID").doesNotContain("SECRET").doesNotContain("TOKEN");
    }

    @Test
    void refusals()
    {
        assertThatThrownBy(() -> S3StorageConfig.fromSettings(Map.of("endpont", "x"), "us-east-1")).hasMessageContaining("Unknown S3 setting 'endpont'");
        assertThatThrownBy(() -> S3StorageConfig.fromSettings(Map.of("access-key-id", "AKID"), "us-east-1")).hasMessageContaining("together");
        assertThatThrownBy(() -> S3StorageConfig.fromSettings(Map.of("endpoint", "ftp://host"), "us-east-1")).hasMessageContaining("http");
        assertThatThrownBy(() -> S3StorageConfig.fromSettings(Map.of("part-size-mb", "4"), "us-east-1")).hasMessageContaining("between 5 and 512");
        assertThatThrownBy(() -> S3StorageConfig.fromSettings(Map.of("max-attempts", "0"), "us-east-1")).hasMessageContaining("max attempts");
        assertThatThrownBy(() -> S3StorageConfig.fromSettings(Map.of("path-style", "yes"), "us-east-1")).hasMessageContaining("true or false");
        assertThatThrownBy(() -> S3StorageConfig.fromSettings(Map.of("connect-timeout-seconds", "0"), "us-east-1")).hasMessageContaining("positive");
    }
}
