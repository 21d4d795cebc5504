package io.pallas.server.storage;

import io.pallas.core.catalog.ColumnSelection;
import io.pallas.core.storage.ObjectStore;
import io.pallas.core.storage.ObjectStore.ObjectInfo;
import io.pallas.core.storage.S3Location;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The table cache over a local store standing in for S3: keys, eviction, pinning and failed fetches, and Parquet
 * objects fetched in part into sparse files that DuckDB reads.
 */
class TestTableFileCache
{
    @TempDir
    Path directory;

    private LocalObjectStore source;
    private TableFileCache cache;

    @BeforeEach
    void setUp()
            throws IOException
    {
        source = new LocalObjectStore(directory.resolve("source"), directory.resolve("tmp"));
        cache = new TableFileCache(directory.resolve("cache"), 10, 2);
    }

    @AfterEach
    void tearDown()
    {
        cache.close();
    }

    @Test
    void fetchedFileHasTheObjectsBytesAndName()
            throws IOException
    {
        ObjectInfo object = put("s3://lake/t/part-0.csv.gz", "abcd", "e1");
        try (TableFileCache.Lease lease = cache.lease()) {
            Path path = lease.request(source, object);
            lease.await();
            assertThat(path).hasContent("abcd").hasFileName("part-0.csv.gz");
            assertThat(path.startsWith(directory.resolve("cache"))).isTrue();
        }
        assertThat(cache.fetchedBytes()).isEqualTo(4);
    }

    @Test
    void sameETagIsServedFromTheCacheAndAnotherIsFetchedAgain()
            throws IOException
    {
        ObjectInfo object = put("s3://lake/t/a", "1234", "e1");
        Path first = fetch(object);
        assertThat(fetch(object)).isEqualTo(first);
        assertThat(cache.fetchedBytes()).isEqualTo(4);

        ObjectInfo changed = put("s3://lake/t/a", "5678", "e2");
        Path second = fetch(changed);
        assertThat(second).isNotEqualTo(first).hasContent("5678");
        assertThat(cache.fetchedBytes()).isEqualTo(8);
    }

    @Test
    void leastRecentlyUsedUnpinnedFilesAreEvictedBeyondTheLimit()
            throws IOException
    {
        Path a = fetch(put("s3://lake/t/a", "aaaa", "a"));
        Path b = fetch(put("s3://lake/t/b", "bbbb", "b"));
        fetch(put("s3://lake/t/a", "aaaa", "a"));
        // 12 bytes over a limit of 10: b is the least recently used
        Path c = fetch(put("s3://lake/t/c", "cccc", "c"));
        assertThat(b).doesNotExist();
        assertThat(a).exists();
        assertThat(c).exists();
        assertThat(cache.cachedBytes()).isEqualTo(8);
    }

    @Test
    void filesInUseAreNotEvicted()
            throws IOException
    {
        ObjectInfo big = put("s3://lake/t/big", "0123456789", "big");
        try (TableFileCache.Lease running = cache.lease()) {
            Path inUse = running.request(source, big);
            running.await();
            Path other = fetch(put("s3://lake/t/other", "xyz", "o"));
            // over the limit while the query runs; the other query's file goes first
            assertThat(inUse).hasContent("0123456789");
            assertThat(other).doesNotExist();
            assertThat(cache.cachedBytes()).isEqualTo(10);
        }
        Path next = fetch(put("s3://lake/t/next", "n", "n"));
        assertThat(next).exists();
        assertThat(cache.cachedBytes()).isEqualTo(1);
    }

    @Test
    void failedFetchLeavesNoFileAndIsTriedAgain()
            throws IOException
    {
        ObjectInfo missing = new ObjectInfo(S3Location.parse("s3://lake/t/gone").orElseThrow(), 3, Optional.of("g"));
        try (TableFileCache.Lease lease = cache.lease()) {
            Path path = lease.request(source, missing);
            assertThatThrownBy(lease::await).isInstanceOf(NoSuchFileException.class).hasMessageContaining("s3://lake/t/gone");
            assertThat(path).doesNotExist();
        }
        assertThat(cache.cachedBytes()).isZero();
        try (Stream<Path> files = Files.walk(directory.resolve("cache"))) {
            assertThat(files.filter(Files::isRegularFile)).isEmpty();
        }
        put("s3://lake/t/gone", "abc", "g");
        assertThat(fetch(missing)).hasContent("abc");
    }

    @Test
    void objectThatChangedSizeWhileListedIsNotKept()
            throws IOException
    {
        ObjectInfo listed = put("s3://lake/t/growing", "abc", "v1");
        put("s3://lake/t/growing", "abcdef", "v2");
        try (TableFileCache.Lease lease = cache.lease()) {
            Path path = lease.request(source, listed);
            assertThatThrownBy(lease::await).isInstanceOf(IOException.class).hasMessageContaining("s3://lake/t/growing").hasMessageContaining("changed");
            assertThat(path).doesNotExist();
        }
    }

    @Test
    void objectsOfOneQueryAreFetchedInParallel()
            throws Exception
    {
        ObjectInfo first = put("s3://lake/t/one", "1", "1");
        ObjectInfo second = put("s3://lake/t/two", "2", "2");
        // each read waits until the other has started: only parallel fetches finish
        CountDownLatch bothOpen = new CountDownLatch(2);
        ObjectStore rendezvous = new DelegatingStore(source)
        {
            @Override
            public InputStream open(S3Location location, long offset)
                    throws IOException
            {
                bothOpen.countDown();
                try {
                    if (!bothOpen.await(30, TimeUnit.SECONDS)) {
                        throw new IOException("the other object was not fetched at the same time");
                    }
                }
                catch (InterruptedException e) {
                    throw new IOException(e);
                }
                return super.open(location, offset);
            }
        };
        try (TableFileCache.Lease lease = cache.lease()) {
            Path one = lease.request(rendezvous, first);
            Path two = lease.request(rendezvous, second);
            lease.await();
            assertThat(one).hasContent("1");
            assertThat(two).hasContent("2");
        }
    }

    @Test
    void abandonedLeaseStopsWaitingAndTheFetchStillFillsTheCache()
            throws Exception
    {
        ObjectInfo object = put("s3://lake/t/held", "held", "h");
        CountDownLatch release = new CountDownLatch(1);
        ObjectStore held = new DelegatingStore(source)
        {
            @Override
            public InputStream open(S3Location location, long offset)
                    throws IOException
            {
                try {
                    release.await();
                }
                catch (InterruptedException e) {
                    throw new IOException(e);
                }
                return super.open(location, offset);
            }
        };
        Path path;
        try (TableFileCache.Lease lease = cache.lease()) {
            path = lease.request(held, object);
            Thread.ofVirtual().start(lease::abandon);
            assertThatThrownBy(lease::await).isInstanceOf(InterruptedIOException.class).hasMessageContaining("cancelled");
        }
        release.countDown();
        assertThat(fetch(object)).isEqualTo(path).hasContent("held");
        assertThat(cache.fetchedBytes()).isEqualTo(4);
    }

    @Test
    void concurrentRequestsShareOneFetch()
            throws Exception
    {
        ObjectInfo object = put("s3://lake/t/shared", "shared", "s");
        ObjectStore slow = new DelegatingStore(source)
        {
            @Override
            public InputStream open(S3Location location, long offset)
                    throws IOException
            {
                try {
                    Thread.sleep(200);
                }
                catch (InterruptedException e) {
                    throw new IOException(e);
                }
                return super.open(location, offset);
            }
        };
        try (TableFileCache.Lease one = cache.lease(); TableFileCache.Lease two = cache.lease()) {
            Path first = one.request(slow, object);
            Path second = two.request(slow, object);
            one.await();
            two.await();
            assertThat(first).isEqualTo(second).hasContent("shared");
        }
        assertThat(cache.fetchedBytes()).isEqualTo(6);
    }

    @Test
    void parquetObjectIsFetchedForTheColumnsReadAndLaterForMore()
            throws Exception
    {
        Path original = writeParquet("SELECT i AS a, random() AS b, random() AS c, md5(i::VARCHAR) AS d FROM range(100000) t(i)");
        ObjectInfo object = put("s3://lake/wide/part-0.parquet", Files.readAllBytes(original), "w1");
        long size = object.size();
        assertThat(size).isGreaterThan(TableFileCache.MIN_RANGED_SIZE);
        try (TableFileCache big = new TableFileCache(directory.resolve("big-cache"), 1L << 30, 2)) {
            Path path;
            try (TableFileCache.Lease lease = big.lease()) {
                TableFileCache.Fetch fetch = lease.requestParquet(source, object, ColumnSelection.of(List.of("A")));
                lease.await();
                path = fetch.path();
                assertThat(path).hasFileName("part-0.parquet");
                assertThat(Files.size(path)).isEqualTo(size);
                assertThat(fetch.scannedBytes()).isEqualTo(big.fetchedBytes()).isLessThan(size / 4);
                assertThat(big.cachedBytes()).isEqualTo(big.fetchedBytes());
                assertThat(query(path, "SELECT sum(a), count(*) FROM read_parquet('%s')")).isEqualTo(query(original, "SELECT sum(a), count(*) FROM read_parquet('%s')"));
                // the other columns are holes
                assertThatThrownBy(() -> query(path, "SELECT sum(length(d)) FROM read_parquet('%s')")).isInstanceOf(SQLException.class);
            }

            long before = big.fetchedBytes();
            try (TableFileCache.Lease lease = big.lease()) {
                TableFileCache.Fetch fetch = lease.requestParquet(source, object, ColumnSelection.of(List.of("a", "d")));
                lease.await();
                assertThat(fetch.path()).isEqualTo(path);
                long added = big.fetchedBytes() - before;
                assertThat(added).as("only d's chunks are new").isPositive().isLessThan(fetch.scannedBytes());
                assertThat(query(path, "SELECT sum(a), sum(length(d)) FROM read_parquet('%s')")).isEqualTo(query(original, "SELECT sum(a), sum(length(d)) FROM read_parquet('%s')"));
            }

            try (TableFileCache.Lease lease = big.lease()) {
                assertThat(lease.request(source, object)).isEqualTo(path);
                lease.await();
                assertThat(Files.mismatch(path, original)).as("the holes filled").isEqualTo(-1);
                assertThat(big.cachedBytes()).isEqualTo(size);
            }

            // a query of one column costs the same whether the bytes were cached or not
            try (TableFileCache.Lease lease = big.lease()) {
                long fetchedBefore = big.fetchedBytes();
                TableFileCache.Fetch fetch = lease.requestParquet(source, object, ColumnSelection.of(List.of("a")));
                lease.await();
                assertThat(big.fetchedBytes()).isEqualTo(fetchedBefore);
                assertThat(fetch.scannedBytes()).isLessThan(size / 4);
            }
        }
    }

    @Test
    void queryWaitsUntilEveryRangeItNeedsIsWritten()
            throws Exception
    {
        Path original = writeParquet("SELECT i AS a, random() AS b, random() AS c, random() AS d FROM range(100000) t(i)");
        ObjectInfo object = put("s3://lake/slow/part-0.parquet", Files.readAllBytes(original), "s1");
        CountDownLatch release = new CountDownLatch(1);
        ObjectStore slow = new DelegatingStore(source)
        {
            @Override
            public InputStream open(S3Location location, long offset, long length, Optional<String> eTag)
                    throws IOException
            {
                // the footer comes at once, the column chunks only when released
                if (offset + length < object.size()) {
                    try {
                        release.await();
                    }
                    catch (InterruptedException e) {
                        throw new IOException(e);
                    }
                }
                return super.open(location, offset, length, eTag);
            }
        };
        try (TableFileCache big = new TableFileCache(directory.resolve("big-cache"), 1L << 30, 2);
                TableFileCache.Lease first = big.lease();
                TableFileCache.Lease second = big.lease()) {
            TableFileCache.Fetch one = first.requestParquet(slow, object, ColumnSelection.of(List.of("a")));
            TableFileCache.Fetch two = second.requestParquet(slow, object, ColumnSelection.of(List.of("b")));
            Thread waiter = Thread.ofVirtual().start(() -> {
                try {
                    second.await();
                }
                catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            assertThat(waiter.join(Duration.ofMillis(300))).as("waits for its ranges").isFalse();
            assertThatThrownBy(two::scannedBytes).isInstanceOf(IllegalStateException.class).hasMessageContaining("is not ready");
            release.countDown();
            first.await();
            assertThat(waiter.join(Duration.ofSeconds(30))).isTrue();
            assertThat(one.path()).isEqualTo(two.path());
            assertThat(query(two.path(), "SELECT sum(a), sum(round(b * 1e9)::BIGINT) FROM read_parquet('%s')")).isEqualTo(query(original, "SELECT sum(a), sum(round(b * 1e9)::BIGINT) FROM read_parquet('%s')"));
        }
    }

    @Test
    void parquetObjectIsFetchedWholeWhenItIsSmallOrMostOfItIsNeeded()
            throws Exception
    {
        ObjectInfo small = put("s3://lake/p/small.parquet", Files.readAllBytes(writeParquet("SELECT i AS a, i * 2 AS b FROM range(100) t(i)")), "s");
        ObjectInfo large = put("s3://lake/p/large.parquet",
                Files.readAllBytes(writeParquet("SELECT random() AS a, random() AS b, random() AS c FROM range(200000) t(i)")), "l");
        try (TableFileCache big = new TableFileCache(directory.resolve("big-cache"), 1L << 30, 2);
                TableFileCache.Lease lease = big.lease()) {
            TableFileCache.Fetch smallFetch = lease.requestParquet(source, small, ColumnSelection.of(List.of("a")));
            TableFileCache.Fetch largeFetch = lease.requestParquet(source, large, ColumnSelection.of(List.of("a", "b")));
            lease.await();
            assertThat(smallFetch.scannedBytes()).isEqualTo(small.size());
            assertThat(largeFetch.scannedBytes()).isEqualTo(large.size());
            assertThat(big.cachedBytes()).isEqualTo(small.size() + large.size());
            assertThat(largeFetch.path()).hasSize(large.size());
            assertThat(Files.mismatch(largeFetch.path(), source.localFile(large.location()).orElseThrow())).isEqualTo(-1);
        }
    }

    @Test
    void objectThatIsNotParquetIsFetchedWholeForAColumnRequest()
            throws Exception
    {
        byte[] text = "x,1\n".repeat(400_000).getBytes(UTF_8);
        ObjectInfo object = put("s3://lake/p/data.parquet", text, "t");
        try (TableFileCache big = new TableFileCache(directory.resolve("big-cache"), 1L << 30, 2);
                TableFileCache.Lease lease = big.lease()) {
            TableFileCache.Fetch fetch = lease.requestParquet(source, object, ColumnSelection.of(List.of("a")));
            lease.await();
            assertThat(fetch.scannedBytes()).isEqualTo(text.length);
            assertThat(fetch.path()).hasBinaryContent(text);
        }
    }

    private Path writeParquet(String query)
            throws SQLException
    {
        Path file = directory.resolve("written-" + System.nanoTime() + ".parquet");
        try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = duckdb.createStatement()) {
            statement.execute("COPY (" + query + ") TO '" + file + "' (FORMAT parquet, ROW_GROUP_SIZE 25000)");
        }
        return file;
    }

    private static List<String> query(Path file, String sql)
            throws SQLException
    {
        try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = duckdb.createStatement();
                ResultSet rows = statement.executeQuery(sql.formatted(file))) {
            List<String> values = new ArrayList<>();
            while (rows.next()) {
                for (int i = 1; i <= rows.getMetaData().getColumnCount(); i++) {
                    values.add(rows.getString(i));
                }
            }
            return values;
        }
    }

    private static class DelegatingStore
            implements ObjectStore
    {
        private final ObjectStore delegate;

        DelegatingStore(ObjectStore delegate)
        {
            this.delegate = delegate;
        }

        @Override
        public PendingObject create(S3Location location)
                throws IOException
        {
            return delegate.create(location);
        }

        @Override
        public InputStream open(S3Location location, long offset)
                throws IOException
        {
            return delegate.open(location, offset);
        }

        @Override
        public Optional<Long> size(S3Location location)
                throws IOException
        {
            return delegate.size(location);
        }

        @Override
        public List<ObjectInfo> list(S3Location prefix)
                throws IOException
        {
            return delegate.list(prefix);
        }

        @Override
        public void delete(S3Location location)
                throws IOException
        {
            delegate.delete(location);
        }
    }

    private Path fetch(ObjectInfo object)
            throws IOException
    {
        try (TableFileCache.Lease lease = cache.lease()) {
            Path path = lease.request(source, object);
            lease.await();
            return path;
        }
    }

    private ObjectInfo put(String uri, String content, String eTag)
            throws IOException
    {
        return put(uri, content.getBytes(UTF_8), eTag);
    }

    private ObjectInfo put(String uri, byte[] content, String eTag)
            throws IOException
    {
        S3Location location = S3Location.parse(uri).orElseThrow();
        try (ObjectStore.PendingObject out = source.create(location)) {
            out.write(content);
            out.commit();
        }
        return new ObjectInfo(location, content.length, Optional.of(eTag));
    }
}
