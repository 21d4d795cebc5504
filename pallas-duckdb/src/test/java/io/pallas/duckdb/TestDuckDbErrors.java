package io.pallas.duckdb;

import io.pallas.core.ErrorCode;
import io.pallas.core.PallasException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;

/** DuckDB's messages as they reach the client: mapped to Trino's error, or neutral, never raw. */
class TestDuckDbErrors
{
    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            Invalid Input Error: Division by zero! | DIVISION_BY_ZERO | Division by zero
            Conversion Error: Could not convert string 'abc' to INT32 | INVALID_CAST_ARGUMENT | Cannot cast 'abc' to INT
            Catalog Error: Scalar Function with name Foo does not exist!\\nDid you mean "floor"? | FUNCTION_NOT_FOUND | Function 'foo' not registered
            Binder Error: No function matches the given name and argument types 'abs(VARCHAR)'. You might need to add explicit type casts. | FUNCTION_NOT_FOUND | Unexpected parameters for function abs
            Binder Error: Cannot compare values of type INTEGER and type VARCHAR - an explicit cast is required | TYPE_MISMATCH | Cannot compare values of types integer and varchar
            Binder Error: Table "memory.main.t" does not have a column named "x"\\n\\nLINE 1: SELECT x FROM t | GENERIC_INTERNAL_ERROR | Query failed in the engine: Table "t" does not have a column named "x"
            Catalog Error: Table with name "memory"."main"."u" is not a view | GENERIC_INTERNAL_ERROR | Query failed in the engine: Table with name "u" is not a view
            INTERNAL Error: Attempted to access index 3 within vector of size 3 | GENERIC_INTERNAL_ERROR | Query failed in the engine: Attempted to access index 3 within vector of size 3
            Parser Error: syntax error at or near "foo" | GENERIC_INTERNAL_ERROR | Query failed in the engine: syntax error at or near "foo"
            Invalid Input Error: Map keys must be unique. | INVALID_FUNCTION_ARGUMENT | Duplicate map keys are not allowed
            Invalid Input Error: Map keys can not be NULL. | INVALID_FUNCTION_ARGUMENT | map key cannot be null
            Invalid Input Error: Argument for ntile must be greater than zero | INVALID_FUNCTION_ARGUMENT | Buckets must be greater than 0
            Conversion Error: Type DOUBLE with value 1e+19 can't be cast because the value is out of range for the destination type INT64 | INVALID_CAST_ARGUMENT | Unable to cast 1.0E19 to bigint
            Conversion Error: Type DOUBLE with value nan can't be cast because the value is out of range for the destination type INT32 | INVALID_CAST_ARGUMENT | Cannot cast double NaN to integer
            Conversion Error: Type DOUBLE with value 1e+10 can't be cast because the value is out of range for the destination type INT32 | NUMERIC_VALUE_OUT_OF_RANGE | Out of range for integer: 1.0E10
            Conversion Error: Type INT64 with value 100000 can't be cast because the value is out of range for the destination type INT16 | NUMERIC_VALUE_OUT_OF_RANGE | Out of range for smallint: 100000
            Conversion Error: Unimplemented type for cast (INTEGER[] -> INTEGER) | TYPE_MISMATCH | Cannot cast array(integer) to integer
            Binder Error: Could not choose a best candidate function for the function call "abs(STRING_LITERAL)". In order to select one, please add explicit type casts. | FUNCTION_NOT_FOUND | Unexpected parameters for function abs
            Binder Error: Cannot concatenate types INTEGER[] and VARCHAR - an explicit cast is required | FUNCTION_NOT_FOUND | Unexpected parameters (array(integer), varchar) for function concat
            Binder Error: Cannot concatenate types INTEGER[] and INTEGER - an explicit cast is required | GENERIC_INTERNAL_ERROR | Query failed in the engine: Cannot concatenate types INTEGER[] and INTEGER - an explicit cast is required
            Binder Error: Cannot extract field 'b' from expression "a" because it is not a struct, union, map, json or geometry | TYPE_MISMATCH | Expression a is not of type ROW
            Binder Error: Frame starting from following row cannot have preceding rows | INVALID_WINDOW_FRAME | Window frame starting from FOLLOWING cannot end with PRECEDING
            Binder Error: aggregate function calls cannot be nested | NESTED_AGGREGATION | Cannot nest aggregations inside aggregation
            Binder Error: WHERE clause cannot contain aggregates! | EXPRESSION_NOT_SCALAR | WHERE clause cannot contain aggregations, window functions or grouping operations
            Binder Error: ORDER term out of range - should be between 1 and 1 | INVALID_COLUMN_REFERENCE | ORDER BY position is not in select list
            Binder Error: GROUPING child ""b"" must be a grouping column | INVALID_ARGUMENTS | The arguments to GROUPING() must be expressions referenced by the GROUP BY at the associated query level. Mismatch due to b.
            Binder Error: Set operations can only apply to expressions with the same number of result columns | TYPE_MISMATCH | Set operation query has different number of fields
            Invalid Input Error: More than one row returned by a subquery used as an expression - scalar subqueries can only return a single row. | SUBQUERY_MULTIPLE_ROWS | Scalar sub-query has returned multiple rows
            Invalid Input Error: missing ): ( | INVALID_FUNCTION_ARGUMENT | missing ): (
            Conversion Error: Could not decode string "!!!" as base64: length must be a multiple of 4 | INVALID_FUNCTION_ARGUMENT | Could not decode string "!!!" as base64: length must be a multiple of 4
            """)
    void translates(String duckDbMessage, ErrorCode code, String message)
    {
        PallasException error = DuckDbErrors.translate(new SQLException(duckDbMessage.replace("\\n", "\n")));
        assertThat(error.errorCode()).isEqualTo(code);
        assertThat(error.getMessage()).isEqualTo(message);
        assertThat(error.getMessage()).doesNotContain("Error:", "LINE ", "memory.", "main.");
    }

    /** Trino's TRY returns NULL for these errors only; DuckDB's try() refuses a query that calls error() at all. */
    @Test
    void tryTurnsTheErrorsTrinoCatchesIntoNull()
    {
        assertThat(DuckDbErrors.caughtByTry("try(CASE WHEN i < 0 THEN error('pallas-error:INVALID_FUNCTION_ARGUMENT:negative: ' || abs(i) || ''')') ELSE x[i] END)"))
                .isEqualTo("try(CASE WHEN i < 0 THEN NULL ELSE x[i] END)");
        assertThat(DuckDbErrors.caughtByTry("try(CASE WHEN x THEN error('pallas-error:GENERIC_USER_ERROR:stop') ELSE 1 END)"))
                .isEqualTo("try(CASE WHEN x THEN error('pallas-error:GENERIC_USER_ERROR:stop') ELSE 1 END)");
        // a string literal that only spells such a call is left alone
        assertThat(DuckDbErrors.caughtByTry("try(f('error(''pallas-error:DIVISION_BY_ZERO:x'')'))")).isEqualTo("try(f('error(''pallas-error:DIVISION_BY_ZERO:x'')'))");
    }
}
