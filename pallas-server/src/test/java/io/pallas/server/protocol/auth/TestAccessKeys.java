package io.pallas.server.protocol.auth;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TestAccessKeys
{
    @TempDir
    Path directory;

    @Test
    void readsTheAwsCliCredentialsFormat()
            throws Exception
    {
        Path file = Files.writeString(directory.resolve("credentials"), """
                # keys Pallas accepts
                [default]
                aws_access_key_id = AKIDONE
                aws_secret_access_key = secret/one+

                ; a profile with only settings
                [settings]
                region = eu-west-1

                [temporary]
                AWS_ACCESS_KEY_ID=ASIATWO
                aws_secret_access_key=secret-two
                aws_session_token = token==
                """);
        AccessKeys keys = AccessKeys.load(Optional.of(file), Map.of());
        assertThat(keys.size()).isEqualTo(2);
        assertThat(keys.lookup("AKIDONE")).contains(new AccessKeys.Credential("secret/one+", Optional.empty()));
        assertThat(keys.lookup("ASIATWO")).contains(new AccessKeys.Credential("secret-two", Optional.of("token==")));
        assertThat(keys.lookup("AKIDOTHER")).isEmpty();
    }

    @Test
    void environmentAddsAKey()
            throws Exception
    {
        Path file = Files.writeString(directory.resolve("credentials"), "[a]\naws_access_key_id=AKIDFILE\naws_secret_access_key=file\n");
        AccessKeys keys = AccessKeys.load(Optional.of(file), Map.of(
                "PALLAS_ACCESS_KEY_ID", "AKIDENV",
                "PALLAS_SECRET_ACCESS_KEY", "env",
                "PALLAS_SESSION_TOKEN", "token"));
        assertThat(keys.lookup("AKIDFILE")).contains(new AccessKeys.Credential("file", Optional.empty()));
        assertThat(keys.lookup("AKIDENV")).contains(new AccessKeys.Credential("env", Optional.of("token")));
    }

    @Test
    void nothingConfiguredMeansNoKeys()
    {
        assertThat(AccessKeys.load(Optional.empty(), Map.of("PALLAS_ACCESS_KEY_ID", " ")).isEmpty()).isTrue();
    }

    @Test
    void incompleteConfigurationIsRefusedClearly()
            throws Exception
    {
        assertThatThrownBy(() -> AccessKeys.load(Optional.empty(), Map.of("PALLAS_ACCESS_KEY_ID", "AKID")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("PALLAS_ACCESS_KEY_ID and PALLAS_SECRET_ACCESS_KEY must be set together");
        assertThatThrownBy(() -> AccessKeys.load(Optional.empty(), Map.of("PALLAS_SESSION_TOKEN", "token")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("PALLAS_SESSION_TOKEN is set without PALLAS_ACCESS_KEY_ID");

        Path missing = directory.resolve("missing");
        assertThatThrownBy(() -> AccessKeys.load(Optional.of(missing), Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Access keys file does not exist: " + missing);

        Path noSecret = Files.writeString(directory.resolve("no-secret"), "[a]\naws_access_key_id=AKID\n");
        assertThatThrownBy(() -> AccessKeys.load(Optional.of(noSecret), Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Section [a] of " + noSecret + " needs both aws_access_key_id and aws_secret_access_key");

        Path properties = Files.writeString(directory.resolve("properties"), "AKID=secret\n");
        assertThatThrownBy(() -> AccessKeys.load(Optional.of(properties), Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Setting outside of a [section] in " + properties + " line 1");

        Path twice = Files.writeString(directory.resolve("twice"), "[a]\naws_access_key_id=AKID\naws_secret_access_key=1\n[b]\naws_access_key_id=AKID\naws_secret_access_key=2\n");
        assertThatThrownBy(() -> AccessKeys.load(Optional.of(twice), Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Access key AKID appears twice in " + twice);
    }
}
