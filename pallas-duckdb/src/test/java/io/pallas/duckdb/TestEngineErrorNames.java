package io.pallas.duckdb;

import io.pallas.core.ErrorCode;
import io.pallas.core.PallasException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Arrays;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Failures DuckDB finds, reported with the error name Trino 476 gives for the same query (conformance cases). */
class TestEngineErrorNames
{
    @RegisterExtension
    static final EngineExtension ENGINE = new EngineExtension();

    static Stream<ErrorCase> errors()
    {
        return Stream.of(
                new ErrorCase("SELECT from_base64('!!!')", ErrorCode.INVALID_FUNCTION_ARGUMENT, "Could not decode string \"!!!\" as base64: length must be a multiple of 4"),
                new ErrorCase("SELECT CAST(nan() AS integer)", ErrorCode.INVALID_CAST_ARGUMENT, "Cannot cast double NaN to integer"),
                new ErrorCase("SELECT CAST(9.2233720368547758E18 AS bigint)", ErrorCode.INVALID_CAST_ARGUMENT, "Unable to cast 9.223372036854776E18 to bigint"),
                new ErrorCase("SELECT CAST(1E19 AS bigint)", ErrorCode.INVALID_CAST_ARGUMENT, "Unable to cast 1.0E19 to bigint"),
                new ErrorCase("SELECT CAST(1E10 AS integer)", ErrorCode.NUMERIC_VALUE_OUT_OF_RANGE, "Out of range for integer: 1.0E10"),
                new ErrorCase("SELECT CAST(100000 AS smallint)", ErrorCode.NUMERIC_VALUE_OUT_OF_RANGE, "Out of range for smallint: 100000"),
                new ErrorCase("SELECT CAST(1 AS interval day to second)", ErrorCode.TYPE_MISMATCH, "Cannot cast integer to interval"),
                new ErrorCase("SELECT CAST(ARRAY[1] AS integer)", ErrorCode.TYPE_MISMATCH, "Cannot cast array(integer) to integer"),
                new ErrorCase("SELECT fail('custom message')", ErrorCode.GENERIC_USER_ERROR, "custom message"),
                new ErrorCase("SELECT a.b FROM (VALUES 1) AS t(a)", ErrorCode.TYPE_MISMATCH, "Expression a is not of type ROW"),
                new ErrorCase("SELECT count(*) OVER (ORDER BY x ROWS BETWEEN 1 FOLLOWING AND 1 PRECEDING) FROM (VALUES 1) AS t(x)", ErrorCode.INVALID_WINDOW_FRAME,
                        "Window frame starting from FOLLOWING cannot end with PRECEDING"),
                new ErrorCase("SELECT rank() FROM (VALUES 1) AS t(x)", ErrorCode.MISSING_OVER, "Window function rank requires an OVER clause"),
                new ErrorCase("SELECT max(max(x)) FROM (VALUES 1) AS t(x)", ErrorCode.NESTED_AGGREGATION, "Cannot nest aggregations inside aggregation"),
                new ErrorCase("SELECT * FROM (VALUES 1) AS t(x) WHERE sum(x) > 1", ErrorCode.EXPRESSION_NOT_SCALAR,
                        "WHERE clause cannot contain aggregations, window functions or grouping operations"),
                new ErrorCase("SELECT ARRAY[1] || 'a'", ErrorCode.FUNCTION_NOT_FOUND, "Unexpected parameters (array(integer), varchar) for function concat"),
                new ErrorCase("SELECT regexp_extract('abc', '(', 1)", ErrorCode.INVALID_FUNCTION_ARGUMENT, "missing ): ("),
                new ErrorCase("SELECT x FROM (VALUES 1) AS t(x) ORDER BY 2", ErrorCode.INVALID_COLUMN_REFERENCE, "ORDER BY position is not in select list"),
                new ErrorCase("SELECT (SELECT x FROM (VALUES 1, 2) AS t(x))", ErrorCode.SUBQUERY_MULTIPLE_ROWS, "Scalar sub-query has returned multiple rows"),
                new ErrorCase("SELECT a, grouping(b) FROM (VALUES (1, 2)) AS t(a, b) GROUP BY a", ErrorCode.INVALID_ARGUMENTS,
                        "The arguments to GROUPING() must be expressions referenced by the GROUP BY at the associated query level. Mismatch due to b."),
                new ErrorCase("SELECT 1, 2 UNION SELECT 3", ErrorCode.TYPE_MISMATCH, "Set operation query has different number of fields"),
                new ErrorCase("SELECT json_extract('{\"a\": 1}', '$..a')", ErrorCode.INVALID_FUNCTION_ARGUMENT, "Invalid JSON path: '$..a'"),
                new ErrorCase("SELECT json_parse('{bad')", ErrorCode.INVALID_FUNCTION_ARGUMENT, "Cannot convert value to JSON: '{bad'"),
                new ErrorCase("SELECT from_unixtime(1E20)", ErrorCode.INVALID_FUNCTION_ARGUMENT, "Millis overflow: "),
                new ErrorCase("SELECT mod(5, 0)", ErrorCode.GENERIC_INTERNAL_ERROR, "/ by zero"),
                new ErrorCase("SELECT 5 % 0", ErrorCode.DIVISION_BY_ZERO, "Division by zero"),
                new ErrorCase("SELECT TIMESTAMP '2024-03-10 02:30:00 America/Los_Angeles'", ErrorCode.INVALID_LITERAL,
                        "line 1:8: '2024-03-10 02:30:00 America/Los_Angeles' is not a valid TIMESTAMP literal"),
                new ErrorCase("SELECT TIMESTAMP '2024-03-10 03:30:00 America/Los_Angeles'", ErrorCode.NOT_SUPPORTED, "TIMESTAMP literal with the zone"),
                new ErrorCase("SELECT date_parse('2024-02-30', '%Y-%m-%d')", ErrorCode.INVALID_FUNCTION_ARGUMENT, "Invalid format: \"2024-02-30\""),
                // DuckDB would convert the value to UTC (conformance casts-024): refused rather than shown in another zone
                new ErrorCase("SELECT CAST('2024-05-07 10:00:00 America/New_York' AS timestamp with time zone)", ErrorCode.NOT_SUPPORTED,
                        "CAST of '2024-05-07 10:00:00 America/New_York' to timestamp with time zone (only UTC values can be kept) is not supported yet"),
                new ErrorCase("SELECT CAST('2024-05-07 10:00:00+02:00' AS timestamp with time zone)", ErrorCode.NOT_SUPPORTED, "CAST of '2024-05-07 10:00:00+02:00'"),
                new ErrorCase("SELECT try(CAST('2024-05-07 10:00:00 Europe/Paris' AS timestamp with time zone))", ErrorCode.NOT_SUPPORTED, "CAST of '2024-05-07 10:00:00 Europe/Paris'"),
                new ErrorCase("SELECT CAST(s AS timestamp with time zone) FROM (VALUES '2024-05-07 10:00:00 UTC', '2024-05-07 10:00:00 Europe/Paris') AS t(s)",
                        ErrorCode.NOT_SUPPORTED, "CAST of '2024-05-07 10:00:00 Europe/Paris'"));
    }

    /** What the checks above must still let through. */
    @Test
    void answersTheCasesTrinoAnswers()
    {
        assertThat(QueryRunner.run(ENGINE.engine(), "SELECT mod(5, 3), mod(5.5E0, 2), to_unixtime(from_unixtime(1.5E9)), date_parse('2024-02-29', '%Y-%m-%d'), "
                + "CAST('2024-05-07 10:00:00 UTC' AS timestamp with time zone) = CAST('2024-05-07 10:00:00' AS timestamp with time zone), "
                + "CAST('2024-05-07 10:00:00+00:00' AS timestamp with time zone) = TIMESTAMP '2024-05-07 10:00:00 UTC', "
                + "try(CAST('2024-05-07 10:00:00' AS timestamp with time zone)) = (SELECT CAST(s AS timestamp with time zone) FROM (VALUES '2024-05-07 10:00:00Z') AS t(s)), "
                + "json_extract_scalar('{\"a\": 1}', '$.a'), json_format(json_parse('[1, {\"b\": null}]')), try(json_parse('{bad'))").rows().getFirst())
                .extracting(String::valueOf)
                .containsExactly("2", "1.5", "1.5E9", "2024-02-29T00:00", "true", "true", "true", "1", "[1,{\"b\":null}]", "null");
    }

    @ParameterizedTest
    @MethodSource("errors")
    void failsWithTrinosErrorName(ErrorCase testCase)
    {
        assertThat(testCase.failureMessage(ENGINE.engine())).startsWith(testCase.message());
    }

    /** Trino 476 (conformance conditional-022): TRY around translations that raise with error() answers NULL. */
    @Test
    void tryAroundRaisingTranslationsIsNull()
    {
        assertThat(QueryRunner.run(ENGINE.engine(), "SELECT try(element_at(ARRAY[1], 0)), try(ARRAY[1][5]), try(repeat('x', -1)), try(element_at(ARRAY[1], 1))").rows())
                .containsExactly(Arrays.asList(null, null, null, 1));
        assertThatThrownBy(() -> QueryRunner.run(ENGINE.engine(), "SELECT element_at(ARRAY[1], 0)"))
                .isInstanceOfSatisfying(PallasException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_FUNCTION_ARGUMENT));
        // TRY does not catch a user's fail()
        assertThatThrownBy(() -> QueryRunner.run(ENGINE.engine(), "SELECT try(fail('stop'))"))
                .isInstanceOf(PallasException.class);
    }
}
