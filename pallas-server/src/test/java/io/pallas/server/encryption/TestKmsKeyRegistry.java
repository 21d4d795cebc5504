package io.pallas.server.encryption;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TestKmsKeyRegistry
{
    private static final String MATERIAL = Base64.getEncoder().encodeToString(new byte[32]);

    @TempDir
    Path directory;

    @Test
    void resolvesEveryNameOfAKey()
            throws IOException
    {
        KmsKeyRegistry registry = load("""
                {"keys": [
                  {"keyId": "k1", "keyMaterial": "%s", "aliases": ["alias/one"]},
                  {"keyId": "k2", "keyMaterial": "%s", "arn": "arn:aws:kms:eu-west-1:210987654321:key/k2", "aliases": ["alias/two"]}
                ]}
                """.formatted(MATERIAL, MATERIAL));
        assertThat(registry.resolve("k1").orElseThrow().arn()).isEqualTo("arn:aws:kms:us-east-1:123456789012:key/k1");
        assertThat(registry.resolve("arn:aws:kms:us-east-1:123456789012:key/k1").orElseThrow().keyId()).isEqualTo("k1");
        assertThat(registry.resolve("alias/one").orElseThrow().keyId()).isEqualTo("k1");
        assertThat(registry.resolve("arn:aws:kms:us-east-1:123456789012:alias/one").orElseThrow().keyId()).isEqualTo("k1");
        assertThat(registry.resolve("arn:aws:kms:eu-west-1:210987654321:alias/two").orElseThrow().keyId()).isEqualTo("k2");
        assertThat(registry.resolve("arn:aws:kms:us-east-1:123456789012:key/k2")).isEmpty();
        assertThat(registry.resolve("alias/three")).isEmpty();
    }

    @Test
    void refusesMalformedRegistries()
    {
        assertThatThrownBy(() -> load("{\"keys\": [{\"keyId\": \"k1\", \"keyMaterial\": \"%s\"}]}".formatted(Base64.getEncoder().encodeToString(new byte[16]))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageEndingWith("key 0: keyMaterial must be 32 bytes (256 bits), not 16");
        assertThatThrownBy(() -> load("{\"keys\": [{\"keyId\": \"k1\", \"keyMaterial\": \"%s\", \"alias\": []}]}".formatted(MATERIAL)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown member 'alias'");
        assertThatThrownBy(() -> load("{\"keys\": [{\"keyId\": \"k1\", \"keyMaterial\": \"%s\"}, {\"keyId\": \"k1\", \"keyMaterial\": \"%s\"}]}".formatted(MATERIAL, MATERIAL)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageEndingWith("key 1: name k1 is already used by another key");
        assertThatThrownBy(() -> load("{\"keys\": [{\"keyId\": \"k1\", \"keyMaterial\": \"%s\", \"aliases\": [\"results\"]}]}".formatted(MATERIAL)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("alias must be \"alias/<name>\"");
        assertThatThrownBy(() -> load("[]"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must be a JSON object with one member, \"keys\"");
        assertThatThrownBy(() -> KmsKeyRegistry.load(directory.resolve("missing.json"), "us-east-1", "123456789012"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageEndingWith("missing.json does not exist or is not a file");
    }

    @Test
    void createdKeysAreAppendedToAPrivateFile()
            throws IOException
    {
        Path file = directory.resolve("data/kms-keys.json");
        KmsKeyRegistry.KmsKey first = KmsKeyRegistry.createKey(file, Optional.of("alias/first"), "eu-central-1", "123456789012", new SecureRandom());
        KmsKeyRegistry.KmsKey second = KmsKeyRegistry.createKey(file, Optional.empty(), "eu-central-1", "123456789012", new SecureRandom());
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(first.arn()).isEqualTo("arn:aws:kms:eu-central-1:123456789012:key/" + first.keyId());
        assertThat(first.keyId()).matches("[0-9a-f-]{36}").isNotEqualTo(second.keyId());
        assertThat(first.material().getEncoded()).hasSize(32).isNotEqualTo(second.material().getEncoded());

        KmsKeyRegistry registry = KmsKeyRegistry.load(file, "eu-central-1", "123456789012");
        assertThat(registry.resolve("alias/first").orElseThrow().material().getEncoded()).isEqualTo(first.material().getEncoded());
        assertThat(registry.resolve(second.arn()).orElseThrow().material().getEncoded()).isEqualTo(second.material().getEncoded());
        assertThatThrownBy(() -> KmsKeyRegistry.createKey(file, Optional.of("alias/first"), "eu-central-1", "123456789012", new SecureRandom()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Alias alias/first is already used by key " + first.keyId() + " in " + file);
        assertThatThrownBy(() -> KmsKeyRegistry.createKey(file, Optional.of("first"), "eu-central-1", "123456789012", new SecureRandom()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Alias must be \"alias/<name>\"");
        assertThat(KmsKeyRegistry.load(file, "eu-central-1", "123456789012").resolve("alias/first")).isPresent();
    }

    private KmsKeyRegistry load(String json)
            throws IOException
    {
        Path file = directory.resolve("keys.json");
        Files.writeString(file, json);
        return KmsKeyRegistry.load(file, "us-east-1", "123456789012");
    }
}
