package io.pallas.server.results;

import io.pallas.core.storage.ObjectStore;
import io.pallas.core.storage.S3Location;
import io.pallas.core.type.Column;
import io.pallas.core.type.SqlType;
import io.pallas.server.storage.LocalObjectStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ResultWriterTest
{
    private static final String QUERY_ID = "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0";

    @TempDir
    Path directory;

    private ObjectStore store;

    @BeforeEach
    void setUp()
    {
        store = new LocalObjectStore(directory.resolve("root"), directory.resolve("tmp"));
    }

    @Test
    void contractExampleCsv()
            throws IOException
    {
        S3Location location = location("s3://results/out/" + QUERY_ID + ".csv");
        ResultSummary summary;
        try (ResultWriter writer = new ResultWriter(store, location, ResultFormat.CSV, QUERY_ID, ResultCompanion.COLUMNS)) {
            writer.columns(List.of(
                    new Column("i", SqlType.INTEGER),
                    new Column("s", SqlType.VARCHAR),
                    new Column("q", SqlType.VARCHAR),
                    new Column("n", SqlType.VARCHAR),
                    new Column("e", SqlType.VARCHAR),
                    new Column("a", SqlType.array(SqlType.INTEGER)),
                    new Column("b", SqlType.VARBINARY)));
            writer.row(new Object[] {1, "it's", "a\"b", null, "", List.of(1, 2), new byte[] {1, 2}});
            summary = writer.commit();
        }
        String expected = "\"i\",\"s\",\"q\",\"n\",\"e\",\"a\",\"b\"\n\"1\",\"it's\",\"a\"\"b\",,\"\",\"[1, 2]\",\"01 02\"\n";
        assertThat(read(location)).isEqualTo(expected);
        assertThat(summary.rowCount()).isEqualTo(1);
        assertThat(summary.dataBytes()).isEqualTo(expected.getBytes(UTF_8).length);
        assertThat(summary.columns()).hasSize(7);

        ResultMetadata metadata = ResultMetadataCodec.read(store, location("s3://results/out/" + QUERY_ID + ".csv.metadata"));
        assertThat(metadata.id()).isEqualTo(QUERY_ID);
        assertThat(metadata.columns()).extracting(ResultColumn::name).containsExactly("i", "s", "q", "n", "e", "a", "b");
        assertThat(metadata.columns()).extracting(ResultColumn::type).containsExactly("integer", "varchar", "varchar", "varchar", "varchar", "array", "varbinary");
    }

    @Test
    void zeroRowsIsHeaderOnly()
            throws IOException
    {
        S3Location location = location("s3://results/q.csv");
        try (ResultWriter writer = new ResultWriter(store, location, ResultFormat.CSV, QUERY_ID, ResultCompanion.COLUMNS)) {
            writer.columns(List.of(new Column("i", SqlType.INTEGER)));
            assertThat(writer.commit()).isEqualTo(new ResultSummary(List.of(new Column("i", SqlType.INTEGER)), 0, 4));
        }
        assertThat(read(location)).isEqualTo("\"i\"\n");
    }

    @Test
    void headerQuotesNames()
            throws IOException
    {
        S3Location location = location("s3://results/q.csv");
        try (ResultWriter writer = new ResultWriter(store, location, ResultFormat.CSV, QUERY_ID, ResultCompanion.COLUMNS)) {
            writer.columns(List.of(new Column("a\"b", SqlType.INTEGER), new Column("_col1", SqlType.DATE)));
            writer.row(new Object[] {null, LocalDate.of(2017, 1, 2)});
            writer.row(new Object[] {null, null});
            writer.commit();
        }
        assertThat(read(location)).isEqualTo("\"a\"\"b\",\"_col1\"\n,\"2017-01-02\"\n,\n");
    }

    @Test
    void multiByteAndLongValues()
            throws IOException
    {
        // long enough to straddle the writer's buffer several times, with quotes and multi-byte text throughout
        String unit = "ü€😀\"x,\n";
        String longValue = unit.repeat(40_000);
        String unpaired = "a\uD800b";
        S3Location location = location("s3://results/long.csv");
        try (ResultWriter writer = new ResultWriter(store, location, ResultFormat.CSV, QUERY_ID, ResultCompanion.COLUMNS)) {
            writer.columns(List.of(new Column("v", SqlType.VARCHAR)));
            writer.row(new Object[] {longValue});
            writer.row(new Object[] {unpaired});
            writer.row(new Object[] {"end"});
            writer.commit();
        }
        String expected = "\"v\"\n\"" + longValue.replace("\"", "\"\"") + "\"\n\"a?b\"\n\"end\"\n";
        assertThat(read(location)).isEqualTo(expected);
        assertThat(store.size(location)).contains((long) expected.getBytes(UTF_8).length);
    }

    @Test
    void txtJoinsValuesWithTabsAndRowsWithNewlines()
            throws IOException
    {
        S3Location location = location("s3://results/q.txt");
        ResultSummary summary;
        try (ResultWriter writer = new ResultWriter(store, location, ResultFormat.TXT, QUERY_ID, ResultCompanion.COLUMNS)) {
            writer.columns(List.of(new Column("prpt_name", SqlType.VARCHAR), new Column("prpt_value", SqlType.VARCHAR)));
            writer.row(new Object[] {"EXTERNAL", "TRUE"});
            writer.row(new Object[] {"transient_lastDdlTime", "1700000000"});
            writer.row(new Object[] {"empty", null});
            summary = writer.commit();
        }
        assertThat(read(location)).isEqualTo("EXTERNAL\tTRUE\ntransient_lastDdlTime\t1700000000\nempty\t");
        assertThat(summary.rowCount()).isEqualTo(3);
        assertThat(ResultMetadataCodec.read(store, location("s3://results/q.txt.metadata")).columns())
                .extracting(ResultColumn::name)
                .containsExactly("prpt_name", "prpt_value");
    }

    @Test
    void columnLessDdlWritesAnEmptyTxtAndNoMetadata()
            throws IOException
    {
        S3Location location = location("s3://results/ddl.txt");
        try (ResultWriter writer = new ResultWriter(store, location, ResultFormat.TXT, QUERY_ID, ResultCompanion.NONE)) {
            writer.columns(List.of());
            assertThat(writer.commit().dataBytes()).isZero();
        }
        assertThat(store.size(location)).contains(0L);
        assertThat(store.size(location("s3://results/ddl.txt.metadata"))).isEmpty();
    }

    @Test
    void queryIdCompanionHoldsOnlyTheQueryId()
            throws IOException
    {
        S3Location location = location("s3://results/msck.txt");
        try (ResultWriter writer = new ResultWriter(store, location, ResultFormat.TXT, QUERY_ID, ResultCompanion.QUERY_ID)) {
            writer.columns(List.of(new Column("msck", SqlType.VARCHAR)));
            writer.row(new Object[] {"Partitions not in metastore:\tt:k=1"});
            writer.commit();
        }
        assertThat(read(location)).isEqualTo("Partitions not in metastore:\tt:k=1");
        S3Location metadata = location("s3://results/msck.txt.metadata");
        assertThat(store.size(metadata)).contains(38L);
        assertThat(ResultMetadataCodec.read(store, metadata)).isEqualTo(ResultMetadata.forColumns(QUERY_ID, List.of()));
    }

    @Test
    void emptyRowsWithoutColumns()
            throws IOException
    {
        S3Location location = location("s3://results/drop.txt");
        try (ResultWriter writer = new ResultWriter(store, location, ResultFormat.TXT, "20260917_085344_00007_k6s5b", ResultCompanion.COLUMNS)) {
            writer.columns(List.of());
            writer.row(new Object[0]);
            writer.row(new Object[0]);
            writer.updateType("DROP TABLE", OptionalLong.empty());
            writer.commit();
        }
        assertThat(read(location)).isEqualTo("\n");
        S3Location metadata = location("s3://results/drop.txt.metadata");
        assertThat(store.size(metadata)).contains(41L);
        assertThat(ResultMetadataCodec.read(store, metadata).updateType()).isEqualTo(Optional.of("DROP TABLE"));
    }

    @Test
    void closeWithoutCommitLeavesNothing()
            throws IOException
    {
        S3Location location = location("s3://results/abandoned.csv");
        try (ResultWriter writer = new ResultWriter(store, location, ResultFormat.CSV, QUERY_ID, ResultCompanion.COLUMNS)) {
            writer.columns(List.of(new Column("i", SqlType.INTEGER)));
            for (int i = 0; i < 100_000; i++) {
                writer.row(new Object[] {i});
            }
        }
        assertThat(store.size(location)).isEmpty();
        assertThat(store.size(ResultFormat.metadataLocation(location))).isEmpty();
        assertThat(directory.resolve("tmp")).isEmptyDirectory();
    }

    @Test
    void misuse()
            throws IOException
    {
        try (ResultWriter writer = new ResultWriter(store, location("s3://results/m.csv"), ResultFormat.CSV, QUERY_ID, ResultCompanion.COLUMNS)) {
            assertThatThrownBy(() -> writer.row(new Object[] {1})).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(writer::commit).isInstanceOf(IllegalStateException.class);
            writer.columns(List.of(new Column("i", SqlType.INTEGER)));
            assertThatThrownBy(() -> writer.columns(List.of())).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> writer.row(new Object[] {1, 2})).isInstanceOf(IllegalArgumentException.class);
            writer.commit();
            assertThatThrownBy(() -> writer.row(new Object[] {1})).isInstanceOf(IllegalStateException.class);
        }
        assertThatThrownBy(() -> new ResultWriter(store, location("s3://results/../x.csv"), ResultFormat.CSV, QUERY_ID, ResultCompanion.COLUMNS))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void streamsMillionsOfRows()
            throws IOException
    {
        int rows = 3_000_000;
        S3Location location = location("s3://results/big.csv");
        long expectedBytes = "\"id\",\"name\",\"score\"\n".length();
        long start = System.nanoTime();
        ResultSummary summary;
        try (ResultWriter writer = new ResultWriter(store, location, ResultFormat.CSV, QUERY_ID, ResultCompanion.COLUMNS)) {
            writer.columns(List.of(new Column("id", SqlType.BIGINT), new Column("name", SqlType.VARCHAR), new Column("score", SqlType.DOUBLE)));
            for (int i = 0; i < rows; i++) {
                long id = i;
                String name = (i % 10 == 0) ? null : "name-" + (i % 1000);
                double score = i * 0.5;
                writer.row(new Object[] {id, name, score});
                expectedBytes += Long.toString(id).length() + 2 + 1
                        + (name == null ? 0 : name.length() + 2) + 1
                        + Double.toString(score).length() + 2 + 1;
            }
            summary = writer.commit();
        }
        long elapsed = System.nanoTime() - start;
        System.out.printf("ResultWriter: %,d rows in %,d ms = %,.0f rows/s%n", rows, elapsed / 1_000_000, rows * 1e9 / elapsed);
        assertThat(summary.rowCount()).isEqualTo(rows);
        assertThat(summary.dataBytes()).isEqualTo(expectedBytes);
        assertThat(store.size(location)).contains(expectedBytes);
    }

    private String read(S3Location location)
            throws IOException
    {
        try (InputStream in = store.open(location, 0)) {
            return new String(in.readAllBytes(), UTF_8);
        }
    }

    private static S3Location location(String uri)
    {
        return S3Location.parse(uri).orElseThrow();
    }
}
