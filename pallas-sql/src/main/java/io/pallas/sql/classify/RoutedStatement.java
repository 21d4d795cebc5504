package io.pallas.sql.classify;

import io.pallas.core.query.StatementType;
import io.trino.sql.tree.Statement;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Athena's StatementType and SubstatementType for a query string (contract §4.12), the path that runs it, and for
 * the Trino path the parsed statement ({@code UNLOAD}: the parsed inner query).
 */
public record RoutedStatement(StatementType statementType, String substatementType, StatementPath path, Optional<Statement> statement)
{
    public RoutedStatement
    {
        requireNonNull(statementType, "statementType is null");
        requireNonNull(substatementType, "substatementType is null");
        requireNonNull(path, "path is null");
        requireNonNull(statement, "statement is null");
        if (path == StatementPath.TRINO && statement.isEmpty()) {
            throw new IllegalArgumentException("a statement on the Trino path must be parsed");
        }
        if ((path == StatementPath.HIVE_DDL || path == StatementPath.UNSUPPORTED) && statement.isPresent()) {
            throw new IllegalArgumentException("only Trino-grammar statements carry a parsed statement: " + path);
        }
    }

    /** Whether the statement is a query whose rows go to {@code <id>.csv}. */
    public boolean isSelect()
    {
        return statementType == StatementType.DML && substatementType.equals("SELECT");
    }

    public boolean isSupported()
    {
        return path != StatementPath.UNSUPPORTED;
    }
}
