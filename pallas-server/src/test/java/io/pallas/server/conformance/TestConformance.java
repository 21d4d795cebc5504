package io.pallas.server.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pallas.server.TestingPallasServer;
import io.pallas.server.protocol.auth.AccessKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.athena.AthenaClient;
import software.amazon.awssdk.services.athena.model.ColumnInfo;
import software.amazon.awssdk.services.athena.model.Datum;
import software.amazon.awssdk.services.athena.model.GetQueryResultsResponse;
import software.amazon.awssdk.services.athena.model.InvalidRequestException;
import software.amazon.awssdk.services.athena.model.QueryExecution;
import software.amazon.awssdk.services.athena.model.QueryExecutionState;
import software.amazon.awssdk.services.athena.model.Row;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static java.util.Objects.requireNonNull;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Replays the conformance corpus ({@code conformance/corpus/*.json}, recorded from Trino 476 by
 * {@code conformance/record.py}) through the Athena API: every query must give Trino's column names, ColumnInfo
 * types, precision and scale and rows as Athena renders them, or fail with Trino's error name. Cases listed in
 * {@code conformance/known-differences.md} must fail (the list is kept honest); every other case must pass.
 * Prints the passes per family.
 */
class TestConformance
{
    private static final Pattern KNOWN_DIFFERENCE = Pattern.compile("^\\|\\s*`?([a-z]+-\\d{3})`?\\s*\\|\\s*(.+?)\\s*\\|\\s*$");
    private static final int CLIENTS = 4;

    record Column(String name, String type, int precision, int scale) {}

    record Case(String id, String family, String sql, Optional<String> errorName, List<Column> columns, List<List<String>> rows, boolean ordered) {}

    /** What replaying one case found: empty when Pallas answered as Trino did. */
    record Outcome(Case testCase, Optional<String> difference) {}

    @TempDir
    Path dataDirectory;

    @Test
    void corpusMatchesTrino()
            throws Exception
    {
        Path root = conformanceDirectory();
        List<Case> cases = readCorpus(root.resolve("corpus"));
        Map<String, String> known = readKnownDifferences(root.resolve("known-differences.md"));
        assertThat(cases).hasSizeGreaterThanOrEqualTo(400);
        assertThat(cases.stream().map(Case::id).toList()).as("known differences name corpus cases").containsAll(known.keySet());

        List<Outcome> outcomes = new ArrayList<>();
        try (TestingPallasServer server = new TestingPallasServer(dataDirectory, Optional.of("s3://conformance-results/"), AccessKeys.none());
                AthenaClient athena = client(server);
                ExecutorService clients = Executors.newFixedThreadPool(CLIENTS)) {
            List<Future<Outcome>> futures = new ArrayList<>();
            for (Case testCase : cases) {
                futures.add(clients.submit(() -> replay(athena, testCase)));
            }
            for (Future<Outcome> future : futures) {
                outcomes.add(future.get());
            }
        }

        List<String> unexpected = new ArrayList<>();
        List<String> nowPassing = new ArrayList<>();
        Map<String, int[]> families = new TreeMap<>();
        StringBuilder report = new StringBuilder();
        for (Outcome outcome : outcomes) {
            Case testCase = outcome.testCase();
            int[] counts = families.computeIfAbsent(testCase.family(), _ -> new int[3]);
            counts[0]++;
            boolean listed = known.containsKey(testCase.id());
            if (outcome.difference().isEmpty()) {
                counts[1]++;
                if (listed) {
                    nowPassing.add(testCase.id() + " passes now; remove it from known-differences.md");
                }
                continue;
            }
            counts[2]++;
            String detail = testCase.id() + ": " + outcome.difference().get() + "\n    " + testCase.sql().replace("\n", "\n    ");
            report.append(detail).append('\n');
            if (!listed) {
                unexpected.add(detail);
            }
        }
        printSummary(families);
        Path reportFile = Path.of("target", "conformance-differences.txt");
        Files.createDirectories(reportFile.getParent());
        Files.writeString(reportFile, report);

        assertThat(unexpected).as("cases that differ from Trino and are not in known-differences.md (all differences: %s)", reportFile.toAbsolutePath()).isEmpty();
        assertThat(nowPassing).as("known differences that pass now").isEmpty();
    }

    @Test
    void comparisonCatchesDifferences()
    {
        Case expected = new Case("x-001", "x", "SELECT", Optional.empty(), List.of(new Column("a", "varchar", 2147483647, 0)), List.of(List.of("b"), List.of("a")), false);
        List<Column> columns = List.of(new Column("a", "varchar", 2147483647, 0));
        assertThat(compare(expected, columns, List.of(List.of("a"), List.of("b")))).isEmpty();
        assertThat(compare(expected, columns, List.of(List.of("a"), List.of("c")))).hasValueSatisfying(text -> assertThat(text).contains("rows"));
        assertThat(compare(expected, List.of(new Column("a", "varchar", 1, 0)), List.of(List.of("a"), List.of("b")))).hasValueSatisfying(text -> assertThat(text).contains("columns"));
        Case ordered = new Case("x-002", "x", "SELECT", Optional.empty(), columns, List.of(List.of("b"), List.of("a")), true);
        assertThat(compare(ordered, columns, List.of(List.of("a"), List.of("b")))).isPresent();
        assertThat(compare(expected, columns, List.of(java.util.Arrays.asList((String) null), List.of("b")))).isPresent();
    }

    private static Outcome replay(AthenaClient athena, Case testCase)
    {
        String id;
        try {
            id = athena.startQueryExecution(request -> request.queryString(testCase.sql())).queryExecutionId();
        }
        catch (InvalidRequestException e) {
            // Athena refuses a query that does not parse at once, where Trino fails it with SYNTAX_ERROR
            if (testCase.errorName().equals(Optional.of("SYNTAX_ERROR")) && "MALFORMED_QUERY".equals(e.athenaErrorCode())) {
                return new Outcome(testCase, Optional.empty());
            }
            return new Outcome(testCase, Optional.of("refused by StartQueryExecution: " + e.athenaErrorCode() + ": " + e.awsErrorDetails().errorMessage()
                    + expectation(testCase)));
        }
        QueryExecution execution = await(athena, id);
        QueryExecutionState state = execution.status().state();
        if (testCase.errorName().isPresent()) {
            String expectedName = testCase.errorName().get();
            if (state != QueryExecutionState.FAILED) {
                return new Outcome(testCase, Optional.of(state + ", expected FAILED with " + expectedName));
            }
            String reason = Objects.requireNonNullElse(execution.status().stateChangeReason(), "");
            String name = reason.contains(":") ? reason.substring(0, reason.indexOf(':')) : reason;
            if (!name.equals(expectedName)) {
                return new Outcome(testCase, Optional.of("FAILED with " + reason + ", expected " + expectedName));
            }
            return new Outcome(testCase, Optional.empty());
        }
        if (state != QueryExecutionState.SUCCEEDED) {
            return new Outcome(testCase, Optional.of(state + ": " + execution.status().stateChangeReason()));
        }
        List<Column> columns = new ArrayList<>();
        List<List<String>> rows = new ArrayList<>();
        boolean header = true;
        for (GetQueryResultsResponse page : athena.getQueryResultsPaginator(request -> request.queryExecutionId(id))) {
            if (columns.isEmpty()) {
                for (ColumnInfo info : page.resultSet().resultSetMetadata().columnInfo()) {
                    columns.add(new Column(info.name(), info.type(), info.precision(), info.scale()));
                }
            }
            for (Row row : page.resultSet().rows()) {
                if (header) {
                    header = false;
                    continue;
                }
                rows.add(row.data().stream().map(Datum::varCharValue).toList());
            }
        }
        return new Outcome(testCase, compare(testCase, columns, rows));
    }

    private static String expectation(Case testCase)
    {
        return testCase.errorName().map(name -> ", expected FAILED with " + name).orElse(", expected success");
    }

    static Optional<String> compare(Case expected, List<Column> columns, List<List<String>> rows)
    {
        List<String> differences = new ArrayList<>();
        if (!columns.equals(expected.columns())) {
            differences.add("columns " + columns + ", expected " + expected.columns());
        }
        List<List<String>> actualRows = expected.ordered() ? rows : sorted(rows);
        List<List<String>> expectedRows = expected.ordered() ? expected.rows() : sorted(expected.rows());
        if (!actualRows.equals(expectedRows)) {
            differences.add("rows " + rows + ", expected " + expected.rows());
        }
        return differences.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", differences));
    }

    private static List<List<String>> sorted(List<List<String>> rows)
    {
        Comparator<List<String>> order = Comparator.comparing(Object::toString);
        return rows.stream().sorted(order).toList();
    }

    private static void printSummary(Map<String, int[]> families)
    {
        StringBuilder table = new StringBuilder("\nConformance with Trino 476 (conformance/corpus):\n");
        table.append(String.format("%-14s %7s %7s %7s%n", "family", "queries", "pass", "differ"));
        int[] total = new int[3];
        families.forEach((family, counts) -> {
            table.append(String.format("%-14s %7d %7d %7d%n", family, counts[0], counts[1], counts[2]));
            for (int i = 0; i < 3; i++) {
                total[i] += counts[i];
            }
        });
        table.append(String.format("%-14s %7d %7d %7d%n", "total", total[0], total[1], total[2]));
        System.out.println(table);
    }

    static Path conformanceDirectory()
    {
        Path directory = Path.of("").toAbsolutePath();
        while (directory != null) {
            Path candidate = directory.resolve("conformance");
            if (Files.isDirectory(candidate.resolve("corpus"))) {
                return candidate;
            }
            directory = directory.getParent();
        }
        throw new IllegalStateException("no conformance/corpus directory above " + Path.of("").toAbsolutePath());
    }

    static List<Case> readCorpus(Path corpus)
            throws IOException
    {
        ObjectMapper mapper = new ObjectMapper();
        List<Case> cases = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> listing = Files.list(corpus)) {
            files = listing.filter(path -> path.toString().endsWith(".json")).sorted().toList();
        }
        for (Path file : files) {
            JsonNode document = mapper.readTree(file.toFile());
            String family = document.get("family").asText();
            for (JsonNode node : document.get("cases")) {
                cases.add(readCase(family, node));
            }
        }
        return cases;
    }

    private static Case readCase(String family, JsonNode node)
    {
        String id = node.get("id").asText();
        String sql = node.get("sql").asText();
        if (node.has("error")) {
            return new Case(id, family, sql, Optional.of(node.get("error").get("name").asText()), List.of(), List.of(), false);
        }
        List<Column> columns = new ArrayList<>();
        for (JsonNode column : node.get("columns")) {
            columns.add(new Column(column.get("name").asText(), column.get("type").asText(), column.get("precision").asInt(), column.get("scale").asInt()));
        }
        List<List<String>> rows = new ArrayList<>();
        for (JsonNode row : node.get("rows")) {
            List<String> values = new ArrayList<>();
            for (JsonNode value : row) {
                values.add(value.isNull() ? null : value.asText());
            }
            rows.add(java.util.Collections.unmodifiableList(values));
        }
        return new Case(id, family, sql, Optional.empty(), columns, rows, node.get("ordered").asBoolean());
    }

    /** The case ids listed in the known-differences file's tables ({@code | id | reason |}), with their reasons. */
    static Map<String, String> readKnownDifferences(Path file)
    {
        Map<String, String> known = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(file)) {
                Matcher matcher = KNOWN_DIFFERENCE.matcher(line);
                if (matcher.matches()) {
                    String previous = known.put(matcher.group(1), matcher.group(2));
                    if (previous != null) {
                        throw new IllegalStateException(file + " lists " + matcher.group(1) + " twice");
                    }
                }
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return known;
    }

    private static AthenaClient client(TestingPallasServer server)
    {
        return AthenaClient.builder()
                .endpointOverride(server.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    private static QueryExecution await(AthenaClient athena, String id)
    {
        requireNonNull(id, "id is null");
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (true) {
            QueryExecution execution = athena.getQueryExecution(request -> request.queryExecutionId(id)).queryExecution();
            if (execution.status().state() == QueryExecutionState.SUCCEEDED || execution.status().state() == QueryExecutionState.FAILED
                    || execution.status().state() == QueryExecutionState.CANCELLED) {
                return execution;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("query " + id + " did not finish: " + execution);
            }
            try {
                Thread.sleep(5);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
