package io.pallas.server.storage;

import io.pallas.core.storage.ObjectStore;
import io.pallas.core.storage.S3Location;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Reader;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Stream;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

/**
 * Objects as files: {@code s3://bucket/key} lives at {@code <root>/<bucket>/<key>}. Writes go to a temporary file
 * that is renamed into place on commit, so the temporary directory must be on the same file system as the root.
 *
 * <p>Object metadata (user metadata, and the content type, server-side encryption and ACL that a
 * {@link #withOptions} view writes with) is kept in the file's user extended attributes, set on the temporary file
 * before the rename, so an object and its metadata appear together. The names follow the jclouds filesystem blob
 * store that S3Proxy serves directories with: {@code user.user-metadata.<name>} for {@code x-amz-meta-<name>},
 * {@code user.content-type}; the others are {@code user.pallas.<header name>}. Where the file system has no user
 * extended attributes, the metadata goes to a properties file at the same relative path under a separate metadata
 * directory instead, written just before the object is renamed into place; objects without metadata have none.
 *
 * <p>A view from {@link #withOptions} records the options; it does not check the expected bucket owner, which a
 * local store cannot know ({@link RoutingObjectStore} checks it against the local account).
 */
public class LocalObjectStore
        implements ObjectStore, SupportsWriteOptions, SupportsUserMetadata
{
    private static final int BUFFER_SIZE = 64 * 1024;
    private static final String USER_METADATA_HEADER = "x-amz-meta-";
    private static final String USER_METADATA_XATTR = "user.user-metadata.";
    private static final String CONTENT_TYPE_HEADER = "content-type";
    private static final String CONTENT_TYPE_XATTR = "user.content-type";
    private static final String PALLAS_XATTR = "user.pallas.";
    /** Headers a {@link #withOptions} view records; S3 answers the same names on HEAD (the ACL only on GetObjectAcl). */
    public static final String SERVER_SIDE_ENCRYPTION = "x-amz-server-side-encryption";
    public static final String SSE_KMS_KEY_ID = "x-amz-server-side-encryption-aws-kms-key-id";
    public static final String ACL = "x-amz-acl";

    private final Path root;
    private final Path realRoot;
    private final Path tempDirectory;
    private final Optional<Path> sidecarDirectory;
    private final WriteOptions options;

    /**
     * A store that keeps metadata in extended attributes when the file system has them, and otherwise in
     * {@code <root>-metadata} beside the root.
     */
    public LocalObjectStore(Path root, Path tempDirectory)
    {
        this(root, tempDirectory, root.toAbsolutePath().normalize().resolveSibling(root.toAbsolutePath().normalize().getFileName() + "-metadata"), true);
    }

    /**
     * @param metadataDirectory where object metadata is kept when extended attributes are not used; outside the root
     * @param useExtendedAttributes false to keep metadata in {@code metadataDirectory} even where extended attributes work
     */
    public LocalObjectStore(Path root, Path tempDirectory, Path metadataDirectory, boolean useExtendedAttributes)
    {
        requireNonNull(root, "root is null");
        requireNonNull(tempDirectory, "tempDirectory is null");
        requireNonNull(metadataDirectory, "metadataDirectory is null");
        try {
            Files.createDirectories(root);
            Files.createDirectories(tempDirectory);
            this.realRoot = root.toRealPath();
        }
        catch (IOException e) {
            throw new IllegalArgumentException("Cannot use object store root " + root + ": " + e.getMessage(), e);
        }
        this.root = root.toAbsolutePath().normalize();
        this.tempDirectory = tempDirectory.toAbsolutePath().normalize();
        Path metadata = metadataDirectory.toAbsolutePath().normalize();
        if (metadata.startsWith(this.root)) {
            throw new IllegalArgumentException("Metadata directory " + metadata + " must not be inside the object store root " + this.root);
        }
        this.sidecarDirectory = useExtendedAttributes && extendedAttributesWork(this.tempDirectory) ? Optional.empty() : Optional.of(metadata);
        this.options = WriteOptions.DEFAULT;
    }

    private LocalObjectStore(LocalObjectStore store, WriteOptions options)
    {
        this.root = store.root;
        this.realRoot = store.realRoot;
        this.tempDirectory = store.tempDirectory;
        this.sidecarDirectory = store.sidecarDirectory;
        this.options = requireNonNull(options, "options is null");
    }

    /** Whether user extended attributes can be written and read on this file system (temporary files become objects). */
    private static boolean extendedAttributesWork(Path directory)
    {
        Path probe = null;
        try {
            probe = Files.createTempFile(directory, "pallas-xattr-", ".tmp");
            UserDefinedFileAttributeView view = Files.getFileAttributeView(probe, UserDefinedFileAttributeView.class);
            if (view == null) {
                return false;
            }
            view.write("pallas.probe", ByteBuffer.wrap(new byte[] {1}));
            return view.list().contains("pallas.probe");
        }
        catch (IOException | UnsupportedOperationException e) {
            return false;
        }
        finally {
            if (probe != null) {
                try {
                    Files.deleteIfExists(probe);
                }
                catch (IOException ignored) {
                    // a leftover probe in the temporary directory is harmless
                }
            }
        }
    }

    /** Whether object metadata is kept in extended attributes (else in the metadata directory). */
    public boolean usesExtendedAttributes()
    {
        return sidecarDirectory.isEmpty();
    }

    @Override
    public LocalObjectStore withOptions(WriteOptions options)
    {
        return new LocalObjectStore(this, options);
    }

    @Override
    public PendingObject create(S3Location location, Map<String, String> userMetadata)
            throws IOException
    {
        Map<String, String> headers = new TreeMap<>();
        SupportsUserMetadata.checkUserMetadata(userMetadata).forEach((name, value) -> headers.put(USER_METADATA_HEADER + name, value));
        options.contentType().ifPresent(type -> headers.put(CONTENT_TYPE_HEADER, type));
        switch (options.encryption()) {
            case NONE -> { }
            case SSE_S3 -> headers.put(SERVER_SIDE_ENCRYPTION, "AES256");
            case SSE_KMS -> headers.put(SERVER_SIDE_ENCRYPTION, "aws:kms");
        }
        options.kmsKeyId().ifPresent(key -> headers.put(SSE_KMS_KEY_ID, key));
        if (options.bucketOwnerFullControl()) {
            headers.put(ACL, "bucket-owner-full-control");
        }
        return createWithHeaders(location, headers);
    }

    @Override
    public Map<String, String> userMetadata(S3Location location)
            throws IOException
    {
        Map<String, String> userMetadata = new TreeMap<>();
        metadata(location).forEach((name, value) -> {
            if (name.startsWith(USER_METADATA_HEADER)) {
                userMetadata.put(name.substring(USER_METADATA_HEADER.length()), value);
            }
        });
        return userMetadata;
    }

    /**
     * Everything recorded with the object, by S3 header name: {@code x-amz-meta-*}, {@code content-type},
     * {@code x-amz-server-side-encryption}, {@code x-amz-server-side-encryption-aws-kms-key-id}, {@code x-amz-acl}.
     *
     * @throws NoSuchFileException when there is no object at the location
     */
    public Map<String, String> metadata(S3Location location)
            throws IOException
    {
        Path path = existingObject(location).orElseThrow(() -> new NoSuchFileException(location.toString()));
        Map<String, String> headers = new TreeMap<>();
        if (sidecarDirectory.isPresent()) {
            Path sidecar = sidecarPath(location);
            if (Files.isRegularFile(sidecar, LinkOption.NOFOLLOW_LINKS)) {
                Properties properties = new Properties();
                try (Reader reader = Files.newBufferedReader(sidecar, UTF_8)) {
                    properties.load(reader);
                }
                properties.stringPropertyNames().forEach(name -> headers.put(name, properties.getProperty(name)));
            }
            return headers;
        }
        UserDefinedFileAttributeView view = Files.getFileAttributeView(path, UserDefinedFileAttributeView.class);
        for (String attribute : view.list()) {
            String header;
            if (attribute.startsWith(USER_METADATA_XATTR)) {
                header = USER_METADATA_HEADER + attribute.substring(USER_METADATA_XATTR.length());
            }
            else if (attribute.equals(CONTENT_TYPE_XATTR)) {
                header = CONTENT_TYPE_HEADER;
            }
            else if (attribute.startsWith(PALLAS_XATTR)) {
                header = attribute.substring(PALLAS_XATTR.length());
            }
            else {
                continue;
            }
            ByteBuffer value = ByteBuffer.allocate(view.size(attribute));
            view.read(attribute, value);
            headers.put(header, new String(value.array(), 0, value.position(), UTF_8));
        }
        return headers;
    }

    private static String xattrName(String header)
    {
        if (header.startsWith(USER_METADATA_HEADER)) {
            return USER_METADATA_XATTR + header.substring(USER_METADATA_HEADER.length());
        }
        return header.equals(CONTENT_TYPE_HEADER) ? CONTENT_TYPE_XATTR : PALLAS_XATTR + header;
    }

    /** The metadata file of an object, at the object's relative path under the metadata directory. */
    private Path sidecarPath(S3Location location)
    {
        Path bucketDirectory = root.resolve(location.bucket());
        return sidecarDirectory.orElseThrow().resolve(location.bucket()).resolve(bucketDirectory.relativize(objectPath(location)).toString());
    }

    @Override
    public PendingObject create(S3Location location)
            throws IOException
    {
        return create(location, Map.of());
    }

    private PendingObject createWithHeaders(S3Location location, Map<String, String> headers)
            throws IOException
    {
        Path target = objectPath(location);
        if (location.key().isEmpty() || location.key().endsWith("/")) {
            throw new IllegalArgumentException("Not an object key (empty or ending with '/'): " + location);
        }
        checkInsideRoot(location, target);
        Path temp = Files.createTempFile(tempDirectory, "pallas-", ".tmp");
        OutputStream out;
        try {
            out = new BufferedOutputStream(Files.newOutputStream(temp, StandardOpenOption.WRITE), BUFFER_SIZE);
        }
        catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
        return new LocalPendingObject(location, target, temp, out, Map.copyOf(headers));
    }

    @Override
    public InputStream open(S3Location location, long offset)
            throws IOException
    {
        if (offset < 0) {
            throw new IllegalArgumentException("Negative offset %s for %s".formatted(offset, location));
        }
        Path path = existingObject(location).orElseThrow(() -> new NoSuchFileException(location.toString()));
        FileChannel channel;
        try {
            channel = FileChannel.open(path, StandardOpenOption.READ);
        }
        catch (NoSuchFileException e) {
            throw new NoSuchFileException(location.toString());
        }
        try {
            channel.position(offset);
        }
        catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        return Channels.newInputStream(channel);
    }

    @Override
    public Optional<Long> size(S3Location location)
            throws IOException
    {
        Optional<Path> path = existingObject(location);
        if (path.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.size(path.get()));
        }
        catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    @Override
    public void delete(S3Location location)
            throws IOException
    {
        Optional<Path> path = existingObject(location);
        if (path.isPresent()) {
            Files.deleteIfExists(path.get());
        }
        if (sidecarDirectory.isPresent() && !location.key().isEmpty() && !location.key().endsWith("/")) {
            Files.deleteIfExists(sidecarPath(location));
        }
    }

    @Override
    public List<ObjectInfo> list(S3Location prefix)
            throws IOException
    {
        String key = prefix.key();
        // the deepest directory that holds every key with this prefix
        String directoryKey = key.contains("/") ? key.substring(0, key.lastIndexOf('/') + 1) : "";
        Path directory = objectPath(new S3Location(prefix.bucket(), directoryKey));
        if (!Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)) {
            return List.of();
        }
        checkInsideRoot(prefix, directory);
        Path bucketDirectory = root.resolve(prefix.bucket());
        List<ObjectInfo> objects = new ArrayList<>();
        try (Stream<Path> files = Files.walk(directory)) {
            // links are never followed: a link could lead out of the store
            for (Path file : (Iterable<Path>) files::iterator) {
                BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                if (!attributes.isRegularFile()) {
                    continue;
                }
                String objectKey = bucketDirectory.relativize(file).toString().replace(java.io.File.separatorChar, '/');
                if (objectKey.startsWith(key)) {
                    objects.add(new ObjectInfo(new S3Location(prefix.bucket(), objectKey), attributes.size()));
                }
            }
        }
        objects.sort(Comparator.comparing(info -> info.location().key()));
        return objects;
    }

    /**
     * The local file of an object, for readers that work on files (the embedded engine): empty when there is no
     * such object. The location is checked as every other access is.
     */
    public Optional<Path> localFile(S3Location location)
            throws IOException
    {
        return existingObject(location);
    }

    /** The object's file when one exists; directories are prefixes, not objects. */
    private Optional<Path> existingObject(S3Location location)
            throws IOException
    {
        Path path = objectPath(location);
        if (location.key().isEmpty() || location.key().endsWith("/")) {
            return Optional.empty();
        }
        checkInsideRoot(location, path);
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(path, BasicFileAttributes.class);
        }
        catch (NoSuchFileException e) {
            return Optional.empty();
        }
        return attributes.isRegularFile() ? Optional.of(path) : Optional.empty();
    }

    /** Maps a location to its path, refusing keys that could name anything outside the bucket directory. */
    private Path objectPath(S3Location location)
    {
        String key = location.key();
        if (key.indexOf('\0') >= 0 || key.indexOf('\\') >= 0) {
            throw new IllegalArgumentException("Unsupported character in object key: " + location);
        }
        String[] segments = key.split("/", -1);
        for (int i = 0; i < segments.length; i++) {
            String segment = segments[i];
            boolean last = i == segments.length - 1;
            // a trailing empty segment is a prefix marker ("dir/"); anywhere else it has no file-system spelling
            if ((segment.isEmpty() && !last) || segment.equals(".") || segment.equals("..")) {
                throw new IllegalArgumentException("Unsupported object key: " + location);
            }
        }
        Path bucketDirectory = root.resolve(location.bucket());
        Path path = key.isEmpty() ? bucketDirectory : bucketDirectory.resolve(key).normalize();
        if (!path.startsWith(bucketDirectory)) {
            throw new IllegalArgumentException("Object key escapes its bucket: " + location);
        }
        return path;
    }

    /** Refuses paths whose nearest existing ancestor (or the file itself) resolves outside the root via a link. */
    private void checkInsideRoot(S3Location location, Path path)
            throws IOException
    {
        Path existing = path;
        while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            throw new IllegalArgumentException("Object path outside the store: " + location);
        }
        Path real;
        try {
            real = existing.toRealPath();
        }
        catch (NoSuchFileException e) {
            // a dangling link: resolve the directory holding it instead
            Path parent = existing.getParent();
            if (parent == null) {
                throw new IllegalArgumentException("Object path outside the store: " + location);
            }
            real = parent.toRealPath();
        }
        if (!real.startsWith(realRoot)) {
            throw new IllegalArgumentException("Object path leaves the store through a link: " + location);
        }
    }

    private final class LocalPendingObject
            extends PendingObject
    {
        private final S3Location location;
        private final Path target;
        private final Path temp;
        private final OutputStream out;
        private final Map<String, String> headers;
        private boolean closed;

        private LocalPendingObject(S3Location location, Path target, Path temp, OutputStream out, Map<String, String> headers)
        {
            this.location = location;
            this.target = target;
            this.temp = temp;
            this.out = out;
            this.headers = headers;
        }

        @Override
        public void write(int b)
                throws IOException
        {
            checkOpen();
            out.write(b);
        }

        @Override
        public void write(byte[] bytes, int offset, int length)
                throws IOException
        {
            checkOpen();
            out.write(bytes, offset, length);
        }

        @Override
        public void flush()
                throws IOException
        {
            checkOpen();
            out.flush();
        }

        @Override
        public void commit()
                throws IOException
        {
            checkOpen();
            closed = true;
            try {
                out.close();
                Files.createDirectories(target.getParent());
                checkInsideRoot(location, target.getParent());
                if (sidecarDirectory.isEmpty()) {
                    UserDefinedFileAttributeView view = Files.getFileAttributeView(temp, UserDefinedFileAttributeView.class);
                    for (Map.Entry<String, String> header : headers.entrySet()) {
                        view.write(xattrName(header.getKey()), ByteBuffer.wrap(header.getValue().getBytes(UTF_8)));
                    }
                    Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                }
                else {
                    // the metadata file first: an object is never visible without the metadata it was written with
                    Path sidecar = sidecarPath(location);
                    if (headers.isEmpty()) {
                        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                        Files.deleteIfExists(sidecar);
                    }
                    else {
                        writeSidecar(sidecar, headers);
                        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
            catch (IOException | RuntimeException e) {
                Files.deleteIfExists(temp);
                throw e;
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
            try {
                out.close();
            }
            finally {
                Files.deleteIfExists(temp);
            }
        }

        private void checkOpen()
                throws IOException
        {
            if (closed) {
                throw new IOException("Object already committed or closed: " + location);
            }
        }

        private void writeSidecar(Path sidecar, Map<String, String> headers)
                throws IOException
        {
            Files.createDirectories(sidecar.getParent());
            Path sidecarTemp = Files.createTempFile(sidecar.getParent(), ".pallas-", ".tmp");
            try {
                Properties properties = new Properties();
                properties.putAll(headers);
                try (Writer writer = Files.newBufferedWriter(sidecarTemp, UTF_8)) {
                    properties.store(writer, null);
                }
                Files.move(sidecarTemp, sidecar, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            }
            finally {
                Files.deleteIfExists(sidecarTemp);
            }
        }
    }
}
