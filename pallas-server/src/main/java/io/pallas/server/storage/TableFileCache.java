package io.pallas.server.storage;

import io.pallas.core.storage.ObjectStore;
import io.pallas.core.storage.ObjectStore.ObjectInfo;
import io.pallas.core.storage.S3Location;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

/**
 * Local copies of table data objects held in S3, so that DuckDB, which never talks to S3 itself, reads local files.
 *
 * <p>An entry is keyed by bucket, key, entity tag and size as the listing reported them: an object that changed
 * lists with another ETag and is fetched again, while its old copy ages out. Objects are fetched whole, in parallel
 * on a fixed pool, into a temporary file that is renamed into place once complete, so a failed or cut-off
 * transfer never leaves a file that looks complete.
 *
 * <p>The cache holds at most {@code maxBytes}; beyond that the least recently used entries are deleted, except
 * those pinned by an open {@link Lease} (a running query reads them). When pinned entries alone exceed the limit,
 * the cache grows past it until their leases close. The directory is emptied at start: entries are not remembered
 * across restarts.
 */
public final class TableFileCache
        implements AutoCloseable
{
    private static final int MAX_FILE_NAME = 160;
    private static final long ABANDON_CHECK_MILLIS = 50;

    private final Path directory;
    private final Path temporary;
    private final long maxBytes;
    private final ExecutorService fetchers;
    /** In access order: the first entries are the least recently used. Guarded by {@code this}. */
    private final Map<Key, Entry> entries = new LinkedHashMap<>(16, 0.75f, true);
    private long cachedBytes;
    private final AtomicLong fetchedBytes = new AtomicLong();

    private record Key(String bucket, String key, String eTag, long size) {}

    private static final class Entry
    {
        private final Path path;
        private final long size;
        private final CompletableFuture<Path> ready = new CompletableFuture<>();
        private int pins;

        private Entry(Path path, long size)
        {
            this.path = path;
            this.size = size;
        }
    }

    /**
     * @param directory where copies live; emptied now
     * @param maxBytes the size the unpinned entries are evicted down to
     * @param fetchThreads how many objects are fetched at once
     */
    public TableFileCache(Path directory, long maxBytes, int fetchThreads)
            throws IOException
    {
        requireNonNull(directory, "directory is null");
        if (maxBytes < 0) {
            throw new IllegalArgumentException("maxBytes is negative: " + maxBytes);
        }
        if (fetchThreads < 1) {
            throw new IllegalArgumentException("fetchThreads must be at least 1: " + fetchThreads);
        }
        deleteRecursively(directory);
        this.directory = Files.createDirectories(directory);
        this.temporary = Files.createDirectories(directory.resolve(".fetching"));
        this.maxBytes = maxBytes;
        this.fetchers = Executors.newFixedThreadPool(fetchThreads, Thread.ofPlatform().name("pallas-s3-fetch-", 0).daemon().factory());
    }

    /** Starts a set of pinned files for one query. */
    public Lease lease()
    {
        return new Lease();
    }

    /** Bytes fetched from the object stores since start. */
    public long fetchedBytes()
    {
        return fetchedBytes.get();
    }

    /** Bytes of the entries present (complete or being fetched). */
    public synchronized long cachedBytes()
    {
        return cachedBytes;
    }

    /**
     * The files one query uses: each stays in the cache until the lease is closed. A lease is used by one thread.
     */
    public final class Lease
            implements AutoCloseable
    {
        private final List<Entry> pinned = new ArrayList<>();
        private boolean closed;
        private volatile boolean abandoned;

        private Lease() {}

        /**
         * The local path the object will have, pinned for this lease; its fetch starts now unless the cache holds it
         * or is fetching it. The file is complete once {@link #await()} returns.
         */
        public Path request(ObjectStore store, ObjectInfo object)
        {
            requireNonNull(store, "store is null");
            requireNonNull(object, "object is null");
            if (closed) {
                throw new IllegalStateException("Lease is closed");
            }
            S3Location location = object.location();
            Key key = new Key(location.bucket(), location.key(), object.eTag().orElse(""), object.size());
            Entry entry;
            boolean fetch = false;
            synchronized (TableFileCache.this) {
                entry = entries.get(key);
                if (entry == null) {
                    entry = new Entry(pathOf(key), object.size());
                    entries.put(key, entry);
                    cachedBytes += entry.size;
                    fetch = true;
                }
                entry.pins++;
                pinned.add(entry);
                evict();
            }
            if (fetch) {
                Entry fetched = entry;
                fetchers.execute(() -> fetch(store, object, key, fetched));
            }
            return entry.path;
        }

        /**
         * Stops {@link #await()} from waiting any longer (the query was cancelled), from any thread. Fetches under
         * way finish into the cache.
         */
        public void abandon()
        {
            abandoned = true;
        }

        /** Waits for every requested file; the first failure is thrown as the store reported it. */
        public void await()
                throws IOException
        {
            for (Entry entry : pinned) {
                try {
                    while (!entry.ready.isDone()) {
                        if (abandoned) {
                            throw new InterruptedIOException("Stopped waiting for table data: the query was cancelled");
                        }
                        try {
                            entry.ready.get(ABANDON_CHECK_MILLIS, TimeUnit.MILLISECONDS);
                        }
                        catch (TimeoutException _) {
                            // look at the abandon flag again
                        }
                    }
                    entry.ready.get();
                }
                catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("Interrupted while fetching table data");
                }
                catch (ExecutionException e) {
                    switch (e.getCause()) {
                        case IOException io -> throw io;
                        case UncheckedIOException unchecked -> throw unchecked.getCause();
                        case RuntimeException runtime -> throw runtime;
                        default -> throw new IOException(e.getCause());
                    }
                }
            }
        }

        /** Unpins the files; the cache may evict them from now on. */
        @Override
        public void close()
        {
            synchronized (TableFileCache.this) {
                if (closed) {
                    return;
                }
                closed = true;
                for (Entry entry : pinned) {
                    entry.pins--;
                }
                pinned.clear();
                evict();
            }
        }
    }

    private void fetch(ObjectStore store, ObjectInfo object, Key key, Entry entry)
    {
        Path part = null;
        try {
            part = Files.createTempFile(temporary, "fetch-", ".part");
            long copied;
            try (InputStream in = store.open(object.location(), 0);
                    OutputStream out = Files.newOutputStream(part)) {
                copied = in.transferTo(out);
            }
            fetchedBytes.addAndGet(copied);
            if (copied != object.size()) {
                throw new IOException("Object %s changed while it was read: listed with %d bytes, read %d".formatted(object.location(), object.size(), copied));
            }
            Files.createDirectories(entry.path.getParent());
            Files.move(part, entry.path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            entry.ready.complete(entry.path);
        }
        catch (IOException | RuntimeException e) {
            if (part != null) {
                deleteQuietly(part);
            }
            synchronized (this) {
                // a later query fetches it again
                if (entries.remove(key, entry)) {
                    cachedBytes -= entry.size;
                }
            }
            entry.ready.completeExceptionally(e);
        }
    }

    /** Deletes least recently used, unpinned, complete entries until the cache fits. */
    private void evict()
    {
        Iterator<Map.Entry<Key, Entry>> iterator = entries.entrySet().iterator();
        while (cachedBytes > maxBytes && iterator.hasNext()) {
            Entry entry = iterator.next().getValue();
            if (entry.pins > 0 || !entry.ready.isDone()) {
                continue;
            }
            iterator.remove();
            cachedBytes -= entry.size;
            deleteQuietly(entry.path);
            deleteQuietly(entry.path.getParent());
        }
    }

    /** {@code <directory>/<hash of the key>/<the object's file name>}: the name keeps the extension DuckDB looks at. */
    private Path pathOf(Key key)
    {
        String identity = key.bucket() + '\0' + key.key() + '\0' + key.eTag() + '\0' + key.size();
        String name = key.key().substring(key.key().lastIndexOf('/') + 1).replaceAll("[^A-Za-z0-9._=-]", "_");
        if (name.length() > MAX_FILE_NAME) {
            name = name.substring(name.length() - MAX_FILE_NAME);
        }
        if (name.isEmpty() || name.startsWith(".")) {
            name = "object" + name;
        }
        return directory.resolve(sha256(identity)).resolve(name);
    }

    private static String sha256(String text)
    {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(UTF_8)));
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void deleteQuietly(Path path)
    {
        try {
            Files.deleteIfExists(path);
        }
        catch (IOException _) {
            // a directory still in use by a concurrent fetch of the same name, or already gone
        }
    }

    private static void deleteRecursively(Path directory)
            throws IOException
    {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    @Override
    public void close()
    {
        fetchers.shutdownNow();
    }
}
