package io.pallas.duckdb;

import io.pallas.core.ErrorCode;
import io.pallas.core.PallasException;

import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns DuckDB's errors into the errors Trino reports for the same failure. */
final class DuckDbErrors
{
    private static final Pattern PREFIX = Pattern.compile("^(?:[A-Za-z ]+ Error: )+");
    private static final Pattern CATALOG_QUALIFIER = Pattern.compile("(?<![\\w.])(?:(?:\"(?:memory|system|temp)\"\\.)?\"main\"\\.|(?:(?:memory|system|temp)\\.)?main\\.)");
    private static final Pattern MISSING_FUNCTION = Pattern.compile("(?:Scalar|Aggregate|Table|Pragma) Function with name \"?([^\" ]+?)\"? does not exist");
    private static final Pattern FUNCTION_PARAMETERS = Pattern.compile("No function matches the given name and argument types '([^'(]+)\\(");
    private static final Pattern COMPARISON = Pattern.compile("Cannot compare values of type (\\w+) and (?:type )?(\\w+)");
    private static final Pattern BAD_STRING = Pattern.compile("Could not convert string '(.*)' to (\\w+)");
    private static final Pattern CAST_RANGE = Pattern.compile("Type \\w+ with value (.*) can't be cast because the value is out of range for the destination type (\\w+)");
    private static final Pattern OVERFLOW = Pattern.compile("Overflow in (addition|subtraction|multiplication) of (\\w+) \\((.*)\\)!?");
    private static final Pattern COLUMN = Pattern.compile("(?:Referenced column|Column) \"([^\"]+)\" (?:not found|referenced that exists in the SELECT clause)");
    private static final Map<String, String> TRINO_NAMES = Map.ofEntries(
            Map.entry("INT8", "tinyint"),
            Map.entry("INT16", "smallint"),
            Map.entry("INT32", "integer"),
            Map.entry("INT64", "bigint"),
            Map.entry("INT128", "bigint"),
            Map.entry("FLOAT", "real"),
            Map.entry("DOUBLE", "double"));

    /**
     * Translations raise Trino's errors from inside DuckDB with {@code error('pallas-error:<CODE>:<message>')}
     * (see {@link #raise}); such a message is passed on with its code and text unchanged.
     */
    private static final Pattern RAISED = Pattern.compile("pallas-error:([A-Z_]+):(.*)", Pattern.DOTALL);

    /** DuckDB's messages for invalid function arguments, with Trino's message for the same failure. */
    private static final Map<String, String> INVALID_ARGUMENTS = Map.of(
            "Map keys must be unique", "Duplicate map keys are not allowed",
            "Map keys can not be NULL", "map key cannot be null",
            "The map key list does not align with the map value list", "Key and value arrays must be the same length",
            "Argument for ntile must be greater than zero", "Buckets must be greater than 0");

    private DuckDbErrors() {}

    /** SQL that fails the query with this Trino error when evaluated. */
    static String raise(ErrorCode code, String message)
    {
        return "error('pallas-error:" + code.name() + ":" + message.replace("'", "''") + "')";
    }

    static PallasException translate(SQLException e)
    {
        String full = e.getMessage() == null ? e.toString() : e.getMessage();
        String message = firstLine(full);
        String detail = clean(message);
        Matcher raised = RAISED.matcher(full);
        if (raised.find()) {
            ErrorCode code;
            try {
                code = ErrorCode.valueOf(raised.group(1));
            }
            catch (IllegalArgumentException unknown) {
                code = ErrorCode.GENERIC_USER_ERROR;
            }
            return new PallasException(code, firstLine(raised.group(2)), e);
        }
        // translations that raise with error('<CODE>: <message>') (the date/time library does)
        for (ErrorCode code : List.of(ErrorCode.NOT_SUPPORTED, ErrorCode.INVALID_FUNCTION_ARGUMENT)) {
            if (detail.startsWith(code.name() + ": ")) {
                return new PallasException(code, detail.substring(code.name().length() + 2), e);
            }
        }
        if (detail.startsWith("Could not parse string") && detail.contains("according to format specifier")) {
            return new PallasException(ErrorCode.INVALID_FUNCTION_ARGUMENT, detail, e);
        }
        for (Map.Entry<String, String> entry : INVALID_ARGUMENTS.entrySet()) {
            if (detail.startsWith(entry.getKey())) {
                return new PallasException(ErrorCode.INVALID_FUNCTION_ARGUMENT, entry.getValue(), e);
            }
        }
        if (message.contains("Division by zero")) {
            return new PallasException(ErrorCode.DIVISION_BY_ZERO, "Division by zero", e);
        }
        if (message.startsWith("Out of Memory Error")) {
            return new PallasException(ErrorCode.EXCEEDED_MEMORY_LIMIT, "Query exceeded local memory limit: " + detail, e);
        }
        Matcher matcher = BAD_STRING.matcher(detail);
        if (matcher.find()) {
            String target = matcher.group(2);
            String trinoTarget = switch (target) {
                case "INT8" -> "TINYINT";
                case "INT16" -> "SMALLINT";
                case "INT32" -> "INT";
                case "INT64" -> "BIGINT";
                default -> target;
            };
            return new PallasException(ErrorCode.INVALID_CAST_ARGUMENT, "Cannot cast '" + matcher.group(1) + "' to " + trinoTarget, e);
        }
        matcher = CAST_RANGE.matcher(detail);
        if (matcher.find()) {
            String type = TRINO_NAMES.getOrDefault(matcher.group(2), matcher.group(2).toLowerCase());
            return new PallasException(ErrorCode.NUMERIC_VALUE_OUT_OF_RANGE, "Out of range for " + type + ": " + matcher.group(1), e);
        }
        matcher = OVERFLOW.matcher(detail);
        if (matcher.find()) {
            String type = TRINO_NAMES.getOrDefault(matcher.group(2), matcher.group(2).toLowerCase());
            return new PallasException(ErrorCode.NUMERIC_VALUE_OUT_OF_RANGE, type + " " + matcher.group(1) + " overflow: " + matcher.group(3), e);
        }
        if (message.startsWith("Out of Range Error")) {
            return new PallasException(ErrorCode.NUMERIC_VALUE_OUT_OF_RANGE, detail, e);
        }
        if (message.startsWith("Conversion Error")) {
            return new PallasException(ErrorCode.INVALID_CAST_ARGUMENT, detail, e);
        }
        matcher = COLUMN.matcher(detail);
        if (matcher.find()) {
            return new PallasException(ErrorCode.COLUMN_NOT_FOUND, "Column '" + matcher.group(1) + "' cannot be resolved", e);
        }
        matcher = MISSING_FUNCTION.matcher(detail);
        if (matcher.find()) {
            return new PallasException(ErrorCode.FUNCTION_NOT_FOUND, "Function '" + matcher.group(1).toLowerCase(Locale.ROOT) + "' not registered", e);
        }
        matcher = FUNCTION_PARAMETERS.matcher(detail);
        if (matcher.find()) {
            return new PallasException(ErrorCode.FUNCTION_NOT_FOUND, "Unexpected parameters for function " + matcher.group(1).toLowerCase(Locale.ROOT), e);
        }
        matcher = COMPARISON.matcher(detail);
        if (matcher.find()) {
            return new PallasException(ErrorCode.TYPE_MISMATCH, "Cannot compare values of types " + trinoName(matcher.group(1)) + " and " + trinoName(matcher.group(2)), e);
        }
        if (message.startsWith("Permission Error")) {
            return new PallasException(ErrorCode.GENERIC_USER_ERROR, "Access denied: " + detail, e);
        }
        // whatever is not mapped is reported neutrally: the reason, without DuckDB's prefixes, catalog names or markers
        return new PallasException(ErrorCode.GENERIC_INTERNAL_ERROR, "Query failed in the engine: " + detail, e);
    }

    /** The first line of a DuckDB message without its error-class prefixes and catalog qualifiers. */
    static String clean(String message)
    {
        String detail = PREFIX.matcher(firstLine(message)).replaceFirst("");
        detail = CATALOG_QUALIFIER.matcher(detail).replaceAll("");
        return detail.isEmpty() ? "unknown reason" : detail;
    }

    private static String trinoName(String duckDbName)
    {
        String upper = duckDbName.toUpperCase(Locale.ROOT);
        return switch (upper) {
            case "INTEGER", "INT32" -> "integer";
            case "BIGINT", "INT64" -> "bigint";
            case "SMALLINT", "INT16" -> "smallint";
            case "TINYINT", "INT8" -> "tinyint";
            case "FLOAT" -> "real";
            case "BLOB" -> "varbinary";
            default -> duckDbName.toLowerCase(Locale.ROOT);
        };
    }

    private static String firstLine(String message)
    {
        int newline = message.indexOf('\n');
        return (newline < 0 ? message : message.substring(0, newline)).strip();
    }
}
