package io.pallas.server.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TestServerConfig
{
    @TempDir
    Path directory;

    @Test
    void embeddedDefaults()
            throws Exception
    {
        ServerConfig config = ServerConfig.load(List.of(), Map.of(), directory);
        assertThat(config.port()).isEqualTo(8480);
        assertThat(config.bind()).isEqualTo("127.0.0.1");
        assertThat(config.dataDirectory()).isEqualTo(directory.resolve("pallas-data"));
        assertThat(config.region()).isEqualTo("us-east-1");
        assertThat(config.primaryOutputLocation()).contains("s3://pallas-query-results/");
        assertThat(config.accessKeysFile()).isEmpty();
    }

    @Test
    void accessKeysFileIsResolvedAgainstTheWorkingDirectory()
            throws Exception
    {
        assertThat(ServerConfig.load(List.of(), Map.of("PALLAS_ACCESS_KEYS_FILE", "keys/credentials"), directory).accessKeysFile())
                .contains(directory.resolve("keys/credentials"));
    }

    @Test
    void flagsBeatEnvironmentWhichBeatsTheFile()
            throws Exception
    {
        Files.writeString(directory.resolve("pallas.properties"), "port=1111\nregion=eu-west-1\nbind=0.0.0.0\n");
        ServerConfig config = ServerConfig.load(
                List.of("--port", "3333", "--data-dir=elsewhere"),
                Map.of("PALLAS_PORT", "2222", "PALLAS_REGION", "ap-south-1"),
                directory);
        assertThat(config.port()).isEqualTo(3333);
        assertThat(config.region()).isEqualTo("ap-south-1");
        assertThat(config.bind()).isEqualTo("0.0.0.0");
        assertThat(config.dataDirectory()).isEqualTo(directory.resolve("elsewhere"));
    }

    @Test
    void localS3PortAndTableCacheSize()
            throws Exception
    {
        ServerConfig defaults = ServerConfig.load(List.of(), Map.of(), directory);
        assertThat(defaults.localS3Port()).hasValue(8481);
        assertThat(defaults.tableCacheBytes()).isEqualTo(10240L * 1024 * 1024);

        ServerConfig configured = ServerConfig.load(List.of("--local-s3-port", "off", "--table-cache-size-mb", "64"), Map.of(), directory);
        assertThat(configured.localS3Port()).isEmpty();
        assertThat(configured.tableCacheBytes()).isEqualTo(64L * 1024 * 1024);
        assertThat(ServerConfig.load(List.of(), Map.of("PALLAS_LOCAL_S3_PORT", "9000"), directory).localS3Port()).hasValue(9000);

        assertThatThrownBy(() -> ServerConfig.load(List.of("--local-s3-port", "none"), Map.of(), directory))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Setting 'local-s3-port' must be a port number or off: none");
        assertThatThrownBy(() -> ServerConfig.load(List.of("--table-cache-size-mb", "-1"), Map.of(), directory))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("table-cache-size-mb must not be negative");
    }

    @Test
    void emptyPrimaryOutputLocationRemovesIt()
            throws Exception
    {
        assertThat(ServerConfig.load(List.of("--primary-output-location", ""), Map.of(), directory).primaryOutputLocation()).isEqualTo(Optional.empty());
    }

    @Test
    void unknownSettingsAndBadNumbersAreRefusedClearly()
    {
        assertThatThrownBy(() -> ServerConfig.load(List.of("--prot", "1"), Map.of(), directory))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Unknown setting 'prot' as a flag");
        assertThatThrownBy(() -> ServerConfig.load(List.of("--port", "http"), Map.of(), directory))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Setting 'port' must be a number: http");
        assertThatThrownBy(() -> ServerConfig.load(List.of("--port"), Map.of(), directory))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Missing value for --port");
    }
}
