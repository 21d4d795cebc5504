package io.pallas.server.storage;

import io.pallas.server.storage.ParquetFooter.ByteRange;
import io.pallas.server.storage.ParquetFooter.ColumnChunk;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The footer reader against Parquet files DuckDB writes, checked against what DuckDB's parquet_metadata() reports. */
class TestParquetFooter
{
    @TempDir
    Path directory;

    @Test
    void columnChunksAreWhereDuckDbSaysTheyAre()
            throws Exception
    {
        Path file = write("""
                SELECT i::BIGINT AS id, (i % 10)::VARCHAR AS "Kind", {'x': i, 'y': 'v' || i} AS point, random() AS r
                FROM range(30000) t(i)""", "ROW_GROUP_SIZE 10000");
        Optional<ParquetFooter> parsed = parse(file);
        assertThat(parsed).as("footer locates every chunk").isPresent();
        ParquetFooter footer = parsed.get();

        List<String> expected = new ArrayList<>();
        try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = duckdb.createStatement();
                ResultSet rows = statement.executeQuery("""
                        SELECT path_in_schema, coalesce(least(dictionary_page_offset, data_page_offset), data_page_offset), total_compressed_size,
                               bloom_filter_offset, bloom_filter_length
                        FROM parquet_metadata('%s') ORDER BY row_group_id, column_id""".formatted(file))) {
            while (rows.next()) {
                long start = rows.getLong(2);
                String chunk = rows.getString(1).split(", ")[0] + " " + start + "-" + (start + rows.getLong(3));
                if (rows.getObject(4) != null) {
                    chunk += " bloom " + rows.getLong(4) + "-" + (rows.getLong(4) + rows.getLong(5));
                }
                expected.add(chunk);
            }
        }
        List<String> actual = footer.chunks().stream().map(TestParquetFooter::describe).toList();
        assertThat(actual).containsExactlyElementsOf(expected);
        // three row groups of four leaf columns (the struct has two), the upper-case name as the file spells it
        assertThat(actual).hasSize(15).anyMatch(chunk -> chunk.startsWith("Kind ")).anyMatch(chunk -> chunk.contains("bloom"));
        assertThat(footer.footerStart()).isGreaterThan(footer.chunks().getLast().ranges().getFirst().end());
        assertThat(footer.fileSize()).isEqualTo(Files.size(file));
    }

    @Test
    void fileWithoutParquetMagicHasNoFooter()
    {
        assertThat(ParquetFooter.footerLength("\0\0\0\0PAR1".getBytes(UTF_8))).hasValue(0);
        assertThat(ParquetFooter.footerLength("\u0010\0\0\0PARE".getBytes(UTF_8))).as("encrypted footer").isEmpty();
        assertThat(ParquetFooter.footerLength("a,b\n1,2\n".getBytes(UTF_8))).isEmpty();
    }

    @Test
    void truncatedFooterIsAnError()
            throws Exception
    {
        Path file = write("SELECT i AS a FROM range(10) t(i)", "");
        byte[] bytes = Files.readAllBytes(file);
        int length = ParquetFooter.footerLength(Arrays.copyOfRange(bytes, bytes.length - 8, bytes.length)).orElseThrow();
        byte[] footer = Arrays.copyOfRange(bytes, bytes.length - 8 - length, bytes.length - 8);
        assertThatThrownBy(() -> ParquetFooter.parse(Arrays.copyOf(footer, footer.length / 2), bytes.length))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("not valid Thrift");
    }

    private static String describe(ColumnChunk chunk)
    {
        ByteRange pages = chunk.ranges().getFirst();
        String text = chunk.column() + " " + pages.start() + "-" + pages.end();
        if (chunk.ranges().size() > 1) {
            ByteRange bloom = chunk.ranges().get(1);
            text += " bloom " + bloom.start() + "-" + bloom.end();
        }
        return text;
    }

    private Path write(String query, String options)
            throws SQLException
    {
        Path file = directory.resolve("f" + System.nanoTime() + ".parquet");
        try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = duckdb.createStatement()) {
            statement.execute("COPY (" + query + ") TO '" + file + "' (FORMAT parquet" + (options.isEmpty() ? "" : ", " + options) + ")");
        }
        return file;
    }

    private static Optional<ParquetFooter> parse(Path file)
            throws IOException
    {
        byte[] bytes = Files.readAllBytes(file);
        int length = ParquetFooter.footerLength(Arrays.copyOfRange(bytes, bytes.length - 8, bytes.length)).orElseThrow();
        return ParquetFooter.parse(Arrays.copyOfRange(bytes, bytes.length - 8 - length, bytes.length - 8), bytes.length);
    }
}
