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

/** Runs a Trino query on an engine and keeps the whole result, for tests. */
final class QueryRunner
{
    private static final TrinoSqlParser PARSER = new TrinoSqlParser();

    private QueryRunner() {}

    record Result(List<Column> columns, List<List<Object>> rows)
    {
        List<String> names()
        {
            return columns.stream().map(Column::name).toList();
        }

        List<String> types()
        {
            return columns.stream().map(column -> column.type().toString()).toList();
        }
    }

    static ParsedQuery parse(String sql)
    {
        return new ParsedQuery(sql, PARSER.parse(sql));
    }

    static Result run(DuckDbEngine engine, String sql)
    {
        return run(engine, sql, new ExecutionControl());
    }

    static Result run(DuckDbEngine engine, String sql, ExecutionControl control)
    {
        List<Column> columns = new ArrayList<>();
        List<List<Object>> rows = new ArrayList<>();
        try {
            engine.execute(parse(sql), new ResultSink()
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
            }, control);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Result(columns, rows);
    }
}
