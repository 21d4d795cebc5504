package io.pallas.server.storage;

import io.pallas.core.storage.ObjectStore;
import io.pallas.core.storage.S3Location;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Sends each location to the store of its bucket: configured buckets to their own stores (an
 * {@link S3ObjectStore} per S3 endpoint, say), every other bucket to the default store (the local one). Results and
 * table data can so live in different places; a bucket is always in exactly one store.
 *
 * <p>{@link #withOptions} passes {@link WriteOptions} to the stores that support them; the others ignore
 * encryption, ACL and content type. The buckets of the default store, and of stores without write options, are
 * owned by the {@code localAccountId} given here: an expected bucket owner that differs refuses every call with
 * {@link AccessDeniedException}, as S3 would.
 *
 * <p>User metadata ({@link SupportsUserMetadata}) goes to the bucket's store; a store without it refuses with
 * {@link UnsupportedOperationException}.
 */
public class RoutingObjectStore
        implements ObjectStore, SupportsWriteOptions, SupportsUserMetadata
{
    private final ObjectStore defaultStore;
    private final Map<String, ObjectStore> bucketStores;
    private final String localAccountId;

    /**
     * @param defaultStore where buckets without an entry live
     * @param bucketStores the store of each named bucket
     * @param localAccountId the 12-digit account that owns the buckets of stores without {@link WriteOptions}
     */
    public RoutingObjectStore(ObjectStore defaultStore, Map<String, ? extends ObjectStore> bucketStores, String localAccountId)
    {
        this.defaultStore = requireNonNull(defaultStore, "defaultStore is null");
        requireNonNull(bucketStores, "bucketStores is null");
        this.localAccountId = requireNonNull(localAccountId, "localAccountId is null");
        if (!localAccountId.matches("[0-9]{12}")) {
            throw new IllegalArgumentException("Local account id must be 12 digits: " + localAccountId);
        }
        Map<String, ObjectStore> stores = new LinkedHashMap<>();
        bucketStores.forEach((bucket, store) -> {
            if (!S3Location.isValidBucket(bucket)) {
                throw new IllegalArgumentException("Invalid bucket name in storage routing: " + bucket);
            }
            stores.put(bucket, requireNonNull(store, "store of bucket " + bucket + " is null"));
        });
        this.bucketStores = Map.copyOf(stores);
    }

    /** The store that holds the bucket. */
    public ObjectStore storeFor(String bucket)
    {
        return bucketStores.getOrDefault(bucket, defaultStore);
    }

    /** The store that holds the location's bucket. */
    public ObjectStore storeFor(S3Location location)
    {
        return storeFor(location.bucket());
    }

    @Override
    public RoutingObjectStore withOptions(WriteOptions options)
    {
        requireNonNull(options, "options is null");
        Map<String, ObjectStore> views = new LinkedHashMap<>();
        bucketStores.forEach((bucket, store) -> views.put(bucket, view(store, options)));
        return new RoutingObjectStore(view(defaultStore, options), views, localAccountId);
    }

    private ObjectStore view(ObjectStore store, WriteOptions options)
    {
        boolean local = store == defaultStore || !(store instanceof SupportsWriteOptions);
        Optional<String> owner = options.expectedBucketOwner();
        if (local && owner.isPresent() && !owner.get().equals(localAccountId)) {
            return new RefusingStore(owner.get());
        }
        if (store instanceof SupportsWriteOptions configurable) {
            return configurable.withOptions(options);
        }
        return store;
    }

    @Override
    public PendingObject create(S3Location location, Map<String, String> userMetadata)
            throws IOException
    {
        return metadataStore(location).create(location, userMetadata);
    }

    @Override
    public Map<String, String> userMetadata(S3Location location)
            throws IOException
    {
        return metadataStore(location).userMetadata(location);
    }

    private SupportsUserMetadata metadataStore(S3Location location)
    {
        if (storeFor(location) instanceof SupportsUserMetadata store) {
            return store;
        }
        throw new UnsupportedOperationException("The store of bucket " + location.bucket() + " keeps no object metadata");
    }

    @Override
    public PendingObject create(S3Location location)
            throws IOException
    {
        return storeFor(location).create(location);
    }

    @Override
    public InputStream open(S3Location location, long offset)
            throws IOException
    {
        return storeFor(location).open(location, offset);
    }

    @Override
    public InputStream open(S3Location location, long offset, long length, Optional<String> eTag)
            throws IOException
    {
        return storeFor(location).open(location, offset, length, eTag);
    }

    @Override
    public Optional<Long> size(S3Location location)
            throws IOException
    {
        return storeFor(location).size(location);
    }

    @Override
    public List<ObjectInfo> list(S3Location prefix)
            throws IOException
    {
        return storeFor(prefix).list(prefix);
    }

    @Override
    public void delete(S3Location location)
            throws IOException
    {
        storeFor(location).delete(location);
    }

    /** Local buckets seen with an expected owner that is not the local account. */
    private static final class RefusingStore
            implements ObjectStore, SupportsUserMetadata
    {
        private final String expectedOwner;

        private RefusingStore(String expectedOwner)
        {
            this.expectedOwner = expectedOwner;
        }

        private AccessDeniedException refuse(S3Location location)
        {
            return new AccessDeniedException(location.toString(), null,
                    "bucket %s is not owned by the expected owner %s".formatted(location.bucket(), expectedOwner));
        }

        @Override
        public PendingObject create(S3Location location)
                throws IOException
        {
            throw refuse(location);
        }

        @Override
        public InputStream open(S3Location location, long offset)
                throws IOException
        {
            throw refuse(location);
        }

        @Override
        public Optional<Long> size(S3Location location)
                throws IOException
        {
            throw refuse(location);
        }

        @Override
        public List<ObjectInfo> list(S3Location prefix)
                throws IOException
        {
            throw refuse(prefix);
        }

        @Override
        public void delete(S3Location location)
                throws IOException
        {
            throw refuse(location);
        }

        @Override
        public PendingObject create(S3Location location, Map<String, String> userMetadata)
                throws IOException
        {
            throw refuse(location);
        }

        @Override
        public Map<String, String> userMetadata(S3Location location)
                throws IOException
        {
            throw refuse(location);
        }
    }
}
