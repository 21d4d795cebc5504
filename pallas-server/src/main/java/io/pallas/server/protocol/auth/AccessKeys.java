package io.pallas.server.protocol.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * The access keys a server accepts, each with its secret and, for temporary credentials, the session token a
 * request must carry.
 *
 * <p>Keys come from two places, which may be combined:
 * <ul>
 * <li>a file in the AWS CLI credentials format ({@code ~/.aws/credentials}): {@code [section]} headers, each
 * section holding {@code aws_access_key_id}, {@code aws_secret_access_key} and optionally
 * {@code aws_session_token} as {@code name = value} lines; lines starting with {@code #} or {@code ;} are
 * comments, sections without {@code aws_access_key_id} (e.g. only a region) and other names are ignored;</li>
 * <li>the environment: {@code PALLAS_ACCESS_KEY_ID} with {@code PALLAS_SECRET_ACCESS_KEY}, and optionally
 * {@code PALLAS_SESSION_TOKEN}.</li>
 * </ul>
 * No keys at all means the server accepts any request, signed or not.
 */
public final class AccessKeys
{
    public static final String ACCESS_KEY_ID_VARIABLE = "PALLAS_ACCESS_KEY_ID";
    public static final String SECRET_ACCESS_KEY_VARIABLE = "PALLAS_SECRET_ACCESS_KEY";
    public static final String SESSION_TOKEN_VARIABLE = "PALLAS_SESSION_TOKEN";

    private static final AccessKeys NONE = new AccessKeys(Map.of());

    private final Map<String, Credential> credentials;

    /** @param credentials access key id to its secret and optional session token */
    public AccessKeys(Map<String, Credential> credentials)
    {
        // in the order given: the first key is the one services that take a single key use
        this.credentials = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(credentials));
    }

    public record Credential(String secretAccessKey, Optional<String> sessionToken)
    {
        public Credential
        {
            requireNonNull(secretAccessKey, "secretAccessKey is null");
            requireNonNull(sessionToken, "sessionToken is null");
            if (secretAccessKey.isEmpty()) {
                throw new IllegalArgumentException("secretAccessKey is empty");
            }
        }
    }

    public static AccessKeys none()
    {
        return NONE;
    }

    /** Reads the keys of the optional credentials file and of the environment; see the class documentation. */
    public static AccessKeys load(Optional<Path> file, Map<String, String> environment)
    {
        Map<String, Credential> credentials = new LinkedHashMap<>();
        if (file.isPresent()) {
            credentials.putAll(parseCredentialsFile(file.get()));
        }
        Optional<String> keyId = nonBlank(environment.get(ACCESS_KEY_ID_VARIABLE));
        Optional<String> secret = nonBlank(environment.get(SECRET_ACCESS_KEY_VARIABLE));
        if (keyId.isPresent() != secret.isPresent()) {
            throw new IllegalArgumentException("%s and %s must be set together".formatted(ACCESS_KEY_ID_VARIABLE, SECRET_ACCESS_KEY_VARIABLE));
        }
        if (keyId.isPresent()) {
            credentials.put(keyId.get(), new Credential(secret.get(), nonBlank(environment.get(SESSION_TOKEN_VARIABLE))));
        }
        else if (nonBlank(environment.get(SESSION_TOKEN_VARIABLE)).isPresent()) {
            throw new IllegalArgumentException("%s is set without %s".formatted(SESSION_TOKEN_VARIABLE, ACCESS_KEY_ID_VARIABLE));
        }
        return new AccessKeys(credentials);
    }

    static Map<String, Credential> parseCredentialsFile(Path file)
    {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        }
        catch (NoSuchFileException e) {
            throw new IllegalArgumentException("Access keys file does not exist: " + file);
        }
        catch (IOException e) {
            throw new IllegalArgumentException("Cannot read access keys file " + file + ": " + e.getMessage(), e);
        }

        Map<String, Map<String, String>> sections = new LinkedHashMap<>();
        Map<String, String> section = null;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                continue;
            }
            String where = file + " line " + (i + 1);
            if (line.startsWith("[") && line.endsWith("]")) {
                String name = line.substring(1, line.length() - 1).strip();
                if (sections.containsKey(name)) {
                    throw new IllegalArgumentException("Section [" + name + "] appears twice in " + where);
                }
                section = new LinkedHashMap<>();
                sections.put(name, section);
                continue;
            }
            int equals = line.indexOf('=');
            if (equals < 0) {
                throw new IllegalArgumentException("Expected '[section]' or 'name = value' in " + where);
            }
            if (section == null) {
                throw new IllegalArgumentException("Setting outside of a [section] in " + where);
            }
            section.put(line.substring(0, equals).strip().toLowerCase(Locale.ROOT), line.substring(equals + 1).strip());
        }

        Map<String, Credential> credentials = new LinkedHashMap<>();
        sections.forEach((name, settings) -> {
            Optional<String> keyId = nonBlank(settings.get("aws_access_key_id"));
            Optional<String> secret = nonBlank(settings.get("aws_secret_access_key"));
            if (keyId.isEmpty() && secret.isEmpty()) {
                return;
            }
            if (keyId.isEmpty() || secret.isEmpty()) {
                throw new IllegalArgumentException("Section [%s] of %s needs both aws_access_key_id and aws_secret_access_key".formatted(name, file));
            }
            if (credentials.containsKey(keyId.get())) {
                throw new IllegalArgumentException("Access key %s appears twice in %s".formatted(keyId.get(), file));
            }
            credentials.put(keyId.get(), new Credential(secret.get(), nonBlank(settings.get("aws_session_token"))));
        });
        return credentials;
    }

    private static Optional<String> nonBlank(String value)
    {
        return Optional.ofNullable(value).map(String::strip).filter(v -> !v.isEmpty());
    }

    public boolean isEmpty()
    {
        return credentials.isEmpty();
    }

    public Optional<Credential> lookup(String accessKeyId)
    {
        return Optional.ofNullable(credentials.get(accessKeyId));
    }

    /** The first key: the credentials file's first section, else the environment's key. */
    public Optional<Map.Entry<String, Credential>> first()
    {
        return credentials.entrySet().stream().findFirst().map(entry -> Map.entry(entry.getKey(), entry.getValue()));
    }

    public int size()
    {
        return credentials.size();
    }
}
