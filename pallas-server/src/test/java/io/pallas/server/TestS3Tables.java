package io.pallas.server;

import io.pallas.server.storage.MotoServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.athena.AthenaClient;
import software.amazon.awssdk.services.athena.model.QueryExecution;
import software.amazon.awssdk.services.athena.model.Row;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tables whose data is in buckets routed to an S3 endpoint (moto): listed and fetched into the table cache, read
 * by DuckDB from there, fetched again when an object changes; a missing bucket fails the query as Athena does.
 */
class TestS3Tables
{
    private static MotoServer moto;
    private static TestingPallasServer server;
    private static AthenaClient athena;
    private static S3Client s3;

    @BeforeAll
    static void start(@TempDir Path data)
            throws Exception
    {
        moto = MotoServer.start();
        server = new TestingPallasServer(data, List.of(
                "--s3-buckets", "lake,missing-lake",
                "--s3-endpoint", moto.endpoint().toString(),
                "--s3-access-key-id", "testing",
                "--s3-secret-access-key", "testing",
                "--s3-max-attempts", "2"));
        athena = TestAthenaEndToEnd.client(server);
        s3 = S3Client.builder()
                .endpointOverride(moto.endpoint())
                .region(Region.US_EAST_1)
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
        s3.createBucket(r -> r.bucket("lake"));
    }

    @AfterAll
    static void stop()
            throws Exception
    {
        if (s3 != null) {
            s3.close();
        }
        if (athena != null) {
            athena.close();
        }
        if (server != null) {
            server.close();
        }
        if (moto != null) {
            moto.close();
        }
    }

    @Test
    void tableOverS3DataIsFetchedOnceAndAgainWhenAnObjectChanges()
            throws Exception
    {
        byte[] part0 = "apple,3\npear,4\n".getBytes(UTF_8);
        byte[] part1 = gzip("plum,10\n");
        put("lake", "sales/part-0.csv", part0);
        put("lake", "sales/part-1.csv.gz", part1);
        put("lake", "sales/_SUCCESS", new byte[0]);
        put("lake", "sales-other/part-0.csv", "ignored,1000\n".getBytes(UTF_8));
        succeed("""
                CREATE EXTERNAL TABLE sales (fruit string, amount int)
                ROW FORMAT DELIMITED FIELDS TERMINATED BY ','
                LOCATION 's3://lake/sales/'""");

        long fetchedBefore = server.server().tableFiles().fetchedBytes();
        QueryExecution first = succeed("SELECT count(*), sum(amount), max(\"$path\") FROM sales");
        assertThat(rows(first)).containsExactly(List.of("3", "17", "s3://lake/sales/part-1.csv.gz"));
        assertThat(first.statistics().dataScannedInBytes()).isEqualTo(part0.length + part1.length);
        assertThat(server.server().tableFiles().fetchedBytes() - fetchedBefore).isEqualTo(part0.length + part1.length);

        QueryExecution again = succeed("SELECT sum(amount) FROM sales WHERE fruit <> 'pear'");
        assertThat(rows(again)).containsExactly(List.of("13"));
        assertThat(again.statistics().dataScannedInBytes()).isEqualTo(part0.length + part1.length);
        assertThat(server.server().tableFiles().fetchedBytes() - fetchedBefore).as("served from the cache").isEqualTo(part0.length + part1.length);

        // same size, new content: only the ETag tells
        byte[] changed = "apple,5\npear,4\n".getBytes(UTF_8);
        assertThat(changed).hasSameSizeAs(part0);
        put("lake", "sales/part-0.csv", changed);
        assertThat(rows(succeed("SELECT sum(amount) FROM sales"))).containsExactly(List.of("19"));
        assertThat(server.server().tableFiles().fetchedBytes() - fetchedBefore).isEqualTo(2L * part0.length + part1.length);
    }

    @Test
    void wideParquetTableIsFetchedByTheColumnsQueriesRead(@TempDir Path local)
            throws Exception
    {
        String rows = "SELECT i AS id, random() AS r1, random() AS r2, random() AS r3, random() AS r4, random() AS r5, substr(md5(i::VARCHAR), 1, 6) AS label FROM range(%d, %d) t(i)";
        byte[] object = parquet(local.resolve("v1.parquet"), rows.formatted(0, 100_000));
        put("lake", "wide/part-0.parquet", object);
        succeed("CREATE EXTERNAL TABLE wide (id bigint, r1 double, r2 double, r3 double, r4 double, r5 double, label string) STORED AS PARQUET LOCATION 's3://lake/wide/'");

        long before = fetchedBytes();
        QueryExecution idOnly = succeed("SELECT sum(id), count(*) FROM wide");
        assertThat(rows(idOnly)).containsExactly(List.of("4999950000", "100000"));
        long idBytes = fetchedBytes() - before;
        assertThat(idBytes).as("the footer and the id chunks").isPositive().isLessThan(object.length / 5);
        assertThat(idOnly.statistics().dataScannedInBytes()).isEqualTo(idBytes);

        // the same answer as DuckDB gives reading the whole file
        QueryExecution label = succeed("SELECT max(label), sum(length(label)) FROM wide WHERE id % 7 = 3");
        assertThat(rows(label)).containsExactly(duckdb(local.resolve("v1.parquet"), "SELECT max(label), sum(length(label)) FROM read_parquet('{file}') WHERE id % 7 = 3"));
        long labelBytes = fetchedBytes() - before - idBytes;
        assertThat(labelBytes).as("only the label chunks are new").isPositive();
        assertThat(idBytes + labelBytes).isLessThan(object.length);
        assertThat(label.statistics().dataScannedInBytes()).isGreaterThan(labelBytes).isLessThan(object.length);

        QueryExecution again = succeed("SELECT sum(id), count(*) FROM wide");
        assertThat(rows(again)).containsExactly(List.of("4999950000", "100000"));
        assertThat(fetchedBytes() - before).as("served from the cache").isEqualTo(idBytes + labelBytes);
        assertThat(again.statistics().dataScannedInBytes()).as("counted as when fetched").isEqualTo(idBytes);

        QueryExecution all = succeed("SELECT * FROM wide WHERE id = 99999");
        List<String> expected = duckdb(local.resolve("v1.parquet"), "SELECT id, r1, r2, r3, r4, r5, label FROM read_parquet('{file}') WHERE id = 99999");
        assertThat(rows(all)).singleElement().satisfies(row -> {
            assertThat(row.getFirst()).isEqualTo(expected.getFirst());
            assertThat(row.getLast()).isEqualTo(expected.getLast());
            for (int i = 1; i <= 5; i++) {
                assertThat(Double.parseDouble(row.get(i))).isEqualTo(Double.parseDouble(expected.get(i)));
            }
        });
        assertThat(all.statistics().dataScannedInBytes()).isEqualTo(object.length);
        assertThat(fetchedBytes() - before).as("the rest fetched").isGreaterThanOrEqualTo(object.length);

        // a new ETag: fetched again, again in part
        byte[] changed = parquet(local.resolve("v2.parquet"), rows.formatted(1, 100_001));
        put("lake", "wide/part-0.parquet", changed);
        long beforeChange = fetchedBytes();
        QueryExecution afterChange = succeed("SELECT sum(id), count(*) FROM wide");
        assertThat(rows(afterChange)).containsExactly(List.of("5000050000", "100000"));
        assertThat(fetchedBytes() - beforeChange).isPositive().isLessThan(changed.length / 5).isEqualTo(afterChange.statistics().dataScannedInBytes());
    }

    private static long fetchedBytes()
    {
        return server.server().tableFiles().fetchedBytes();
    }

    private static byte[] parquet(Path file, String query)
            throws Exception
    {
        try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:"); Statement statement = duckdb.createStatement()) {
            statement.execute("COPY (" + query + ") TO '" + file + "' (FORMAT parquet, ROW_GROUP_SIZE 25000)");
        }
        return Files.readAllBytes(file);
    }

    private static List<String> duckdb(Path file, String query)
            throws Exception
    {
        try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = duckdb.createStatement();
                ResultSet rows = statement.executeQuery(query.replace("{file}", file.toString()))) {
            assertThat(rows.next()).isTrue();
            List<String> values = new ArrayList<>();
            for (int i = 1; i <= rows.getMetaData().getColumnCount(); i++) {
                values.add(rows.getString(i));
            }
            return values;
        }
    }

    @Test
    void partitionsOnS3AreReadFromTheirLocations()
            throws Exception
    {
        put("lake", "events/day=1/a.csv", "x\ny\n".getBytes(UTF_8));
        put("lake", "events/day=2/a.csv", "z\n".getBytes(UTF_8));
        put("lake", "events/day=3/a.csv", "unregistered\n".getBytes(UTF_8));
        succeed("CREATE EXTERNAL TABLE events (name string) PARTITIONED BY (day int) LOCATION 's3://lake/events/'");
        succeed("ALTER TABLE events ADD PARTITION (day=1) PARTITION (day=2)");
        assertThat(rows(succeed("SELECT day, count(*) FROM events GROUP BY day ORDER BY day")))
                .containsExactly(List.of("1", "2"), List.of("2", "1"));
    }

    @Test
    void missingBucketFailsWithS3BucketNotFound()
    {
        succeed("CREATE EXTERNAL TABLE lost (v string) LOCATION 's3://missing-lake/lost/'");
        QueryExecution failed = run("SELECT * FROM lost");
        assertThat(failed.status().stateAsString()).isEqualTo("FAILED");
        assertThat(failed.status().athenaError().errorCategory()).isEqualTo(2);
        assertThat(failed.status().athenaError().errorType()).isEqualTo(1306);
        assertThat(failed.status().athenaError().retryable()).isFalse();
        assertThat(failed.status().stateChangeReason())
                .startsWith("S3_BUCKET_NOT_FOUND")
                .contains("s3://missing-lake/lost/");
        // the server goes on serving
        assertThat(rows(succeed("SELECT 1"))).containsExactly(List.of("1"));
    }

    @Test
    void emptyPrefixInAnExistingBucketIsAnEmptyTable()
    {
        succeed("CREATE EXTERNAL TABLE nothing_yet (v string) LOCATION 's3://lake/nothing-yet/'");
        assertThat(rows(succeed("SELECT count(*) FROM nothing_yet"))).containsExactly(List.of("0"));
    }

    @Test
    void cacheFilesLiveUnderTheDataDirectory()
            throws Exception
    {
        put("lake", "small/one.csv", "1\n".getBytes(UTF_8));
        succeed("CREATE EXTERNAL TABLE small (v int) LOCATION 's3://lake/small/'");
        assertThat(rows(succeed("SELECT v FROM small"))).containsExactly(List.of("1"));
        try (Stream<Path> files = Files.walk(server.server().config().dataDirectory().resolve("table-cache"))) {
            assertThat(files.filter(Files::isRegularFile).map(path -> path.getFileName().toString())).contains("one.csv");
        }
    }

    private static void put(String bucket, String key, byte[] content)
    {
        s3.putObject(r -> r.bucket(bucket).key(key), RequestBody.fromBytes(content));
    }

    private static byte[] gzip(String text)
            throws IOException
    {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(text.getBytes(UTF_8));
        }
        return bytes.toByteArray();
    }

    private static QueryExecution run(String sql)
    {
        String id = athena.startQueryExecution(r -> r.queryString(sql)).queryExecutionId();
        return TestAthenaEndToEnd.await(athena, id);
    }

    private static QueryExecution succeed(String sql)
    {
        QueryExecution execution = run(sql);
        assertThat(execution.status().stateAsString()).as(sql + ": " + execution.status().stateChangeReason()).isEqualTo("SUCCEEDED");
        return execution;
    }

    private static List<List<String>> rows(QueryExecution execution)
    {
        List<Row> rows = athena.getQueryResults(r -> r.queryExecutionId(execution.queryExecutionId())).resultSet().rows();
        return rows.subList(1, rows.size()).stream().map(row -> row.data().stream().map(datum -> datum.varCharValue()).toList()).toList();
    }
}
