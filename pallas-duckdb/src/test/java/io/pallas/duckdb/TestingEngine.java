package io.pallas.duckdb;

import io.pallas.core.engine.ExecutionControl;
import io.pallas.core.engine.ResultSink;
import io.pallas.core.type.Column;
import io.pallas.sql.TrinoSqlParser;
import io.pallas.sql.engine.ParsedQuery;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Runs a Trino query on an engine and keeps what it produced, for tests that compare results as data. */
public final class TestingEngine
{
    private static final TrinoSqlParser PARSER = new TrinoSqlParser();

    private TestingEngine() {}

    /** The columns and rows of one query, rows as the Java values the engine produced (null for NULL). */
    public record QueryResult(List<Column> columns, List<List<Object>> rows) {}

    public static QueryResult run(DuckDbEngine engine, String sql)
    {
        List<Column> columns = new ArrayList<>();
        List<List<Object>> rows = new ArrayList<>();
        try {
            engine.execute(new ParsedQuery(sql, PARSER.parse(sql)), new ResultSink()
            {
                @Override
                public void columns(List<Column> resultColumns)
                {
                    columns.addAll(resultColumns);
                }

                @Override
                public void row(Object[] values)
                {
                    rows.add(Arrays.asList(values));
                }
            }, new ExecutionControl());
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new QueryResult(columns, rows);
    }
}
