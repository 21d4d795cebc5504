package io.pallas.server.storage;

import io.pallas.core.catalog.ColumnSelection;
import io.pallas.core.storage.ObjectStore;
import io.pallas.core.storage.ObjectStore.ObjectInfo;
import io.pallas.core.storage.S3Location;
import io.pallas.server.storage.ParquetFooter.ByteRange;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
 * lists with another ETag and is fetched again, while its old copy ages out. Objects are fetched on a fixed pool,
 * so the objects of one query are fetched in parallel. An object needed whole is fetched into a temporary file
 * that is renamed into place once complete, so a failed or cut-off transfer never leaves a file that looks complete.
 *
 * <p>A Parquet object of at least {@link #MIN_RANGED_SIZE} bytes read for some of its columns is fetched in part:
 * its footer (from the last {@link #TAIL_LENGTH} bytes, more if the footer is longer), then the byte ranges of the
 * chunks of those columns (their pages, page indexes and bloom filters), written at their own offsets into a
 * sparse file of the object's size, so that a reader of those columns sees a valid Parquet file. The entry
 * remembers which ranges it holds; a later query that needs other columns fetches only the ranges missing. When
 * the ranges a query needs come to more than half the object, the object is fetched whole (the ranges missing).
 * Work on one entry runs one request at a time, and a request is done only when all its ranges are written, so no
 * query reads a range that is still being filled; ranges another query reads are never written again.
 *
 * <p>The cache holds at most {@code maxBytes} (of bytes present); beyond that the least recently used entries
 * are deleted, except those pinned by an open {@link Lease} (a running query reads them) or being filled. When
 * pinned entries alone exceed the limit, the cache grows past it until their leases close. The directory is
 * emptied at start: entries are not remembered across restarts.
 */
public final class TableFileCache
        implements AutoCloseable
{
    /** Smaller Parquet objects are fetched whole: ranges would save a few requests' worth of bytes at most. */
    public static final long MIN_RANGED_SIZE = 1 << 20;
    /** Read first from the end of a Parquet object: most footers fit, so one request finds the footer. */
    public static final int TAIL_LENGTH = 64 << 10;
    /** Ranges at most this far apart are fetched with one request, the bytes between included. */
    public static final int MERGE_GAP = 32 << 10;

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
        private final Key key;
        private final Path path;
        private final long size;
        // guarded by the cache
        private int pins;
        /** Requests queued or running. */
        private int pending;
        /** The bytes counted in {@code cachedBytes}. */
        private long cached;
        private CompletableFuture<?> work = CompletableFuture.completedFuture(null);
        // touched only by the entry's work, one request at a time
        private final ByteRanges present = new ByteRanges();
        private boolean complete;
        /** Null until read; empty when the object has no footer the cache can use. */
        private Optional<Footer> footer;

        private Entry(Key key, Path path, long size)
        {
            this.key = key;
            this.path = path;
            this.size = size;
        }
    }

    /** A Parquet footer and where the range that holds it starts. */
    private record Footer(ParquetFooter footer, long tailStart) {}

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

    /** Bytes of the entries present (fetched, or fetched in part). */
    public synchronized long cachedBytes()
    {
        return cachedBytes;
    }

    /** A requested file: its local path, and once the lease's {@link Lease#await()} returned, what reading it cost. */
    public static final class Fetch
    {
        private final Path path;
        private final CompletableFuture<Long> scannedBytes = new CompletableFuture<>();

        private Fetch(Path path)
        {
            this.path = path;
        }

        public Path path()
        {
            return path;
        }

        /**
         * The bytes of the object this request needed, whether they were fetched now or were in the cache already:
         * the whole object, or the footer and column chunk ranges of a Parquet object fetched in part.
         */
        public long scannedBytes()
        {
            if (!scannedBytes.isDone() || scannedBytes.isCompletedExceptionally()) {
                throw new IllegalStateException("The file " + path + " is not ready");
            }
            return scannedBytes.join();
        }
    }

    /**
     * The files one query uses: each stays in the cache until the lease is closed. A lease is used by one thread.
     */
    public final class Lease
            implements AutoCloseable
    {
        private final List<Entry> pinned = new ArrayList<>();
        private final List<Fetch> requests = new ArrayList<>();
        private boolean closed;
        private volatile boolean abandoned;

        private Lease() {}

        /**
         * The local path the whole object will have, pinned for this lease; its fetch starts now unless the cache
         * holds it. The file is complete once {@link #await()} returns.
         */
        public Path request(ObjectStore store, ObjectInfo object)
        {
            return submit(store, object, Optional.empty()).path();
        }

        /**
         * The local path of a Parquet object of which only {@code columns} will be read, pinned for this lease; its
         * fetch starts now. Once {@link #await()} returns, the file holds at least the footer and those columns'
         * chunks at their offsets (all of it when ranges would not save much, or the object is not Parquet).
         */
        public Fetch requestParquet(ObjectStore store, ObjectInfo object, ColumnSelection columns)
        {
            return submit(store, object, Optional.of(requireNonNull(columns, "columns is null")));
        }

        private Fetch submit(ObjectStore store, ObjectInfo object, Optional<ColumnSelection> parquetColumns)
        {
            requireNonNull(store, "store is null");
            requireNonNull(object, "object is null");
            if (closed) {
                throw new IllegalStateException("Lease is closed");
            }
            S3Location location = object.location();
            Key key = new Key(location.bucket(), location.key(), object.eTag().orElse(""), object.size());
            Fetch fetch;
            synchronized (TableFileCache.this) {
                Entry entry = entries.computeIfAbsent(key, _ -> new Entry(key, pathOf(key), object.size()));
                entry.pins++;
                entry.pending++;
                pinned.add(entry);
                fetch = new Fetch(entry.path);
                Fetch request = fetch;
                entry.work = entry.work
                        .handle((_, _) -> null)
                        .thenRunAsync(() -> fill(store, object, entry, parquetColumns, request), fetchers);
                evict();
            }
            requests.add(fetch);
            return fetch;
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
            for (Fetch fetch : requests) {
                CompletableFuture<Long> ready = fetch.scannedBytes;
                try {
                    while (!ready.isDone()) {
                        if (abandoned) {
                            throw new InterruptedIOException("Stopped waiting for table data: the query was cancelled");
                        }
                        try {
                            ready.get(ABANDON_CHECK_MILLIS, TimeUnit.MILLISECONDS);
                        }
                        catch (TimeoutException _) {
                            // look at the abandon flag again
                        }
                    }
                    ready.get();
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

    /** Runs one request on the entry's work (one at a time per entry) and completes its fetch. */
    private void fill(ObjectStore store, ObjectInfo object, Entry entry, Optional<ColumnSelection> parquetColumns, Fetch fetch)
    {
        try {
            long scanned = parquetColumns.isPresent() && !parquetColumns.get().isAll() && entry.size >= MIN_RANGED_SIZE
                    ? fillColumns(store, object, entry, parquetColumns.get())
                    : fillWhole(store, object, entry);
            synchronized (this) {
                entry.pending--;
                evict();
            }
            fetch.scannedBytes.complete(scanned);
        }
        catch (IOException | RuntimeException e) {
            synchronized (this) {
                entry.pending--;
                if (entry.present.isEmpty() && !entry.complete) {
                    deleteQuietly(entry.path);
                    deleteQuietly(entry.path.getParent());
                    // a later query fetches it again
                    if (entry.pending == 0 && entries.remove(entry.key, entry)) {
                        cachedBytes -= entry.cached;
                    }
                }
            }
            fetch.scannedBytes.completeExceptionally(e);
        }
    }

    /** Makes the whole object present; returns its size. */
    private long fillWhole(ObjectStore store, ObjectInfo object, Entry entry)
            throws IOException
    {
        if (entry.complete) {
            return entry.size;
        }
        if (!entry.present.isEmpty()) {
            fillRanges(store, object, entry, List.of(new ByteRange(0, entry.size)));
            entry.complete = true;
            return entry.size;
        }
        Path part = Files.createTempFile(temporary, "fetch-", ".part");
        try {
            long copied;
            try (InputStream in = store.open(object.location(), 0);
                    OutputStream out = Files.newOutputStream(part)) {
                copied = in.transferTo(out);
            }
            fetchedBytes.addAndGet(copied);
            if (copied != object.size()) {
                throw changed(object, object.size(), copied);
            }
            Files.createDirectories(entry.path.getParent());
            Files.move(part, entry.path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
        finally {
            deleteQuietly(part);
        }
        synchronized (this) {
            long added = entry.present.add(0, entry.size);
            entry.cached += added;
            cachedBytes += added;
        }
        entry.complete = true;
        return entry.size;
    }

    /**
     * Makes the footer and the chunks of {@code columns} present, or the whole object when they come to more than
     * half of it or it has no usable footer; returns the bytes that needed.
     */
    private long fillColumns(ObjectStore store, ObjectInfo object, Entry entry, ColumnSelection columns)
            throws IOException
    {
        if (entry.footer == null) {
            entry.footer = readFooter(store, object, entry);
        }
        if (entry.footer.isEmpty()) {
            return fillWhole(store, object, entry);
        }
        Footer footer = entry.footer.get();
        List<ByteRange> needed = new ArrayList<>();
        needed.add(new ByteRange(0, ParquetFooter.MAGIC_LENGTH));
        needed.add(new ByteRange(footer.tailStart(), entry.size));
        for (ParquetFooter.ColumnChunk chunk : footer.footer().chunks()) {
            if (columns.includes(chunk.column())) {
                needed.addAll(chunk.ranges());
            }
        }
        List<ByteRange> ranges = ByteRanges.merge(needed, MERGE_GAP);
        long bytes = ranges.stream().mapToLong(ByteRange::length).sum();
        if (bytes * 2 > entry.size) {
            return fillWhole(store, object, entry);
        }
        fillRanges(store, object, entry, ranges);
        return bytes;
    }

    /** Fetches the end of the object into a sparse file and reads the footer there. */
    private Optional<Footer> readFooter(ObjectStore store, ObjectInfo object, Entry entry)
            throws IOException
    {
        long size = entry.size;
        long tailStart = Math.max(0, size - TAIL_LENGTH);
        fillRanges(store, object, entry, List.of(new ByteRange(tailStart, size)));
        try (FileChannel file = FileChannel.open(entry.path, StandardOpenOption.READ)) {
            Optional<Integer> length = ParquetFooter.footerLength(read(file, size - ParquetFooter.TRAILER_LENGTH, ParquetFooter.TRAILER_LENGTH));
            if (length.isEmpty()) {
                return Optional.empty();
            }
            long footerStart = size - ParquetFooter.TRAILER_LENGTH - length.get();
            if (footerStart < ParquetFooter.MAGIC_LENGTH) {
                return Optional.empty();
            }
            if (footerStart < tailStart) {
                fillRanges(store, object, entry, List.of(new ByteRange(footerStart, tailStart)));
                tailStart = footerStart;
            }
            return ParquetFooter.parse(read(file, footerStart, length.get()), size)
                    .map(footer -> new Footer(footer, Math.min(Math.max(0, size - TAIL_LENGTH), footer.footerStart())));
        }
    }

    /** Fetches the parts of {@code ranges} the entry lacks, writing them at their offsets into its (sparse) file. */
    private void fillRanges(ObjectStore store, ObjectInfo object, Entry entry, List<ByteRange> ranges)
            throws IOException
    {
        List<ByteRange> missing = new ArrayList<>();
        for (ByteRange range : ranges) {
            missing.addAll(entry.present.missing(range.start(), range.end()));
        }
        if (missing.isEmpty()) {
            return;
        }
        if (entry.present.isEmpty()) {
            Files.createDirectories(entry.path.getParent());
            try (RandomAccessFile file = new RandomAccessFile(entry.path.toFile(), "rw")) {
                // holes everywhere: on Linux file systems they take no space and read as zeros
                file.setLength(0);
                file.setLength(entry.size);
            }
        }
        try (FileChannel file = FileChannel.open(entry.path, StandardOpenOption.WRITE)) {
            for (ByteRange range : ByteRanges.merge(missing, MERGE_GAP)) {
                long copied = 0;
                try (InputStream in = store.open(object.location(), range.start(), range.length(), object.eTag())) {
                    byte[] buffer = new byte[(int) Math.min(range.length(), 1 << 16)];
                    for (int read = in.read(buffer); read > 0; read = in.read(buffer)) {
                        ByteBuffer bytes = ByteBuffer.wrap(buffer, 0, (int) Math.min(read, range.length() - copied));
                        while (bytes.hasRemaining()) {
                            file.write(bytes, range.start() + copied + bytes.position());
                        }
                        copied += bytes.limit();
                        if (copied == range.length()) {
                            break;
                        }
                    }
                }
                fetchedBytes.addAndGet(copied);
                if (copied != range.length()) {
                    throw changed(object, range.length(), copied);
                }
                synchronized (this) {
                    long added = entry.present.add(range.start(), range.end());
                    entry.cached += added;
                    cachedBytes += added;
                }
            }
        }
    }

    private static byte[] read(FileChannel file, long position, int length)
            throws IOException
    {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        while (buffer.hasRemaining()) {
            if (file.read(buffer, position + buffer.position()) < 0) {
                throw new EOFException("File ends before byte " + (position + length));
            }
        }
        return buffer.array();
    }

    private static IOException changed(ObjectInfo object, long expected, long read)
    {
        return new IOException("Object %s changed while it was read: listed with %d bytes, read %d".formatted(object.location(), expected, read));
    }

    /** Deletes least recently used, unpinned, complete entries until the cache fits. */
    private void evict()
    {
        Iterator<Map.Entry<Key, Entry>> iterator = entries.entrySet().iterator();
        while (cachedBytes > maxBytes && iterator.hasNext()) {
            Entry entry = iterator.next().getValue();
            if (entry.pins > 0 || entry.pending > 0) {
                continue;
            }
            iterator.remove();
            cachedBytes -= entry.cached;
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
