package io.pallas.sql;

import io.pallas.core.query.StatementType;
import io.trino.sql.tree.Explain;
import io.trino.sql.tree.ExplainAnalyze;
import io.trino.sql.tree.Query;
import io.trino.sql.tree.Statement;

/** Athena's StatementType and SubstatementType for a parsed Trino statement (contract §4.12). */
public final class StatementClassifier
{
    private StatementClassifier() {}

    public record Classification(StatementType statementType, String substatementType)
    {
        /** Whether the statement is a query whose rows go to {@code <id>.csv}. */
        public boolean isSelect()
        {
            return statementType == StatementType.DML && substatementType.equals("SELECT");
        }
    }

    public static Classification classify(Statement statement)
    {
        return switch (statement) {
            case Query _ -> new Classification(StatementType.DML, "SELECT");
            case Explain _, ExplainAnalyze _ -> new Classification(StatementType.DML, "EXPLAIN");
            default -> new Classification(StatementType.DML, upperSnake(statement.getClass().getSimpleName()));
        };
    }

    private static String upperSnake(String className)
    {
        return className.replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(java.util.Locale.ROOT);
    }
}
