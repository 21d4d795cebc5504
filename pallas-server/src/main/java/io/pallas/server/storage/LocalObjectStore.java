package io.pallas.server.storage;

import io.pallas.core.storage.ObjectStore;
import io.pallas.core.storage.S3Location;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static java.util.Objects.requireNonNull;

/**
 * Objects as files: {@code s3://bucket/key} lives at {@code <root>/<bucket>/<key>}. Writes go to a temporary file
 * that is renamed into place on commit, so the temporary directory must be on the same file system as the root.
 */
public class LocalObjectStore
        implements ObjectStore
{
    private static final int BUFFER_SIZE = 64 * 1024;

    private final Path root;
    private final Path realRoot;
    private final Path tempDirectory;

    public LocalObjectStore(Path root, Path tempDirectory)
    {
        requireNonNull(root, "root is null");
        requireNonNull(tempDirectory, "tempDirectory is null");
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
    }

    @Override
    public PendingObject create(S3Location location)
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
        return new LocalPendingObject(location, target, temp, out);
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
        private boolean closed;

        private LocalPendingObject(S3Location location, Path target, Path temp, OutputStream out)
        {
            this.location = location;
            this.target = target;
            this.temp = temp;
            this.out = out;
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
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
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
    }
}
