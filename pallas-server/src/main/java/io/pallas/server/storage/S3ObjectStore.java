package io.pallas.server.storage;

import io.pallas.core.storage.ObjectStore;
import io.pallas.core.storage.S3Location;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.AbortMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.CreateBucketRequest;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadBucketRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.ObjectCannedACL;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;

import java.io.ByteArrayInputStream;
import java.io.Closeable;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Objects in an S3 service (AWS or S3-compatible) through the AWS SDK for Java v2.
 *
 * <p>Writes are buffered in memory up to {@link S3StorageConfig#partSize()}: a smaller object is one PutObject at
 * commit; a larger one becomes a multipart upload whose parts are sent as the buffer fills and which is completed on
 * commit and aborted on close without commit. Either way S3 makes the object visible atomically, only at commit.
 *
 * <p>Errors: a missing object is {@link NoSuchFileException}; a missing bucket is {@link BucketNotFoundException}
 * (a {@code NoSuchFileException}) from reads and from writes when buckets are not created on demand; a refusal
 * (HTTP 403, which includes a wrong expected bucket owner) is {@link AccessDeniedException}; throttling that outlasts
 * the retries is {@link S3ThrottledException}; anything else (an unreachable endpoint, say) is an {@link IOException}. Every message names the {@code s3://} location.
 *
 * <p>Keys are refused with {@link IllegalArgumentException} when they contain NUL, a {@code .} or {@code ..} path
 * segment (HTTP stacks may normalise those away and address another key) or are longer than S3's 1024 bytes.
 * Keys that are empty or end with {@code /} are prefixes, never objects, as in {@link LocalObjectStore}.
 */
public class S3ObjectStore
        implements ObjectStore, SupportsWriteOptions, SupportsUserMetadata, Closeable
{
    private static final int MAX_KEY_BYTES = 1024;
    private static final int INITIAL_BUFFER = 8 * 1024;
    private static final String US_EAST_1 = "us-east-1";

    private final S3Client client;
    private final boolean ownsClient;
    private final String region;
    private final int partSize;
    private final boolean createBuckets;
    private final WriteOptions options;

    /** A store with its own client, closed by {@link #close()}. */
    public S3ObjectStore(S3StorageConfig config)
    {
        this(buildClient(config, List.of()), true, config.region(), config.partSize(), config.createBuckets(), WriteOptions.DEFAULT);
    }

    /** A store over a client the caller owns (and closes); the config supplies the region, part size and bucket creation. */
    public S3ObjectStore(S3Client client, S3StorageConfig config)
    {
        this(client, false, config.region(), config.partSize(), config.createBuckets(), WriteOptions.DEFAULT);
    }

    private S3ObjectStore(S3Client client, boolean ownsClient, String region, int partSize, boolean createBuckets, WriteOptions options)
    {
        this.client = requireNonNull(client, "client is null");
        this.ownsClient = ownsClient;
        this.region = requireNonNull(region, "region is null");
        this.partSize = partSize;
        this.createBuckets = createBuckets;
        this.options = requireNonNull(options, "options is null");
    }

    /**
     * The SDK client a config describes: URL-connection HTTP client with the timeouts, the standard retry strategy
     * (exponential backoff with jitter) with the configured attempts, static or default-chain credentials. Against
     * an overridden endpoint, checksums are only computed where S3 requires them, since S3-compatible servers
     * differ in their support for the newer flexible checksums.
     *
     * @param interceptors extra SDK interceptors (tests record requests with them)
     */
    public static S3Client buildClient(S3StorageConfig config, List<ExecutionInterceptor> interceptors)
    {
        AwsCredentialsProvider credentials = config.credentials()
                .<AwsCredentialsProvider>map(keys -> StaticCredentialsProvider.create(keys.sessionToken()
                        .<software.amazon.awssdk.auth.credentials.AwsCredentials>map(token -> AwsSessionCredentials.create(keys.accessKeyId(), keys.secretAccessKey(), token))
                        .orElseGet(() -> AwsBasicCredentials.create(keys.accessKeyId(), keys.secretAccessKey()))))
                .orElseGet(() -> DefaultCredentialsProvider.builder().build());
        S3ClientBuilder builder = S3Client.builder()
                .region(Region.of(config.region()))
                .credentialsProvider(credentials)
                .forcePathStyle(config.pathStyle())
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(config.connectTimeout())
                        .socketTimeout(config.socketTimeout()))
                .overrideConfiguration(override -> override
                        .apiCallAttemptTimeout(config.attemptTimeout())
                        .retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder()
                                .maxAttempts(config.maxAttempts())
                                .backoffStrategy(BackoffStrategy.exponentialDelay(config.retryBaseDelay(), config.retryMaxDelay()))
                                .throttlingBackoffStrategy(BackoffStrategy.exponentialDelay(config.retryBaseDelay().multipliedBy(5), config.retryMaxDelay()))
                                .build())
                        .executionInterceptors(new ArrayList<>(interceptors)));
        if (config.endpoint().isPresent()) {
            builder.endpointOverride(config.endpoint().get())
                    .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                    .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        }
        return builder.build();
    }

    /** This store writing with the options, and sending their expected bucket owner on every call. */
    @Override
    public S3ObjectStore withOptions(WriteOptions options)
    {
        return new S3ObjectStore(client, false, region, partSize, createBuckets, options);
    }

    public WriteOptions options()
    {
        return options;
    }

    @Override
    public PendingObject create(S3Location location)
    {
        return create(location, Map.of());
    }

    /** An object written with the user metadata as {@code x-amz-meta-*} headers, besides the write options. */
    @Override
    public PendingObject create(S3Location location, Map<String, String> userMetadata)
    {
        checkKey(location);
        if (isPrefix(location)) {
            throw new IllegalArgumentException("Not an object key (empty or ending with '/'): " + location);
        }
        return new S3PendingObject(location, SupportsUserMetadata.checkUserMetadata(userMetadata));
    }

    @Override
    public Map<String, String> userMetadata(S3Location location)
            throws IOException
    {
        checkKey(location);
        if (isPrefix(location)) {
            throw new NoSuchFileException(location.toString());
        }
        try {
            return Map.copyOf(client.headObject(HeadObjectRequest.builder()
                    .bucket(location.bucket())
                    .key(location.key())
                    .expectedBucketOwner(options.expectedBucketOwner().orElse(null))
                    .build()).metadata());
        }
        catch (S3Exception e) {
            // HEAD has no body: a missing key and a missing bucket are both a bare 404
            if (e.statusCode() == 404) {
                throw withCause(new NoSuchFileException(location.toString()), e);
            }
            throw failure("inspecting", location, e);
        }
        catch (SdkException e) {
            throw failure("inspecting", location, e);
        }
    }

    @Override
    public InputStream open(S3Location location, long offset)
            throws IOException
    {
        return open(location, offset, Optional.empty(), Optional.empty());
    }

    @Override
    public InputStream open(S3Location location, long offset, long length, Optional<String> eTag)
            throws IOException
    {
        if (length < 0) {
            throw new IllegalArgumentException("Negative length %s for %s".formatted(length, location));
        }
        if (length == 0) {
            return InputStream.nullInputStream();
        }
        return open(location, offset, Optional.of(length), eTag);
    }

    private InputStream open(S3Location location, long offset, Optional<Long> length, Optional<String> eTag)
            throws IOException
    {
        if (offset < 0) {
            throw new IllegalArgumentException("Negative offset %s for %s".formatted(offset, location));
        }
        checkKey(location);
        if (isPrefix(location)) {
            throw new NoSuchFileException(location.toString());
        }
        GetObjectRequest.Builder request = GetObjectRequest.builder()
                .bucket(location.bucket())
                .key(location.key())
                .expectedBucketOwner(options.expectedBucketOwner().orElse(null));
        if (length.isPresent()) {
            request.range("bytes=" + offset + "-" + (offset + length.get() - 1));
        }
        else if (offset > 0) {
            request.range("bytes=" + offset + "-");
        }
        eTag.ifPresent(request::ifMatch);
        try {
            return new LocatedInputStream(client.getObject(request.build()), location);
        }
        catch (S3Exception e) {
            if (e.statusCode() == 416) {
                // the object exists and is no longer than the offset
                return InputStream.nullInputStream();
            }
            if (e.statusCode() == 412) {
                throw new IOException("Object %s changed while it was read: its ETag is no longer %s".formatted(location, eTag.orElse("")), e);
            }
            throw failure("reading", location, e);
        }
        catch (SdkException e) {
            throw failure("reading", location, e);
        }
    }

    @Override
    public Optional<Long> size(S3Location location)
            throws IOException
    {
        checkKey(location);
        if (isPrefix(location)) {
            return Optional.empty();
        }
        try {
            HeadObjectResponse head = client.headObject(HeadObjectRequest.builder()
                    .bucket(location.bucket())
                    .key(location.key())
                    .expectedBucketOwner(options.expectedBucketOwner().orElse(null))
                    .build());
            return Optional.of(head.contentLength());
        }
        catch (S3Exception e) {
            // HEAD has no body: a missing key and a missing bucket are both a bare 404
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw failure("inspecting", location, e);
        }
        catch (SdkException e) {
            throw failure("inspecting", location, e);
        }
    }

    @Override
    public List<ObjectInfo> list(S3Location prefix)
            throws IOException
    {
        checkPrefix(prefix);
        List<ObjectInfo> objects = new ArrayList<>();
        ListObjectsV2Request request = ListObjectsV2Request.builder()
                .bucket(prefix.bucket())
                .prefix(prefix.key().isEmpty() ? null : prefix.key())
                .expectedBucketOwner(options.expectedBucketOwner().orElse(null))
                .build();
        try {
            // S3 lists in UTF-8 byte order of the keys, which is code point order
            for (ListObjectsV2Response page : client.listObjectsV2Paginator(request)) {
                for (S3Object object : page.contents()) {
                    // "folder" markers are prefixes here, not objects
                    if (!object.key().endsWith("/")) {
                        objects.add(new ObjectInfo(new S3Location(prefix.bucket(), object.key()), object.size(), Optional.ofNullable(object.eTag())));
                    }
                }
            }
        }
        catch (S3Exception e) {
            if (isNoSuchBucket(e)) {
                return List.of();
            }
            throw failure("listing", prefix, e);
        }
        catch (SdkException e) {
            throw failure("listing", prefix, e);
        }
        return objects;
    }

    @Override
    public void delete(S3Location location)
            throws IOException
    {
        checkKey(location);
        if (isPrefix(location)) {
            return;
        }
        try {
            // S3 answers a delete of a missing key with success
            client.deleteObject(DeleteObjectRequest.builder()
                    .bucket(location.bucket())
                    .key(location.key())
                    .expectedBucketOwner(options.expectedBucketOwner().orElse(null))
                    .build());
        }
        catch (S3Exception e) {
            if (isNoSuchBucket(e) || e.statusCode() == 404) {
                return;
            }
            throw failure("deleting", location, e);
        }
        catch (SdkException e) {
            throw failure("deleting", location, e);
        }
    }

    /** Closes the client when this store created it; views from {@link #withOptions} close nothing. */
    @Override
    public void close()
    {
        if (ownsClient) {
            client.close();
        }
    }

    private static boolean isPrefix(S3Location location)
    {
        return location.key().isEmpty() || location.key().endsWith("/");
    }

    private static void checkKey(S3Location location)
    {
        String key = location.key();
        if (key.getBytes(StandardCharsets.UTF_8).length > MAX_KEY_BYTES) {
            throw new IllegalArgumentException("Object key longer than %d bytes: %s".formatted(MAX_KEY_BYTES, location));
        }
        checkSegments(location, key.split("/", -1).length);
    }

    /** A prefix may end in a partial segment ("dir/." matches "dir/.hidden"); only its complete segments are checked. */
    private static void checkPrefix(S3Location prefix)
    {
        if (prefix.key().getBytes(StandardCharsets.UTF_8).length > MAX_KEY_BYTES) {
            throw new IllegalArgumentException("Prefix longer than %d bytes: %s".formatted(MAX_KEY_BYTES, prefix));
        }
        checkSegments(prefix, prefix.key().split("/", -1).length - 1);
    }

    private static void checkSegments(S3Location location, int count)
    {
        String key = location.key();
        if (key.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("Unsupported character in object key: " + location);
        }
        String[] segments = key.split("/", -1);
        for (int i = 0; i < count; i++) {
            if (segments[i].equals(".") || segments[i].equals("..")) {
                throw new IllegalArgumentException("Unsupported object key: " + location);
            }
        }
    }

    private static boolean isNoSuchBucket(S3Exception e)
    {
        return e.awsErrorDetails() != null && "NoSuchBucket".equals(e.awsErrorDetails().errorCode());
    }

    private static IOException failure(String action, S3Location location, SdkException e)
    {
        if (e instanceof S3Exception s3) {
            String code = s3.awsErrorDetails() == null ? null : s3.awsErrorDetails().errorCode();
            String message = s3.awsErrorDetails() == null ? null : s3.awsErrorDetails().errorMessage();
            String detail = "HTTP %d%s%s".formatted(s3.statusCode(), code == null ? "" : " " + code, message == null ? "" : ": " + message);
            if (isNoSuchBucket(s3)) {
                return withCause(new BucketNotFoundException(location.bucket(), location.toString()), e);
            }
            if ("NoSuchKey".equals(code) || (s3.statusCode() == 404 && code == null)) {
                return withCause(new NoSuchFileException(location.toString()), e);
            }
            if (s3.statusCode() == 403) {
                return withCause(new AccessDeniedException(location.toString(), null, "S3 refused " + action + " (" + detail + ")"), e);
            }
            if (isThrottling(s3.statusCode(), code)) {
                return new S3ThrottledException(location.toString(), "S3 throttled %s %s: %s".formatted(action, location, detail), e);
            }
            return new IOException("S3 failed %s %s: %s".formatted(action, location, detail), e);
        }
        return new IOException("S3 failed %s %s: %s".formatted(action, location, e.getMessage()), e);
    }

    private static boolean isThrottling(int status, String code)
    {
        return status == 429 || status == 503
                || (code != null && (code.equals("SlowDown") || code.startsWith("Throttl") || code.equals("RequestLimitExceeded") || code.equals("TooManyRequests")));
    }

    /**
     * Checks that the bucket of a location exists and may be used: {@link BucketNotFoundException} when it does not,
     * {@link AccessDeniedException} when S3 refuses. A listing cannot tell a missing bucket from an empty prefix.
     */
    public void checkBucket(S3Location location)
            throws IOException
    {
        try {
            client.headBucket(HeadBucketRequest.builder()
                    .bucket(location.bucket())
                    .expectedBucketOwner(options.expectedBucketOwner().orElse(null))
                    .build());
        }
        catch (S3Exception e) {
            // HEAD has no body: the status alone tells
            if (e.statusCode() == 404) {
                throw withCause(new BucketNotFoundException(location.bucket(), location.toString()), e);
            }
            throw failure("inspecting the bucket of", location, e);
        }
        catch (SdkException e) {
            throw failure("inspecting the bucket of", location, e);
        }
    }

    private boolean bucketMissing(S3Location location)
    {
        try {
            checkBucket(location);
            return false;
        }
        catch (BucketNotFoundException e) {
            return true;
        }
        catch (IOException e) {
            return false;
        }
    }

    private static IOException withCause(IOException exception, Throwable cause)
    {
        exception.initCause(cause);
        return exception;
    }

    private ServerSideEncryption serverSideEncryption()
    {
        return switch (options.encryption()) {
            case NONE -> null;
            case SSE_S3 -> ServerSideEncryption.AES256;
            case SSE_KMS -> ServerSideEncryption.AWS_KMS;
        };
    }

    private void createBucket(S3Location location)
            throws IOException
    {
        CreateBucketRequest.Builder request = CreateBucketRequest.builder().bucket(location.bucket());
        if (!region.equals(US_EAST_1)) {
            request.createBucketConfiguration(configuration -> configuration.locationConstraint(region));
        }
        try {
            client.createBucket(request.build());
        }
        catch (BucketAlreadyOwnedByYouException e) {
            // created meanwhile by another writer
        }
        catch (SdkException e) {
            throw failure("creating the bucket of", location, e);
        }
    }

    /** Buffers up to a part in memory; past that, streams a multipart upload. */
    private final class S3PendingObject
            extends PendingObject
    {
        private final S3Location location;
        private final Map<String, String> userMetadata;
        private byte[] buffer = new byte[INITIAL_BUFFER];
        private int count;
        private String uploadId;
        private final List<CompletedPart> parts = new ArrayList<>();
        private boolean closed;

        private S3PendingObject(S3Location location, Map<String, String> userMetadata)
        {
            this.location = location;
            this.userMetadata = userMetadata;
        }

        @Override
        public void write(int b)
                throws IOException
        {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length)
                throws IOException
        {
            checkOpen();
            java.util.Objects.checkFromIndexSize(offset, length, bytes.length);
            while (length > 0) {
                if (count == partSize) {
                    // a full part and more to come: only now is it certain that this is a multipart object
                    uploadPart();
                }
                int chunk = Math.min(length, partSize - count);
                if (count + chunk > buffer.length) {
                    buffer = Arrays.copyOf(buffer, (int) Math.min(partSize, Math.max((long) buffer.length * 2, count + chunk)));
                }
                System.arraycopy(bytes, offset, buffer, count, chunk);
                count += chunk;
                offset += chunk;
                length -= chunk;
            }
        }

        @Override
        public void flush()
                throws IOException
        {
            checkOpen();
        }

        @Override
        public void commit()
                throws IOException
        {
            checkOpen();
            closed = true;
            try {
                if (uploadId == null) {
                    putObject();
                }
                else {
                    if (count > 0) {
                        uploadPart();
                    }
                    completeUpload();
                }
            }
            catch (IOException | RuntimeException e) {
                abortUpload(e);
                throw e;
            }
            finally {
                buffer = null;
            }
        }

        @Override
        public void close()
                throws IOException
        {
            if (closed) {
                return;
            }
            closed = true;
            buffer = null;
            abortUpload(null);
        }

        private void putObject()
                throws IOException
        {
            PutObjectRequest request = PutObjectRequest.builder()
                    .bucket(location.bucket())
                    .key(location.key())
                    .contentType(options.effectiveContentType())
                    .metadata(userMetadata.isEmpty() ? null : userMetadata)
                    .serverSideEncryption(serverSideEncryption())
                    .ssekmsKeyId(options.kmsKeyId().orElse(null))
                    .acl(options.bucketOwnerFullControl() ? ObjectCannedACL.BUCKET_OWNER_FULL_CONTROL : null)
                    .expectedBucketOwner(options.expectedBucketOwner().orElse(null))
                    .build();
            RequestBody body = bufferBody();
            try {
                client.putObject(request, body);
            }
            catch (S3Exception e) {
                if (!createBuckets || !isNoSuchBucket(e)) {
                    throw failure("writing", location, e);
                }
                createBucket(location);
                try {
                    client.putObject(request, body);
                }
                catch (SdkException retry) {
                    throw failure("writing", location, retry);
                }
            }
            catch (SdkException e) {
                // a server may answer NoSuchBucket before reading a large body and close the connection, which the
                // client sees only as a failed write: ask about the bucket before giving up
                if (!createBuckets || !bucketMissing(location)) {
                    throw failure("writing", location, e);
                }
                createBucket(location);
                try {
                    client.putObject(request, body);
                }
                catch (SdkException retry) {
                    throw failure("writing", location, retry);
                }
            }
        }

        /** The buffered bytes, without a copy; the SDK may read them more than once (retries). */
        private RequestBody bufferBody()
        {
            byte[] bytes = buffer;
            int length = count;
            return RequestBody.fromContentProvider(() -> new ByteArrayInputStream(bytes, 0, length), length, options.effectiveContentType());
        }

        private void uploadPart()
                throws IOException
        {
            if (uploadId == null) {
                startUpload();
            }
            int partNumber = parts.size() + 1;
            try {
                String etag = client.uploadPart(UploadPartRequest.builder()
                                .bucket(location.bucket())
                                .key(location.key())
                                .uploadId(uploadId)
                                .partNumber(partNumber)
                                .contentLength((long) count)
                                .expectedBucketOwner(options.expectedBucketOwner().orElse(null))
                                .build(),
                        bufferBody()).eTag();
                parts.add(CompletedPart.builder().partNumber(partNumber).eTag(etag).build());
            }
            catch (SdkException e) {
                throw failure("writing part %d of".formatted(partNumber), location, e);
            }
            count = 0;
        }

        private void startUpload()
                throws IOException
        {
            CreateMultipartUploadRequest request = CreateMultipartUploadRequest.builder()
                    .bucket(location.bucket())
                    .key(location.key())
                    .contentType(options.effectiveContentType())
                    .metadata(userMetadata.isEmpty() ? null : userMetadata)
                    .serverSideEncryption(serverSideEncryption())
                    .ssekmsKeyId(options.kmsKeyId().orElse(null))
                    .acl(options.bucketOwnerFullControl() ? ObjectCannedACL.BUCKET_OWNER_FULL_CONTROL : null)
                    .expectedBucketOwner(options.expectedBucketOwner().orElse(null))
                    .build();
            try {
                uploadId = client.createMultipartUpload(request).uploadId();
            }
            catch (S3Exception e) {
                if (!createBuckets || !isNoSuchBucket(e)) {
                    throw failure("starting the upload of", location, e);
                }
                createBucket(location);
                try {
                    uploadId = client.createMultipartUpload(request).uploadId();
                }
                catch (SdkException retry) {
                    throw failure("starting the upload of", location, retry);
                }
            }
            catch (SdkException e) {
                throw failure("starting the upload of", location, e);
            }
        }

        private void completeUpload()
                throws IOException
        {
            try {
                client.completeMultipartUpload(CompleteMultipartUploadRequest.builder()
                        .bucket(location.bucket())
                        .key(location.key())
                        .uploadId(uploadId)
                        .multipartUpload(upload -> upload.parts(parts))
                        .expectedBucketOwner(options.expectedBucketOwner().orElse(null))
                        .build());
                uploadId = null;
            }
            catch (SdkException e) {
                throw failure("completing the upload of", location, e);
            }
        }

        /** Drops the parts of an unfinished multipart upload; a failure is added to {@code pending} when there is one. */
        private void abortUpload(Throwable pending)
                throws IOException
        {
            if (uploadId == null) {
                return;
            }
            String id = uploadId;
            uploadId = null;
            try {
                client.abortMultipartUpload(AbortMultipartUploadRequest.builder()
                        .bucket(location.bucket())
                        .key(location.key())
                        .uploadId(id)
                        .expectedBucketOwner(options.expectedBucketOwner().orElse(null))
                        .build());
            }
            catch (SdkException e) {
                IOException failure = failure("aborting the upload of", location, e);
                if (pending == null) {
                    throw failure;
                }
                pending.addSuppressed(failure);
            }
        }

        private void checkOpen()
                throws IOException
        {
            if (closed) {
                throw new IOException("Object already committed or closed: " + location);
            }
        }
    }

    /** Names the location in read failures, which the SDK reports without it. */
    private static final class LocatedInputStream
            extends FilterInputStream
    {
        private final S3Location location;

        private LocatedInputStream(InputStream in, S3Location location)
        {
            super(in);
            this.location = location;
        }

        @Override
        public int read()
                throws IOException
        {
            try {
                return super.read();
            }
            catch (IOException | SdkException e) {
                throw readFailure(e);
            }
        }

        @Override
        public int read(byte[] bytes, int offset, int length)
                throws IOException
        {
            try {
                return super.read(bytes, offset, length);
            }
            catch (IOException | SdkException e) {
                throw readFailure(e);
            }
        }

        @Override
        public long skip(long n)
                throws IOException
        {
            try {
                return super.skip(n);
            }
            catch (IOException | SdkException e) {
                throw readFailure(e);
            }
        }

        private IOException readFailure(Exception e)
        {
            return new IOException("S3 failed reading %s: %s".formatted(location, e.getMessage()), e);
        }
    }
}
