package io.pallas.server.storage;

import java.nio.file.NoSuchFileException;

/**
 * The bucket of a location does not exist. It is a {@link NoSuchFileException}, so callers that only know the
 * {@code ObjectStore} contract treat it as a missing object; the server can catch it first to answer with Athena's
 * "Amazon S3 bucket not found" error (code 1306).
 */
public class BucketNotFoundException
        extends NoSuchFileException
{
    private final String bucket;

    public BucketNotFoundException(String bucket, String location)
    {
        super(location, null, "bucket " + bucket + " does not exist");
        this.bucket = bucket;
    }

    public String bucket()
    {
        return bucket;
    }
}
