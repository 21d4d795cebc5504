package io.pallas.server.results;

import io.pallas.core.storage.ObjectStore;
import io.pallas.core.storage.ObjectStore.PendingObject;
import io.pallas.core.storage.S3Location;
import io.pallas.core.type.Column;
import io.pallas.core.type.SqlType;
import io.pallas.server.storage.LocalObjectStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ResultReaderTest
{
    private static final String QUERY_ID = "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0";
    private static final String OTHER_QUERY_ID = "11111111-2222-3333-4444-555555555555";

    @TempDir
    Path directory;

    private ObjectStore store;
    private ResultReader reader;

    @BeforeEach
    void setUp()
    {
        store = new LocalObjectStore(directory.resolve("root"), directory.resolve("tmp"));
        reader = new ResultReader(store);
    }

    @Test
    void pagesCountTheHeaderRow()
            throws IOException
    {
        S3Location location = writeIntegers(2501);
        ResultPage first = reader.readPage(location, ResultFormat.CSV, QUERY_ID, Optional.empty(), 1000);
        assertThat(first.rows()).hasSize(1000);
        assertThat(first.rows().getFirst()).containsExactly("i", "s");
        assertThat(first.rows().get(1)).containsExactly("0", "v0");
        assertThat(first.nextToken()).isPresent();

        ResultPage second = reader.readPage(location, ResultFormat.CSV, QUERY_ID, first.nextToken(), 1000);
        assertThat(second.rows()).hasSize(1000);
        assertThat(second.rows().getFirst()).containsExactly("999", "v999");
        assertThat(second.nextToken()).isPresent();

        ResultPage third = reader.readPage(location, ResultFormat.CSV, QUERY_ID, second.nextToken(), 1000);
        assertThat(third.rows()).hasSize(502);
        assertThat(third.rows().getFirst()).containsExactly("1999", "v1999");
        assertThat(third.rows().getLast()).containsExactly("2500", null);
        assertThat(third.nextToken()).isEmpty();
    }

    @Test
    void noEmptyLastPage()
            throws IOException
    {
        S3Location location = writeIntegers(1999);
        ResultPage first = reader.readPage(location, ResultFormat.CSV, QUERY_ID, Optional.empty(), 1000);
        ResultPage second = reader.readPage(location, ResultFormat.CSV, QUERY_ID, first.nextToken(), 1000);
        assertThat(second.rows()).hasSize(1000);
        assertThat(second.nextToken()).isEmpty();
    }

    @Test
    void headerOnly()
            throws IOException
    {
        S3Location location = writeIntegers(0);
        ResultPage page = reader.readPage(location, ResultFormat.CSV, QUERY_ID, Optional.empty(), 1);
        assertThat(page.rows()).containsExactly(List.of("i", "s"));
        assertThat(page.nextToken()).isEmpty();
    }

    @Test
    void pageSizeMayChangeBetweenPages()
            throws IOException
    {
        S3Location location = writeIntegers(10);
        ResultPage first = reader.readPage(location, ResultFormat.CSV, QUERY_ID, Optional.empty(), 3);
        ResultPage second = reader.readPage(location, ResultFormat.CSV, QUERY_ID, first.nextToken(), 7);
        ResultPage third = reader.readPage(location, ResultFormat.CSV, QUERY_ID, second.nextToken(), 1000);
        assertThat(first.rows()).hasSize(3);
        assertThat(second.rows()).hasSize(7);
        assertThat(third.rows()).containsExactly(List.of("9", "v9"));
        assertThat(third.nextToken()).isEmpty();
    }

    @Test
    void awkwardValuesAcrossPageBoundaries()
            throws IOException
    {
        List<Object[]> rows = List.of(
                new Object[] {"line\nbreak", null},
                new Object[] {"", "a\"b"},
                new Object[] {"comma, \"quoted\", and\nnewline", "ü€😀"},
                new Object[] {"\"", "\n"},
                new Object[] {null, null},
                new Object[] {",", "\"\""},
                new Object[] {"x".repeat(100_000) + "\n\"", "tail"});
        S3Location location = location("s3://results/awkward.csv");
        try (ResultWriter writer = new ResultWriter(store, location, ResultFormat.CSV, QUERY_ID, ResultCompanion.COLUMNS)) {
            writer.columns(List.of(new Column("a", SqlType.VARCHAR), new Column("b", SqlType.VARCHAR)));
            for (Object[] row : rows) {
                writer.row(row.clone());
            }
            writer.commit();
        }
        List<List<String>> expected = new ArrayList<>();
        expected.add(List.of("a", "b"));
        for (Object[] row : rows) {
            expected.add(Arrays.asList((String) row[0], (String) row[1]));
        }
        for (int pageSize = 1; pageSize <= expected.size() + 1; pageSize++) {
            assertThat(readAll(location, ResultFormat.CSV, pageSize)).isEqualTo(expected);
        }
    }

    @Test
    void singleNullColumnRows()
            throws IOException
    {
        S3Location location = location("s3://results/nulls.csv");
        try (ResultWriter writer = new ResultWriter(store, location, ResultFormat.CSV, QUERY_ID, ResultCompanion.COLUMNS)) {
            writer.columns(List.of(new Column("n", SqlType.INTEGER)));
            writer.row(new Object[] {null});
            writer.row(new Object[] {1});
            writer.row(new Object[] {null});
            writer.commit();
        }
        List<List<String>> rows = readAll(location, ResultFormat.CSV, 2);
        assertThat(rows).containsExactly(List.of("n"), Arrays.asList((String) null), List.of("1"), Arrays.asList((String) null));
    }

    @Test
    void txtRows()
            throws IOException
    {
        S3Location location = writeText("t.txt", "first\tcolumn\n\nthird ü\n");
        for (int pageSize = 1; pageSize <= 5; pageSize++) {
            assertThat(readAll(location, ResultFormat.TXT, pageSize))
                    .containsExactly(List.of("first\tcolumn"), List.of(""), List.of("third ü"), List.of(""));
        }
        ResultPage page = reader.readPage(location, ResultFormat.TXT, QUERY_ID, Optional.empty(), 4);
        assertThat(page.nextToken()).isEmpty();
    }

    @Test
    void txtEdgeCases()
            throws IOException
    {
        assertThat(readAll(writeText("empty.txt", ""), ResultFormat.TXT, 10)).isEmpty();
        assertThat(readAll(writeText("newline.txt", "\n"), ResultFormat.TXT, 10)).containsExactly(List.of(""), List.of(""));
        assertThat(readAll(writeText("newline.txt", "\n"), ResultFormat.TXT, 1)).containsExactly(List.of(""), List.of(""));
        assertThat(readAll(writeText("one.txt", "tab_name"), ResultFormat.TXT, 1)).containsExactly(List.of("tab_name"));
        ResultPage page = reader.readPage(writeText("two.txt", "a\nb"), ResultFormat.TXT, QUERY_ID, Optional.empty(), 2);
        assertThat(page.rows()).containsExactly(List.of("a"), List.of("b"));
        assertThat(page.nextToken()).isEmpty();
    }

    @Test
    void txtFromWriter()
            throws IOException
    {
        S3Location location = location("s3://results/plan.txt");
        try (ResultWriter writer = new ResultWriter(store, location, ResultFormat.TXT, QUERY_ID, ResultCompanion.COLUMNS)) {
            writer.columns(List.of(new Column("Query Plan", SqlType.VARCHAR)));
            writer.row(new Object[] {"Query Plan"});
            writer.row(new Object[] {"Fragment 0 [SINGLE]"});
            writer.row(new Object[] {""});
            writer.commit();
        }
        assertThat(readAll(location, ResultFormat.TXT, 2)).containsExactly(List.of("Query Plan"), List.of("Fragment 0 [SINGLE]"), List.of(""));
    }

    @Test
    void rejectsForeignTamperedAndGarbageTokens()
            throws IOException
    {
        S3Location location = writeIntegers(20);
        String token = reader.readPage(location, ResultFormat.CSV, QUERY_ID, Optional.empty(), 5).nextToken().orElseThrow();
        assertThat(token.length()).isBetween(1, 1024);

        assertMalformed(location, ResultFormat.CSV, OTHER_QUERY_ID, token);
        assertMalformed(location, ResultFormat.TXT, QUERY_ID, token);
        assertMalformed(location, ResultFormat.CSV, QUERY_ID, new ResultReader(store, "another key".getBytes(UTF_8))
                .readPage(location, ResultFormat.CSV, QUERY_ID, Optional.empty(), 5).nextToken().orElseThrow());

        byte[] bytes = Base64.getUrlDecoder().decode(token);
        for (int i = 0; i < bytes.length; i++) {
            byte[] tampered = bytes.clone();
            tampered[i] ^= 0x01;
            assertMalformed(location, ResultFormat.CSV, QUERY_ID, Base64.getUrlEncoder().withoutPadding().encodeToString(tampered));
        }
        assertMalformed(location, ResultFormat.CSV, QUERY_ID, token + "A");
        assertMalformed(location, ResultFormat.CSV, QUERY_ID, token.substring(1));
        assertMalformed(location, ResultFormat.CSV, QUERY_ID, "garbage");
        assertMalformed(location, ResultFormat.CSV, QUERY_ID, "!!!not base64!!!");
        assertMalformed(location, ResultFormat.CSV, QUERY_ID, "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");

        assertThatThrownBy(() -> reader.readPage(location, ResultFormat.CSV, QUERY_ID, Optional.of("x y"), 5))
                .isInstanceOf(MalformedNextTokenException.class)
                .hasMessage("Malformed nextPageToken x y");
        // the genuine token still works
        assertThat(reader.readPage(location, ResultFormat.CSV, QUERY_ID, Optional.of(token), 5).rows().getFirst()).containsExactly("4", "v4");
    }

    @Test
    void tokenOfAnotherResultFileIsRefused()
            throws IOException
    {
        S3Location wide = location("s3://results/wide.csv");
        try (ResultWriter writer = new ResultWriter(store, wide, ResultFormat.CSV, QUERY_ID, ResultCompanion.COLUMNS)) {
            writer.columns(List.of(new Column("v", SqlType.VARCHAR)));
            for (int i = 0; i < 10; i++) {
                writer.row(new Object[] {"value number " + i});
            }
            writer.commit();
        }
        String token = reader.readPage(wide, ResultFormat.CSV, QUERY_ID, Optional.empty(), 2).nextToken().orElseThrow();
        // same query id, but the offset does not land on a row start of this object
        S3Location narrow = writeIntegers(10);
        assertMalformed(narrow, ResultFormat.CSV, QUERY_ID, token);
    }

    @Test
    void missingObject()
    {
        assertThatThrownBy(() -> reader.readPage(location("s3://results/none.csv"), ResultFormat.CSV, QUERY_ID, Optional.empty(), 10))
                .isInstanceOf(NoSuchFileException.class)
                .hasMessageContaining("s3://results/none.csv");
        assertThatThrownBy(() -> reader.readPage(location("s3://results/none.csv"), ResultFormat.CSV, QUERY_ID, Optional.empty(), 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private void assertMalformed(S3Location location, ResultFormat format, String queryId, String token)
    {
        assertThatThrownBy(() -> reader.readPage(location, format, queryId, Optional.of(token), 5))
                .isInstanceOf(MalformedNextTokenException.class)
                .hasMessage("Malformed nextPageToken " + token);
    }

    private List<List<String>> readAll(S3Location location, ResultFormat format, int pageSize)
            throws IOException
    {
        List<List<String>> rows = new ArrayList<>();
        Optional<String> token = Optional.empty();
        do {
            ResultPage page = reader.readPage(location, format, QUERY_ID, token, pageSize);
            if (token.isPresent()) {
                // a token is only issued when another row follows
                assertThat(page.rows()).isNotEmpty();
            }
            if (page.nextToken().isPresent()) {
                assertThat(page.rows()).hasSize(pageSize);
            }
            rows.addAll(page.rows());
            token = page.nextToken();
        }
        while (token.isPresent());
        return rows;
    }

    private S3Location writeIntegers(int count)
            throws IOException
    {
        S3Location location = location("s3://results/" + QUERY_ID + ".csv");
        try (ResultWriter writer = new ResultWriter(store, location, ResultFormat.CSV, QUERY_ID, ResultCompanion.COLUMNS)) {
            writer.columns(List.of(new Column("i", SqlType.INTEGER), new Column("s", SqlType.VARCHAR)));
            for (int i = 0; i < count; i++) {
                writer.row(new Object[] {i, i == 2500 ? null : "v" + i});
            }
            writer.commit();
        }
        return location;
    }

    private S3Location writeText(String name, String content)
            throws IOException
    {
        S3Location location = location("s3://results/" + name);
        try (PendingObject out = store.create(location)) {
            out.write(content.getBytes(UTF_8));
            out.commit();
        }
        return location;
    }

    private static S3Location location(String uri)
    {
        return S3Location.parse(uri).orElseThrow();
    }
}
