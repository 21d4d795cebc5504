package io.pallas.server.encryption;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.logging.Logger;

import static java.util.Objects.requireNonNull;

/**
 * The local stand-in for AWS KMS that CSE_KMS result encryption uses: named 256-bit AES keys read from a JSON
 * file ({@code kms-keys-file}):
 *
 * <pre>{@code
 * {"keys": [
 *   {"keyId": "1234abcd-12ab-34cd-56ef-1234567890ab",
 *    "keyMaterial": "<base64 of 32 random bytes>",
 *    "aliases": ["alias/athena-results"]}
 * ]}
 * }</pre>
 *
 * <p>A {@code KmsKey} names a key as KMS accepts it: the key id, the key ARN
 * {@code arn:aws:kms:<region>:<account-id>:key/<keyId>}, an alias ({@code alias/<name>}) or an alias ARN
 * {@code arn:aws:kms:<region>:<account-id>:alias/<name>}, with the server's region and account id. An entry may
 * give its own {@code "arn"} (a key from another region or account); its alias ARNs then use that region and
 * account.
 */
public final class KmsKeyRegistry
{
    private static final Logger LOG = Logger.getLogger(KmsKeyRegistry.class.getName());
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Set<String> ENTRY_FIELDS = Set.of("keyId", "keyMaterial", "aliases", "arn");

    private final Map<String, KmsKey> keysByName;

    /** A registry key: its id, its ARN (the name recorded with encrypted objects) and its material. */
    public record KmsKey(String keyId, String arn, SecretKey material)
    {
        public KmsKey
        {
            requireNonNull(keyId, "keyId is null");
            requireNonNull(arn, "arn is null");
            requireNonNull(material, "material is null");
        }

        @Override
        public String toString()
        {
            return arn;
        }
    }

    private KmsKeyRegistry(Map<String, KmsKey> keysByName)
    {
        this.keysByName = Map.copyOf(keysByName);
    }

    /** A registry without keys: every KmsKey is unknown. */
    public static KmsKeyRegistry empty()
    {
        return new KmsKeyRegistry(Map.of());
    }

    /**
     * Reads a registry file. A file that group or others can read is used, with a warning.
     *
     * @throws IllegalArgumentException when the file is not a registry as documented on this class
     */
    public static KmsKeyRegistry load(Path file, String region, String accountId)
            throws IOException
    {
        requireNonNull(file, "file is null");
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("KMS key registry " + file + " does not exist or is not a file");
        }
        warnWhenReadableByOthers(file);
        JsonNode root;
        try {
            root = MAPPER.readTree(file.toFile());
        }
        catch (IOException e) {
            throw new IllegalArgumentException("KMS key registry " + file + " is not valid JSON: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject() || !root.path("keys").isArray() || root.size() != 1) {
            throw new IllegalArgumentException("KMS key registry " + file + " must be a JSON object with one member, \"keys\": an array of keys");
        }
        Map<String, KmsKey> keys = new LinkedHashMap<>();
        int index = 0;
        for (JsonNode entry : root.get("keys")) {
            String where = "KMS key registry " + file + ", key " + index++;
            if (!entry.isObject()) {
                throw new IllegalArgumentException(where + ": must be an object");
            }
            for (Iterator<String> names = entry.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (!ENTRY_FIELDS.contains(name)) {
                    throw new IllegalArgumentException(where + ": unknown member '" + name + "'; known: keyId, keyMaterial, aliases, arn");
                }
            }
            String keyId = text(entry, "keyId", where).orElseThrow(() -> new IllegalArgumentException(where + ": keyId is required"));
            if (!keyId.matches("[A-Za-z0-9-]{1,128}")) {
                throw new IllegalArgumentException(where + ": keyId must be letters, digits and '-': " + keyId);
            }
            String arn = text(entry, "arn", where).orElse("arn:aws:kms:" + region + ":" + accountId + ":key/" + keyId);
            if (!arn.matches("arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/" + keyId)) {
                throw new IllegalArgumentException(where + ": arn must be arn:aws:kms:<region>:<account-id>:key/" + keyId + ": " + arn);
            }
            byte[] material;
            try {
                material = Base64.getDecoder().decode(text(entry, "keyMaterial", where)
                        .orElseThrow(() -> new IllegalArgumentException(where + ": keyMaterial is required")));
            }
            catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + ": keyMaterial must be base64: " + e.getMessage(), e);
            }
            if (material.length != SegmentedAesGcm.KEY_SIZE) {
                throw new IllegalArgumentException(where + ": keyMaterial must be 32 bytes (256 bits), not " + material.length);
            }
            KmsKey key = new KmsKey(keyId, arn, new SecretKeySpec(material, "AES"));
            List<String> names = new ArrayList<>(List.of(keyId, arn));
            String aliasArnPrefix = arn.substring(0, arn.lastIndexOf(":key/")) + ":";
            JsonNode aliases = entry.path("aliases");
            if (!aliases.isMissingNode() && !aliases.isArray()) {
                throw new IllegalArgumentException(where + ": aliases must be an array of \"alias/<name>\" strings");
            }
            for (JsonNode alias : aliases) {
                if (!alias.isTextual() || !isValidAlias(alias.asText())) {
                    throw new IllegalArgumentException(where + ": alias must be \"alias/<name>\" (not alias/aws/...): " + alias);
                }
                names.add(alias.asText());
                names.add(aliasArnPrefix + alias.asText());
            }
            for (String name : names) {
                if (keys.putIfAbsent(name, key) != null) {
                    throw new IllegalArgumentException(where + ": name " + name + " is already used by another key");
                }
            }
        }
        return new KmsKeyRegistry(keys);
    }

    /**
     * Adds a new key with random material to a registry file, creating the file (readable by its owner only) when
     * there is none; the file is replaced atomically. Returns the new key.
     *
     * @param alias an {@code alias/<name>} for the key, or empty
     */
    public static KmsKey createKey(Path file, Optional<String> alias, String region, String accountId, SecureRandom random)
            throws IOException
    {
        if (alias.isPresent() && !isValidAlias(alias.get())) {
            throw new IllegalArgumentException("Alias must be \"alias/<name>\" (letters, digits, '/', '_', '-'; not alias/aws/...): " + alias.get());
        }
        ObjectNode root;
        if (Files.exists(file)) {
            KmsKeyRegistry existing = load(file, region, accountId);
            if (alias.isPresent() && existing.resolve(alias.get()).isPresent()) {
                throw new IllegalArgumentException("Alias " + alias.get() + " is already used by key " + existing.resolve(alias.get()).get().keyId() + " in " + file);
            }
            root = (ObjectNode) MAPPER.readTree(file.toFile());
        }
        else {
            root = MAPPER.createObjectNode();
            root.putArray("keys");
        }
        String keyId = UUID.randomUUID().toString();
        byte[] material = new byte[SegmentedAesGcm.KEY_SIZE];
        random.nextBytes(material);
        ObjectNode entry = ((ArrayNode) root.get("keys")).addObject();
        entry.put("keyId", keyId);
        entry.put("keyMaterial", Base64.getEncoder().encodeToString(material));
        alias.ifPresent(name -> entry.putArray("aliases").add(name));

        Path directory = file.toAbsolutePath().getParent();
        Files.createDirectories(directory);
        Path temp;
        if (Files.getFileAttributeView(directory, PosixFileAttributeView.class) != null) {
            temp = Files.createTempFile(directory, ".kms-keys-", ".tmp", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        else {
            temp = Files.createTempFile(directory, ".kms-keys-", ".tmp");
        }
        try {
            Files.writeString(temp, MAPPER.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(root) + "\n");
            // what was written must load, or the server would refuse to start with it
            KmsKey created = load(temp, region, accountId).resolve(keyId).orElseThrow();
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return created;
        }
        finally {
            Files.deleteIfExists(temp);
        }
    }

    /** The key a {@code KmsKey} value names (key id, key ARN, alias or alias ARN). */
    public Optional<KmsKey> resolve(String kmsKey)
    {
        return Optional.ofNullable(keysByName.get(requireNonNull(kmsKey, "kmsKey is null")));
    }

    private static boolean isValidAlias(String alias)
    {
        return alias.matches("alias/[a-zA-Z0-9/_-]{1,250}") && !alias.startsWith("alias/aws/");
    }

    private static Optional<String> text(JsonNode entry, String name, String where)
    {
        JsonNode value = entry.get(name);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isTextual() || value.asText().isBlank()) {
            throw new IllegalArgumentException(where + ": " + name + " must be a non-empty string");
        }
        return Optional.of(value.asText().trim());
    }

    private static void warnWhenReadableByOthers(Path file)
            throws IOException
    {
        PosixFileAttributeView posix = Files.getFileAttributeView(file, PosixFileAttributeView.class);
        if (posix == null) {
            return;
        }
        Set<PosixFilePermission> permissions = posix.readAttributes().permissions();
        if (permissions.contains(PosixFilePermission.GROUP_READ) || permissions.contains(PosixFilePermission.OTHERS_READ)) {
            LOG.warning("KMS key registry " + file + " can be read by other users; it holds key material: chmod 600 it");
        }
    }
}
