package io.pallas.duckdb;

import io.pallas.core.ErrorCode;
import io.pallas.core.PallasException;
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
            """)
    void translates(String duckDbMessage, ErrorCode code, String message)
    {
        PallasException error = DuckDbErrors.translate(new SQLException(duckDbMessage.replace("\\n", "\n")));
        assertThat(error.errorCode()).isEqualTo(code);
        assertThat(error.getMessage()).isEqualTo(message);
        assertThat(error.getMessage()).doesNotContain("Error:", "LINE ", "memory.", "main.");
    }
}
