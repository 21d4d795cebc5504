package io.pallas.duckdb.functions;

import io.pallas.core.type.SqlType;
import io.trino.sql.tree.Expression;

import java.util.Optional;

/** What a function library may ask of the printer while translating one call. */
public interface FunctionContext
{
    /** The DuckDB SQL of an argument (already translated with Trino semantics). */
    String sql(Expression expression);

    /** The Trino type of an argument, when the printer knows it. */
    Optional<SqlType> typeOf(Expression expression);

    /** DuckDB's spelling of a Trino type, for casts. */
    String duckDbType(SqlType type);

    /** A SQL string literal with the value quoted for DuckDB. */
    String literal(String value);
}
