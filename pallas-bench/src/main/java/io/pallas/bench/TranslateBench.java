package io.pallas.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pallas.duckdb.DuckDbPrinter;
import io.pallas.sql.TrinoSqlParser;
import io.trino.sql.tree.Statement;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * {@code ./pallas bench translate}: the cost of turning each conformance corpus query into DuckDB SQL — Trino parse
 * plus analysis and printing — measured in process, per query (the median of its runs), then summarised over the
 * corpus. A query that Pallas refuses (syntax error, NOT_SUPPORTED, analysis error) is timed up to the refusal.
 */
final class TranslateBench
{
    private TranslateBench() {}

    static void run(Path corpus, int runs)
            throws IOException
    {
        List<String> queries = readQueries(corpus);
        TrinoSqlParser parser = new TrinoSqlParser();
        parser.warmUp();
        int translated = 0;
        // warm-up: every query several times, so the JIT has compiled the paths the measured runs take
        for (int round = 0; round < 20; round++) {
            for (String sql : queries) {
                translateOnce(parser, sql);
            }
        }
        long[] perQuery = new long[queries.size()];
        long[] samples = new long[runs];
        for (int i = 0; i < queries.size(); i++) {
            String sql = queries.get(i);
            boolean ok = false;
            for (int run = 0; run < runs; run++) {
                long start = System.nanoTime();
                ok = translateOnce(parser, sql);
                samples[run] = System.nanoTime() - start;
            }
            if (ok) {
                translated++;
            }
            long[] sorted = samples.clone();
            Arrays.sort(sorted);
            perQuery[i] = sorted[sorted.length / 2];
        }
        Stats stats = Stats.of(perQuery);
        System.out.println("translate: Trino parse + analysis + DuckDB printing of the " + queries.size() + " conformance corpus queries ("
                + translated + " translate, the rest are refused), median of " + runs + " runs per query, in process");
        System.out.println(Stats.header());
        System.out.println(stats.row("parse + print per query"));
        System.out.printf(Locale.ROOT, "translate_queries=%d translate_median_ms=%.4f translate_p99_ms=%.4f translate_max_ms=%.4f%n",
                queries.size(), stats.medianMillis(), stats.p99Millis(), stats.maxMillis());
    }

    /** Whether the query translated; refusals are part of the measured work. */
    private static boolean translateOnce(TrinoSqlParser parser, String sql)
    {
        try {
            Statement statement = parser.parse(sql);
            return DuckDbPrinter.translate(statement).sql() != null;
        }
        catch (RuntimeException e) {
            return false;
        }
    }

    static Path defaultCorpus()
    {
        Path directory = Path.of("").toAbsolutePath();
        while (directory != null) {
            Path candidate = directory.resolve("conformance").resolve("corpus");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
            directory = directory.getParent();
        }
        throw new IllegalStateException("no conformance/corpus directory above " + Path.of("").toAbsolutePath() + "; pass --corpus DIR");
    }

    private static List<String> readQueries(Path corpus)
            throws IOException
    {
        ObjectMapper mapper = new ObjectMapper();
        List<Path> files;
        try (Stream<Path> listing = Files.list(corpus)) {
            files = listing.filter(path -> path.toString().endsWith(".json")).sorted().toList();
        }
        List<String> queries = new ArrayList<>();
        for (Path file : files) {
            for (JsonNode node : mapper.readTree(file.toFile()).get("cases")) {
                queries.add(node.get("sql").asText());
            }
        }
        if (queries.isEmpty()) {
            throw new IllegalStateException("no queries in " + corpus);
        }
        return queries;
    }
}
