package io.pallas.core.storage;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * An {@code s3://bucket/key} address. Every location in Pallas is one, as in Athena; the object store decides where
 * it lives. The key may be empty (a bucket root) and never starts with {@code /}.
 */
public record S3Location(String bucket, String key)
{
    private static final String SCHEME = "s3://";

    public S3Location
    {
        requireNonNull(bucket, "bucket is null");
        requireNonNull(key, "key is null");
        if (!isValidBucket(bucket)) {
            throw new IllegalArgumentException("Invalid bucket name: " + bucket);
        }
        if (key.startsWith("/")) {
            throw new IllegalArgumentException("Key must not start with '/': " + key);
        }
    }

    /** Parses {@code s3://bucket[/key]}; empty when the text is not such a URI. */
    public static Optional<S3Location> parse(String uri)
    {
        if (uri == null || !uri.startsWith(SCHEME)) {
            return Optional.empty();
        }
        String rest = uri.substring(SCHEME.length());
        int slash = rest.indexOf('/');
        String bucket = slash < 0 ? rest : rest.substring(0, slash);
        String key = slash < 0 ? "" : rest.substring(slash + 1);
        if (!isValidBucket(bucket) || key.startsWith("/")) {
            return Optional.empty();
        }
        return Optional.of(new S3Location(bucket, key));
    }

    /** S3 bucket naming rules: 3..63 characters of lower-case letters, digits, '.', '-', starting and ending alphanumeric. */
    public static boolean isValidBucket(String bucket)
    {
        if (bucket.length() < 3 || bucket.length() > 63) {
            return false;
        }
        for (int i = 0; i < bucket.length(); i++) {
            char c = bucket.charAt(i);
            boolean alnum = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
            boolean edge = i == 0 || i == bucket.length() - 1;
            if (!alnum && (edge || (c != '.' && c != '-'))) {
                return false;
            }
        }
        return !bucket.contains("..");
    }

    /** This location treated as a prefix ("directory"), with the child name appended after a single '/'. */
    public S3Location resolve(String name)
    {
        if (key.isEmpty() || key.endsWith("/")) {
            return new S3Location(bucket, key + name);
        }
        return new S3Location(bucket, key + "/" + name);
    }

    @Override
    public String toString()
    {
        return SCHEME + bucket + "/" + key;
    }
}
