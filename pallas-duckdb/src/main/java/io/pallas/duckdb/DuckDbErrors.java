package io.pallas.duckdb;

import io.pallas.core.ErrorCode;
import io.pallas.core.PallasException;

import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
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
    private static final Pattern CAST_RANGE = Pattern.compile("Type (\\w+) with value (.*) can't be cast because the value is out of range for the destination type (\\w+)");
    private static final Pattern UNIMPLEMENTED_CAST = Pattern.compile("Unimplemented type for cast \\((.+) -> (.+)\\)");
    private static final Pattern AMBIGUOUS_CALL = Pattern.compile("Could not choose a best candidate function for the function call \"(\\w+)\\(");
    private static final Pattern CONCATENATION = Pattern.compile("Cannot concatenate types (\\S+) and (\\S+) - an explicit cast is required");
    private static final Pattern NOT_A_ROW = Pattern.compile("Cannot extract field '[^']*' from expression \"(.*)\" because it is not a struct");
    private static final Pattern AGGREGATE_IN_CLAUSE = Pattern.compile("^(WHERE|JOIN|GROUP BY) clause cannot contain (?:aggregates|window functions)");
    private static final Pattern POSITION = Pattern.compile("^(ORDER|GROUP) term out of range");
    private static final Pattern GROUPING_ARGUMENT = Pattern.compile("GROUPING child \"+([^\"]*)\"+ must be a grouping column");
    /** The messages of RE2, which DuckDB's regular expression functions pass on for a pattern that does not compile. */
    private static final Pattern BAD_PATTERN = Pattern.compile("^(?:missing \\)|missing \\]|unexpected \\)|invalid escape sequence|invalid character class|"
            + "bad repetition operator|invalid nested repetition operator|invalid perl operator|trailing \\\\|no argument for repetition operator|"
            + "invalid repetition size|invalid named capture group|missing argument to repetition operator)");
    /** DuckDB's messages (their start) for failures Trino reports under a name of its own, with Trino's error and message. */
    private static final Map<String, Known> KNOWN_ERRORS = Map.of(
            "aggregate function calls cannot be nested", new Known(ErrorCode.NESTED_AGGREGATION, "Cannot nest aggregations inside aggregation"),
            "Frame starting from following row cannot have preceding rows",
            new Known(ErrorCode.INVALID_WINDOW_FRAME, "Window frame starting from FOLLOWING cannot end with PRECEDING"),
            "Frame start cannot be UNBOUNDED FOLLOWING", new Known(ErrorCode.INVALID_WINDOW_FRAME, "Window frame start cannot be UNBOUNDED FOLLOWING"),
            "Frame end cannot be UNBOUNDED PRECEDING", new Known(ErrorCode.INVALID_WINDOW_FRAME, "Window frame end cannot be UNBOUNDED PRECEDING"),
            "Set operations can only apply to expressions with the same number of result columns",
            new Known(ErrorCode.TYPE_MISMATCH, "Set operation query has different number of fields"),
            "TRY can not be used in combination with a volatile function",
            new Known(ErrorCode.NOT_SUPPORTED, "TRY around a volatile function, or around an error TRY does not catch, is not supported yet"),
            "More than one row returned by a subquery used as an expression",
            new Known(ErrorCode.SUBQUERY_MULTIPLE_ROWS, "Scalar sub-query has returned multiple rows"));
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

    /** The start of an error() call a translation raises with: error('pallas-error:CODE: */
    private static final Pattern RAISED_CALL = Pattern.compile("error\\('pallas-error:([A-Z_]+):");
    /** The errors Trino's TRY returns NULL for. */
    private static final Set<String> CAUGHT_BY_TRY = Set.of(ErrorCode.DIVISION_BY_ZERO.name(), ErrorCode.INVALID_CAST_ARGUMENT.name(),
            ErrorCode.INVALID_FUNCTION_ARGUMENT.name(), ErrorCode.NUMERIC_VALUE_OUT_OF_RANGE.name());
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

    private record Known(ErrorCode code, String message) {}

    private DuckDbErrors() {}

    /** SQL that fails the query with this Trino error when evaluated. */
    static String raise(ErrorCode code, String message)
    {
        return "error('pallas-error:" + code.name() + ":" + message.replace("'", "''") + "')";
    }

    /**
     * The SQL of a TRY with the errors its translation raises that Trino's TRY turns into NULL (DuckDB's try() refuses
     * a query that calls error() at all); the other raised errors stay.
     */
    static String caughtByTry(String sql)
    {
        StringBuilder result = new StringBuilder();
        Matcher call = RAISED_CALL.matcher(sql);
        int copied = 0;
        while (call.find(copied)) {
            int end = closingParenthesis(sql, call.start() + "error(".length());
            if (end < 0) {
                break;
            }
            result.append(sql, copied, call.start()).append(CAUGHT_BY_TRY.contains(call.group(1)) ? "NULL" : sql.substring(call.start(), end + 1));
            copied = end + 1;
        }
        return result.append(sql.substring(copied)).toString();
    }

    /** The position of the parenthesis that closes the one opened before {@code from}, skipping quoted text; -1 if none. */
    private static int closingParenthesis(String sql, int from)
    {
        int depth = 1;
        boolean quoted = false;
        for (int i = from; i < sql.length(); i++) {
            char c = sql.charAt(i);
            if (c == '\'') {
                quoted = !quoted;
            }
            else if (!quoted && c == '(') {
                depth++;
            }
            else if (!quoted && c == ')' && --depth == 0) {
                return i;
            }
        }
        return -1;
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
        for (Map.Entry<String, Known> entry : KNOWN_ERRORS.entrySet()) {
            if (detail.startsWith(entry.getKey())) {
                return new PallasException(entry.getValue().code(), entry.getValue().message(), e);
            }
        }
        PallasException known = analysisError(detail, e);
        if (known != null) {
            return known;
        }
        if (detail.startsWith("Could not decode string") && detail.contains("as base64")) {
            return new PallasException(ErrorCode.INVALID_FUNCTION_ARGUMENT, detail, e);
        }
        if (BAD_PATTERN.matcher(detail).find()) {
            return new PallasException(ErrorCode.INVALID_FUNCTION_ARGUMENT, detail, e);
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
            String type = TRINO_NAMES.getOrDefault(matcher.group(3), matcher.group(3).toLowerCase());
            if (matcher.group(1).equals("DOUBLE") || matcher.group(1).equals("FLOAT")) {
                return floatingCastError(matcher.group(1), matcher.group(2), type, e);
            }
            return new PallasException(ErrorCode.NUMERIC_VALUE_OUT_OF_RANGE, "Out of range for " + type + ": " + matcher.group(2), e);
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

    /** Errors of Trino's analysis that DuckDB finds while binding, with message parts to carry over; null for others. */
    private static PallasException analysisError(String detail, SQLException e)
    {
        Matcher matcher = UNIMPLEMENTED_CAST.matcher(detail);
        if (matcher.find()) {
            return new PallasException(ErrorCode.TYPE_MISMATCH, "Cannot cast " + trinoType(matcher.group(1)) + " to " + trinoType(matcher.group(2)), e);
        }
        matcher = AMBIGUOUS_CALL.matcher(detail);
        if (matcher.find()) {
            return new PallasException(ErrorCode.FUNCTION_NOT_FOUND, "Unexpected parameters for function " + matcher.group(1).toLowerCase(Locale.ROOT), e);
        }
        matcher = CONCATENATION.matcher(detail);
        // an array and its element type do concatenate in Trino: that failure stays an engine failure
        if (matcher.find() && !matcher.group(1).equals(matcher.group(2) + "[]") && !matcher.group(2).equals(matcher.group(1) + "[]")) {
            return new PallasException(ErrorCode.FUNCTION_NOT_FOUND,
                    "Unexpected parameters (" + trinoType(matcher.group(1)) + ", " + trinoType(matcher.group(2)) + ") for function concat", e);
        }
        matcher = NOT_A_ROW.matcher(detail);
        if (matcher.find()) {
            return new PallasException(ErrorCode.TYPE_MISMATCH, "Expression " + matcher.group(1) + " is not of type ROW", e);
        }
        matcher = AGGREGATE_IN_CLAUSE.matcher(detail);
        if (matcher.find()) {
            return new PallasException(ErrorCode.EXPRESSION_NOT_SCALAR,
                    matcher.group(1) + " clause cannot contain aggregations, window functions or grouping operations", e);
        }
        matcher = POSITION.matcher(detail);
        if (matcher.find()) {
            return new PallasException(ErrorCode.INVALID_COLUMN_REFERENCE, matcher.group(1) + " BY position is not in select list", e);
        }
        matcher = GROUPING_ARGUMENT.matcher(detail);
        if (matcher.find()) {
            return new PallasException(ErrorCode.INVALID_ARGUMENTS,
                    "The arguments to GROUPING() must be expressions referenced by the GROUP BY at the associated query level. Mismatch due to " + matcher.group(1) + ".", e);
        }
        return null;
    }

    /**
     * Trino's error for a double or real outside an integer type: NaN, or a value outside bigint, is an invalid cast
     * argument; a value outside a smaller type is out of its range.
     */
    private static PallasException floatingCastError(String sourceType, String value, String type, SQLException e)
    {
        String source = sourceType.equals("FLOAT") ? "real" : "double";
        double number;
        try {
            number = value.equalsIgnoreCase("nan") ? Double.NaN : Double.parseDouble(value);
        }
        catch (NumberFormatException _) {
            return new PallasException(ErrorCode.INVALID_CAST_ARGUMENT, "Unable to cast " + value + " to " + type, e);
        }
        String text = sourceType.equals("FLOAT") ? Float.toString((float) number) : Double.toString(number);
        if (Double.isNaN(number)) {
            return new PallasException(ErrorCode.INVALID_CAST_ARGUMENT, "Cannot cast " + source + " NaN to " + type, e);
        }
        if (type.equals("bigint")) {
            return new PallasException(ErrorCode.INVALID_CAST_ARGUMENT, "Unable to cast " + text + " to " + type, e);
        }
        return new PallasException(ErrorCode.NUMERIC_VALUE_OUT_OF_RANGE, "Out of range for " + type + ": " + text, e);
    }

    /** A DuckDB type as Trino names it, for messages: INTEGER[] is array(integer). */
    private static String trinoType(String duckDbType)
    {
        if (duckDbType.endsWith("[]")) {
            return "array(" + trinoType(duckDbType.substring(0, duckDbType.length() - 2)) + ")";
        }
        return switch (duckDbType.toUpperCase(Locale.ROOT)) {
            case "VARCHAR" -> "varchar";
            case "INTERVAL" -> "interval";
            case "TIMESTAMP WITH TIME ZONE" -> "timestamp with time zone";
            default -> trinoName(duckDbType);
        };
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
