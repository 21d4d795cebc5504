package io.pallas.server;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.athena.AthenaClient;
import software.amazon.awssdk.services.athena.model.ColumnInfo;
import software.amazon.awssdk.services.athena.model.Datum;
import software.amazon.awssdk.services.athena.model.GetQueryResultsResponse;
import software.amazon.awssdk.services.athena.model.QueryExecution;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** SHOW FUNCTIONS through the Athena API with the AWS SDK for Java v2: a UTILITY statement answered like a SELECT. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TestShowFunctionsEndToEnd
{
    private static final String RESULTS = "s3://pallas-query-results/";
    private static final List<String> COLUMNS = List.of("Function", "Return Type", "Argument Types", "Function Type", "Deterministic", "Description");

    @TempDir
    static Path dataDirectory;

    private TestingPallasServer server;
    private AthenaClient athena;

    @BeforeAll
    void start()
            throws Exception
    {
        server = new TestingPallasServer(dataDirectory, Optional.of(RESULTS));
        athena = TestAthenaEndToEnd.client(server);
    }

    @AfterAll
    void stop()
            throws Exception
    {
        athena.close();
        server.close();
    }

    private record Answer(QueryExecution execution, List<ColumnInfo> columns, List<List<String>> rows) {}

    /** Runs the statement and reads every page of its result, header row included. */
    private Answer run(String sql)
    {
        String id = athena.startQueryExecution(r -> r.queryString(sql)).queryExecutionId();
        QueryExecution execution = TestAthenaEndToEnd.await(athena, id);
        if (!execution.status().stateAsString().equals("SUCCEEDED")) {
            return new Answer(execution, List.of(), List.of());
        }
        List<ColumnInfo> columns = null;
        List<List<String>> rows = new ArrayList<>();
        String token = null;
        do {
            String next = token;
            GetQueryResultsResponse page = athena.getQueryResults(r -> r.queryExecutionId(id).nextToken(next));
            if (columns == null) {
                columns = page.resultSet().resultSetMetadata().columnInfo();
            }
            page.resultSet().rows().forEach(row -> rows.add(row.data().stream().map(Datum::varCharValue).toList()));
            token = page.nextToken();
        }
        while (token != null);
        return new Answer(execution, columns, rows);
    }

    @Test
    void listsTheSupportedFunctionsAsACsvWithHeader()
            throws Exception
    {
        Answer answer = run("SHOW FUNCTIONS");
        QueryExecution execution = answer.execution();
        assertThat(execution.status().stateAsString()).isEqualTo("SUCCEEDED");
        assertThat(execution.statementTypeAsString()).isEqualTo("UTILITY");
        assertThat(execution.substatementType()).isEqualTo("SHOW_FUNCTIONS");
        String id = execution.queryExecutionId();
        assertThat(execution.resultConfiguration().outputLocation()).isEqualTo(RESULTS + id + ".csv");

        assertThat(answer.columns()).extracting(ColumnInfo::name).containsExactlyElementsOf(COLUMNS);
        assertThat(answer.columns()).allSatisfy(column -> {
            assertThat(column.type()).isEqualTo("varchar");
            assertThat(column.caseSensitive()).isTrue();
        });

        // the first row of the first page is the header, as for a SELECT
        assertThat(answer.rows().getFirst()).containsExactlyElementsOf(COLUMNS);
        List<List<String>> rows = answer.rows().subList(1, answer.rows().size());
        assertThat(rows).hasSizeGreaterThan(300).allSatisfy(row -> {
            assertThat(row).hasSize(6);
            assertThat(row.get(3)).isIn("scalar", "aggregate", "window");
            assertThat(row.get(4)).isIn("true", "false");
        });
        List<String> names = rows.stream().map(row -> row.getFirst()).toList();
        assertThat(names).isSorted()
                .contains("abs", "count", "count_if", "date_add", "date_trunc", "json_extract_scalar", "regexp_extract", "row_number", "transform")
                .doesNotContain("word_stem", "st_point", "ST_Point", "exclude_columns");
        assertThat(rows).contains(
                List.of("abs", "bigint", "bigint", "scalar", "true", ""),
                List.of("row_number", "bigint", "", "window", "true", ""),
                List.of("rand", "double", "", "scalar", "false", ""));
        assertThat(rows).filteredOn(row -> row.getFirst().equals("count_if")).extracting(row -> row.get(3)).containsOnly("aggregate");

        // UpdateCount 0 as for SHOW statements; a page of one row is just the header
        GetQueryResultsResponse first = athena.getQueryResults(r -> r.queryExecutionId(id).maxResults(1));
        assertThat(first.updateCount()).isZero();
        assertThat(first.resultSet().rows()).hasSize(1);
        assertThat(first.resultSet().rows().getFirst().data()).extracting(Datum::varCharValue).containsExactlyElementsOf(COLUMNS);
        assertThat(first.nextToken()).isNotNull();

        // the .csv object holds the same header and rows, every value quoted
        List<String> lines = Files.readAllLines(server.objectPath(RESULTS + id + ".csv"));
        assertThat(lines.getFirst()).isEqualTo("\"Function\",\"Return Type\",\"Argument Types\",\"Function Type\",\"Deterministic\",\"Description\"");
        assertThat(lines).hasSize(answer.rows().size()).contains("\"abs\",\"bigint\",\"bigint\",\"scalar\",\"true\",\"\"");
        assertThat(server.objectPath(RESULTS + id + ".csv.metadata")).isNotEmptyFile();
    }

    @Test
    void likeFiltersFunctionNames()
    {
        Answer json = run("SHOW FUNCTIONS LIKE 'json%'");
        assertThat(json.execution().status().stateAsString()).isEqualTo("SUCCEEDED");
        List<String> names = json.rows().subList(1, json.rows().size()).stream().map(row -> row.getFirst()).toList();
        assertThat(names).isNotEmpty().allSatisfy(name -> assertThat(name).startsWith("json"))
                .contains("json_extract", "json_extract_scalar", "json_parse", "json_format");

        // _ is any one character unless escaped; the pattern is case-sensitive
        Answer day = run("SHOW FUNCTIONS LIKE 'day!_of!_%' ESCAPE '!'");
        assertThat(day.rows().subList(1, day.rows().size())).extracting(row -> row.getFirst()).containsOnly("day_of_month", "day_of_week", "day_of_year");
        Answer upper = run("SHOW FUNCTIONS LIKE 'ABS'");
        assertThat(upper.rows()).containsExactly(COLUMNS);
    }

    @Test
    void badEscapeFails()
    {
        Answer answer = run("SHOW FUNCTIONS LIKE 'a!b' ESCAPE '!'");
        assertThat(answer.execution().status().stateAsString()).isEqualTo("FAILED");
        assertThat(answer.execution().status().stateChangeReason()).startsWith("INVALID_FUNCTION_ARGUMENT");
    }
}
