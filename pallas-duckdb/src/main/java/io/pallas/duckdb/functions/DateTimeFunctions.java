package io.pallas.duckdb.functions;

import io.pallas.core.ErrorCode;
import io.pallas.core.PallasException;
import io.pallas.core.type.SqlType;
import io.pallas.core.type.SqlType.Kind;
import io.trino.sql.tree.CallArgument;
import io.trino.sql.tree.Expression;
import io.trino.sql.tree.FunctionCall;
import io.trino.sql.tree.LongLiteral;
import io.trino.sql.tree.StringLiteral;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Date and time functions: date_add, date_diff, date_trunc, date_format / date_parse (MySQL specifiers), format_datetime /
 * parse_datetime (Joda patterns), from_unixtime, to_unixtime, from_iso8601_*, to_iso8601, at_timezone, with_timezone,
 * extraction functions, now() and friends.
 *
 * <p>Sessions run in UTC and DuckDB keeps no zone per value, so every {@code timestamp with time zone} here is a UTC
 * value. Where Trino would keep another zone in the value, the translation refuses ({@code NOT_SUPPORTED}) at
 * translation time for constants, or fails the query at run time for data, rather than shift the zone.
 *
 * <p>Errors raised while the query runs go through DuckDB's {@code error()}; their message starts with the Pallas error
 * code ({@code NOT_SUPPORTED: ...}, {@code INVALID_FUNCTION_ARGUMENT: ...}).
 */
public final class DateTimeFunctions
        implements FunctionLibrary
{
    private static final Set<String> EXTRACTIONS = Set.of(
            "year", "quarter", "month", "week", "week_of_year", "day", "day_of_month", "day_of_week", "dow",
            "day_of_year", "doy", "hour", "minute", "second", "millisecond", "year_of_week", "yow");
    private static final Set<String> REFUSED = Set.of(
            "from_unixtime_nanos", "from_iso8601_timestamp_nanos", "to_milliseconds");
    private static final Set<String> DATE_UNITS = Set.of("day", "week", "month", "quarter", "year");
    private static final Set<String> TIME_UNITS = Set.of("millisecond", "second", "minute", "hour");
    private static final Set<String> UTC_ZONES = Set.of(
            "utc", "z", "ut", "uct", "gmt", "gmt0", "zulu", "universal", "greenwich", "etc/utc", "etc/uct", "etc/ut", "etc/gmt",
            "etc/gmt0", "etc/gmt+0", "etc/gmt-0", "etc/zulu", "etc/universal", "etc/greenwich", "gmt+0", "gmt-0", "+00:00", "-00:00",
            "utc+00:00", "gmt+00:00", "ut+00:00");
    private static final String ISO_TIMESTAMP = "\\d{4}-\\d{2}-\\d{2}(T\\d{2}(:\\d{2}(:\\d{2}([.,]\\d+)?)?)?)?(Z|[+-]\\d{2}(:?\\d{2})?)?";
    private static final Pattern ISO_OFFSET = Pattern.compile("T.*([+-])(\\d{2}):?(\\d{2})?$");

    @Override
    public boolean translates(String name)
    {
        return owns(name) && !REFUSED.contains(name);
    }

    @Override
    public Optional<String> translate(String name, FunctionCall call, FunctionContext context)
    {
        if (!owns(name)) {
            return Optional.empty();
        }
        if (call.getWindow().isPresent() || call.getFilter().isPresent() || call.getOrderBy().isPresent() || call.isDistinct()
                || call.getProcessingMode().isPresent() || call.hasNamedArguments()) {
            throw notSupported("Call clauses in " + name);
        }
        List<Expression> arguments = call.getArguments().stream().map(CallArgument::getValue).toList();
        Call c = new Call(name, arguments, context);
        return Optional.of(switch (name) {
            case "date_add" -> dateAdd(c);
            case "date_diff" -> dateDiff(c);
            case "date_trunc" -> dateTrunc(c);
            case "date_format" -> {
                c.require(2);
                DateTimeMySqlFormat format = DateTimeMySqlFormat.convert(c.constant(1, "format"), false);
                yield "strftime(" + c.rounded(0) + ", " + context.literal(format.strftime()) + ")";
            }
            case "date_parse" -> {
                c.require(2);
                DateTimeMySqlFormat format = DateTimeMySqlFormat.convert(c.constant(1, "format"), true);
                // a text that does not parse, or names a day that does not exist (February 30), is the function's invalid argument
                String strptime = c.sql(0) + ", " + context.literal(format.strftime());
                String parsed = "CASE WHEN " + c.sql(0) + " IS NOT NULL AND try_strptime(" + strptime + ") IS NULL"
                        + " THEN error('pallas-error:INVALID_FUNCTION_ARGUMENT:Invalid format: \"' || " + c.sql(0) + " || '\"') ELSE strptime(" + strptime + ") END";
                if (format.fraction()) {
                    parsed = "date_trunc('millisecond', " + parsed + ")";
                }
                if (!format.hasYear()) {
                    parsed = "(" + parsed + " + to_years(70))";
                }
                if (format.twoDigitYear()) {
                    // Trino pivots two-digit years on 2020: 70..99 are 19xx, 00..69 are 20xx; DuckDB reads 69 as 1969
                    parsed = "CASE WHEN year(" + parsed + ") = 1969 THEN " + parsed + " + to_years(100) ELSE " + parsed + " END";
                }
                yield parsed;
            }
            case "format_datetime" -> {
                c.require(2);
                DateTimeJodaPattern pattern = DateTimeJodaPattern.convert(c.constant(1, "pattern"), false);
                yield "strftime(" + c.rounded(0) + ", " + context.literal(pattern.strftime()) + ")";
            }
            case "parse_datetime" -> {
                c.require(2);
                DateTimeJodaPattern pattern = DateTimeJodaPattern.convert(c.constant(1, "pattern"), true);
                String parsed = "strptime(" + c.sql(0) + ", " + context.literal(pattern.strftime()) + ")";
                if (!pattern.hasYear()) {
                    parsed = "(" + parsed + " + to_years(70))";
                }
                yield "CAST(" + parsed + " AS TIMESTAMPTZ)";
            }
            case "from_unixtime" -> fromUnixtime(c);
            case "to_unixtime" -> {
                c.require(1);
                yield "epoch(" + c.rounded(0) + ")";
            }
            case "from_iso8601_timestamp" -> fromIso8601Timestamp(c);
            case "from_iso8601_date" -> {
                c.require(1);
                String value = c.sql(0);
                yield "CASE WHEN NOT regexp_full_match(" + value + ", '\\d{4}-\\d{2}-\\d{2}') THEN "
                        + error("NOT_SUPPORTED", "from_iso8601_date reads only YYYY-MM-DD: ", value)
                        + " ELSE CAST(" + value + " AS DATE) END";
            }
            case "to_iso8601" -> toIso8601(c);
            case "at_timezone" -> {
                c.require(2);
                requireUtcZone(c, 1);
                yield "CAST(" + c.sql(0) + " AS TIMESTAMPTZ)";
            }
            case "with_timezone" -> {
                c.require(2);
                requireUtcZone(c, 1);
                yield "CAST(CAST(" + c.sql(0) + " AS TIMESTAMP) AS TIMESTAMPTZ)";
            }
            case "last_day_of_month" -> {
                c.require(1);
                yield "last_day(" + c.sql(0) + ")";
            }
            case "date" -> {
                c.require(1);
                yield "CAST(" + c.sql(0) + " AS DATE)";
            }
            case "now" -> {
                c.require(0);
                yield "date_trunc('millisecond', get_current_timestamp())";
            }
            case "current_timezone" -> {
                c.require(0);
                yield "'UTC'";
            }
            case "timezone_hour", "timezone_minute" -> {
                c.require(1);
                // every timestamp with time zone is a UTC value here
                yield "CASE WHEN " + c.sql(0) + " IS NULL THEN NULL ELSE 0 END";
            }
            case "human_readable_seconds" -> humanReadableSeconds(c);
            case "parse_duration" -> parseDuration(c);
            default -> {
                if (EXTRACTIONS.contains(name)) {
                    yield extraction(c);
                }
                throw notSupported("Function " + name);
            }
        });
    }

    @Override
    public Optional<SqlType> resultType(String name, FunctionCall call, FunctionContext context)
    {
        if (!owns(name)) {
            return Optional.empty();
        }
        List<Expression> arguments = call.getArguments().stream().map(CallArgument::getValue).toList();
        Call c = new Call(name, arguments, context);
        try {
            return switch (name) {
                case "date_add" -> arguments.size() == 3 ? c.knownType(2) : Optional.empty();
                case "date_trunc" -> arguments.size() == 2 ? c.knownType(1) : Optional.empty();
                case "date_diff", "timezone_hour", "timezone_minute" -> Optional.of(SqlType.BIGINT);
                case "date_format", "format_datetime", "current_timezone" -> Optional.of(SqlType.VARCHAR);
                case "date_parse" -> Optional.of(SqlType.timestamp(3));
                case "human_readable_seconds" -> Optional.of(SqlType.VARCHAR);
                case "parse_duration" -> Optional.of(SqlType.INTERVAL_DAY_TO_SECOND);
                case "parse_datetime", "from_unixtime", "from_iso8601_timestamp", "now" -> Optional.of(SqlType.timestampWithTimeZone(3));
                case "to_unixtime" -> Optional.of(SqlType.DOUBLE);
                case "from_iso8601_date", "last_day_of_month", "date" -> Optional.of(SqlType.DATE);
                // Trino's type is iso8601Type(argument); the printer casts to the reported type and cannot cast to varchar(n) yet
                case "to_iso8601" -> arguments.size() == 1 ? c.knownType(0).map(DateTimeFunctions::iso8601Type) : Optional.empty();
                case "at_timezone", "with_timezone" -> arguments.size() == 2
                        ? Optional.of(SqlType.timestampWithTimeZone(c.knownType(0).map(DateTimeFunctions::precision).orElse(3)))
                        : Optional.empty();
                default -> EXTRACTIONS.contains(name) ? Optional.of(SqlType.BIGINT) : Optional.empty();
            };
        }
        catch (PallasException e) {
            return Optional.empty();
        }
    }

    /** Weeks, days, hours, minutes and seconds of the rounded absolute value, the units that are not zero, as Trino writes them. */
    private static String humanReadableSeconds(Call c)
    {
        c.require(1);
        String x = "CAST(" + c.sql(0) + " AS DOUBLE)";
        String s = "\"__pallas_s\"";
        // Math.round(Math.abs(x)), which stops at Long.MAX_VALUE
        String seconds = "least(CAST(least(round(abs(" + x + ")), 9.223372036854775807E18) AS HUGEINT), CAST(9223372036854775807 AS HUGEINT))";
        String parts = "[" + String.join(", ",
                unit(s + " // 604800", "week"),
                unit(s + " % 604800 // 86400", "day"),
                unit(s + " % 86400 // 3600", "hour"),
                unit(s + " % 3600 // 60", "minute"),
                unit(s + " % 60", "second")) + "]";
        String present = "list_filter(" + parts + ", lambda \"__pallas_p\": \"__pallas_p\" IS NOT NULL)";
        return "CASE WHEN " + x + " IS NULL THEN NULL"
                + " WHEN isnan(" + x + ") OR isinf(" + x + ") THEN " + error("INVALID_FUNCTION_ARGUMENT", "Invalid argument found: ", "CAST(" + x + " AS VARCHAR)")
                + " ELSE list_transform([" + seconds + "], lambda " + s + ": CASE WHEN len(" + present + ") = 0 THEN '0 seconds' ELSE array_to_string(" + present
                + ", ', ') END)[1] END";
    }

    private static String unit(String value, String name)
    {
        return "CASE WHEN " + value + " > 0 THEN CAST(" + value + " AS VARCHAR) || ' " + name + "' || CASE WHEN " + value + " = 1 THEN '' ELSE 's' END END";
    }

    /** airlift's Duration.valueOf(text).toMillis(): a decimal number and a unit, rounded half up to milliseconds. */
    private static String parseDuration(Call c)
    {
        c.require(1);
        String text = c.sql(0);
        String space = "[ \\t\\n\\x0B\\f\\r]*";
        String pattern = c.context().literal("^" + space + "([0-9]+(?:\\.[0-9]+)?)" + space + "([a-zA-Z]+)" + space + "$");
        String number = "CAST(regexp_extract(" + text + ", " + pattern + ", 1) AS DOUBLE)";
        String unit = "regexp_extract(" + text + ", " + pattern + ", 2)";
        String factor = "CASE " + unit + " WHEN 'ns' THEN 1.0E0 / 1000000.0E0 WHEN 'us' THEN 1.0E0 / 1000.0E0 WHEN 'ms' THEN 1.0E0 WHEN 's' THEN 1000.0E0"
                + " WHEN 'm' THEN 60000.0E0 WHEN 'h' THEN 3600000.0E0 WHEN 'd' THEN 86400000.0E0 END";
        String millis = "floor(" + number + " * " + factor + " + 0.5E0)";
        return "CASE WHEN " + text + " IS NULL THEN NULL"
                + " WHEN NOT regexp_matches(" + text + ", " + pattern + ") THEN " + error("INVALID_FUNCTION_ARGUMENT", "duration is not a valid data duration string: ", text)
                + " WHEN " + factor + " IS NULL THEN " + error("INVALID_FUNCTION_ARGUMENT", "Unknown time unit: ", unit)
                + " WHEN " + millis + " > 9.0E15 THEN " + error("NOT_SUPPORTED", "parse_duration of more than 9e15 milliseconds is not supported yet: ", text)
                + " ELSE to_milliseconds(CAST(" + millis + " AS BIGINT)) END";
    }

    private static boolean owns(String name)
    {
        return switch (name) {
            case "date_add", "date_diff", "date_trunc", "date_format", "date_parse", "format_datetime", "parse_datetime",
                 "from_unixtime", "to_unixtime", "from_iso8601_timestamp", "from_iso8601_date", "to_iso8601", "at_timezone",
                 "with_timezone", "last_day_of_month", "date", "now", "current_timezone", "timezone_hour", "timezone_minute" -> true;
            case "parse_duration", "human_readable_seconds" -> true;
            default -> EXTRACTIONS.contains(name) || REFUSED.contains(name);
        };
    }

    // ---------------------------------------------------------------- arithmetic

    private static String dateAdd(Call c)
    {
        c.require(3);
        String unit = c.unit(0);
        Optional<SqlType> type = c.knownType(2);
        checkUnit(unit, type);
        String amount = c.sql(1);
        String interval = switch (unit) {
            case "millisecond" -> "to_milliseconds(CAST(" + amount + " AS BIGINT))";
            case "second" -> "to_seconds(CAST(" + amount + " AS BIGINT))";
            case "minute" -> "to_minutes(CAST(" + amount + " AS BIGINT))";
            case "hour" -> "to_hours(CAST(" + amount + " AS BIGINT))";
            case "day" -> "to_days(CAST(" + amount + " AS INTEGER))";
            case "week" -> "to_days(CAST(" + amount + " AS INTEGER) * 7)";
            case "month" -> "to_months(CAST(" + amount + " AS INTEGER))";
            case "quarter" -> "to_months(CAST(" + amount + " AS INTEGER) * 3)";
            case "year" -> "to_years(CAST(" + amount + " AS INTEGER))";
            default -> throw new IllegalStateException(unit);
        };
        String sql = "(" + c.sql(2) + " + " + interval + ")";
        return type.isPresent() ? sql : notDate(c.sql(2), "date_add", sql);
    }

    private static String dateDiff(Call c)
    {
        c.require(3);
        String unit = c.unit(0);
        Optional<SqlType> first = c.knownType(1);
        Optional<SqlType> second = c.knownType(2);
        boolean bothDates = first.map(type -> type.kind() == Kind.DATE).orElse(false) && second.map(type -> type.kind() == Kind.DATE).orElse(false);
        checkUnit(unit, bothDates ? first : first.isPresent() && first.get().kind() != Kind.DATE ? first : second);
        // DuckDB's date_sub counts whole units elapsed, as Joda's getDifferenceAsLong does (month ends included)
        return "date_sub('" + unit + "', " + c.wallClock(1) + ", " + c.wallClock(2) + ")";
    }

    private static String dateTrunc(Call c)
    {
        c.require(2);
        String unit = c.unit(0);
        Optional<SqlType> type = c.knownType(1);
        checkUnit(unit, type);
        if (type.isPresent() && type.get().kind() == Kind.TIME) {
            throw notSupported("date_trunc on time");
        }
        String sql = "date_trunc('" + unit + "', " + c.sql(1) + ")";
        return type.isPresent() ? sql : notDate(c.sql(1), "date_trunc", sql);
    }

    /** Trino's field check: a date takes day and larger units, a time smaller ones, a timestamp all. */
    private static void checkUnit(String unit, Optional<SqlType> type)
    {
        Kind kind = type.map(SqlType::kind).orElse(Kind.TIMESTAMP);
        switch (kind) {
            case DATE -> {
                if (!DATE_UNITS.contains(unit)) {
                    throw invalid("'" + unit + "' is not a valid DATE field");
                }
            }
            case TIME -> {
                if (!TIME_UNITS.contains(unit)) {
                    throw invalid("'" + unit + "' is not a valid Time field");
                }
            }
            case TIMESTAMP, TIMESTAMP_WITH_TIME_ZONE, UNKNOWN -> {
                if (!DATE_UNITS.contains(unit) && !TIME_UNITS.contains(unit)) {
                    throw invalid("'" + unit + "' is not a valid Timestamp field");
                }
            }
            default -> throw new PallasException(ErrorCode.FUNCTION_NOT_FOUND, "Unexpected parameters (" + type.get() + ") for a date/time function");
        }
    }

    /**
     * For an argument whose type the printer does not know: DuckDB would answer a timestamp where Trino keeps a date, so
     * a date fails the query instead.
     */
    private static String notDate(String value, String function, String sql)
    {
        return "CASE WHEN typeof(" + value + ") = 'DATE' THEN "
                + error("NOT_SUPPORTED", function + " on a date whose type is not known before the query runs; cast it to date", null)
                + " ELSE " + sql + " END";
    }

    // ---------------------------------------------------------------- conversions

    private static String fromUnixtime(Call c)
    {
        if (c.arguments.size() == 2) {
            requireUtcZone(c, 1);
        }
        else if (c.arguments.size() == 3) {
            for (int i = 1; i <= 2; i++) {
                if (!(c.arguments.get(i) instanceof LongLiteral literal) || literal.getParsedValue() != 0) {
                    throw notSupported("from_unixtime with an offset other than 0 hours 0 minutes (the value would keep that offset)");
                }
            }
        }
        else {
            c.require(1);
        }
        // Trino rounds to milliseconds as Math.round does: half up; its timestamps with a zone keep 2^51 milliseconds
        String seconds = "CAST(" + c.sql(0) + " AS DOUBLE)";
        return "CASE WHEN abs(" + seconds + ") * 1000 >= 2251799813685248 THEN error('pallas-error:INVALID_FUNCTION_ARGUMENT:Millis overflow: ' || " + seconds + " * 1000)"
                + " ELSE CAST(epoch_ms(CAST(floor(" + seconds + " * 1000 + 0.5) AS BIGINT)) AS TIMESTAMPTZ) END";
    }

    private static String fromIso8601Timestamp(Call c)
    {
        c.require(1);
        if (c.arguments.getFirst() instanceof StringLiteral literal) {
            String text = literal.getValue();
            if (!text.matches(ISO_TIMESTAMP)) {
                throw notSupported("from_iso8601_timestamp('" + text + "'): only YYYY-MM-DD[THH[:MM[:SS[.fff]]]][Z|±HH[:MM]]");
            }
            Matcher offset = ISO_OFFSET.matcher(text);
            if (offset.find() && (!offset.group(2).equals("00") || (offset.group(3) != null && !offset.group(3).equals("00")))) {
                throw notSupported("from_iso8601_timestamp with a zone other than UTC (the value would keep that zone)");
            }
        }
        String value = c.sql(0);
        return "CASE WHEN NOT regexp_full_match(" + value + ", '" + ISO_TIMESTAMP + "') THEN "
                + error("NOT_SUPPORTED", "from_iso8601_timestamp reads only YYYY-MM-DD[THH[:MM[:SS[.fff]]]][Z|+HH[:MM]]: ", value)
                + " WHEN regexp_matches(" + value + ", 'T.*[+-]\\d{2}(:?\\d{2})?$') AND NOT regexp_matches(" + value + ", '[+-]00(:?00)?$') THEN "
                + error("NOT_SUPPORTED", "from_iso8601_timestamp with a zone other than UTC: ", value)
                + " ELSE date_trunc('millisecond', CAST(replace(" + value + ", ',', '.') AS TIMESTAMPTZ)) END";
    }

    private static String toIso8601(Call c)
    {
        c.require(1);
        SqlType type = c.knownType(0).orElseThrow(() -> notSupported("to_iso8601 on a value whose type is not known before the query runs"));
        return switch (type.kind()) {
            case DATE -> "strftime(" + c.sql(0) + ", '%Y-%m-%d')";
            case TIMESTAMP, TIMESTAMP_WITH_TIME_ZONE -> {
                int precision = precision(type);
                String value = c.rounded(0);
                String text = "strftime(" + value + ", '%Y-%m-%dT%H:%M:%S')";
                if (precision > 0) {
                    text += " || '.' || left(strftime(" + value + ", '%f'), " + precision + ")";
                }
                if (type.kind() == Kind.TIMESTAMP_WITH_TIME_ZONE) {
                    text += " || 'Z'";
                }
                yield "(" + text + ")";
            }
            default -> throw new PallasException(ErrorCode.FUNCTION_NOT_FOUND, "Unexpected parameters (" + type + ") for function to_iso8601");
        };
    }

    private static SqlType iso8601Type(SqlType type)
    {
        return switch (type.kind()) {
            case DATE -> SqlType.varchar(16);
            case TIMESTAMP -> SqlType.varchar(22 + Math.min(precision(type), 1) + precision(type));
            case TIMESTAMP_WITH_TIME_ZONE -> SqlType.varchar(28 + Math.min(precision(type), 1) + precision(type));
            default -> throw invalid("to_iso8601 of " + type);
        };
    }

    private static void requireUtcZone(Call c, int index)
    {
        String zone = c.constant(index, "time zone");
        if (!UTC_ZONES.contains(zone.strip().toLowerCase(Locale.ROOT))) {
            throw notSupported(c.name + " to the zone '" + zone + "' (only UTC values can be kept)");
        }
    }

    // ---------------------------------------------------------------- fields

    private static String extraction(Call c)
    {
        c.require(1);
        Optional<SqlType> type = c.knownType(0);
        String value = c.sql(0);
        if (type.isPresent() && type.get().kind() == Kind.INTERVAL_YEAR_TO_MONTH) {
            String months = "(year(" + value + ") * 12 + month(" + value + "))";
            return switch (c.name) {
                case "year" -> "(" + months + " / 12)";
                case "month" -> "(" + months + " % 12)";
                default -> throw new PallasException(ErrorCode.FUNCTION_NOT_FOUND, "Unexpected parameters (interval year to month) for function " + c.name);
            };
        }
        if (type.isPresent() && type.get().kind() == Kind.INTERVAL_DAY_TO_SECOND) {
            String millis = "CAST(round(epoch(" + value + ") * 1000) AS BIGINT)";
            return switch (c.name) {
                case "day", "day_of_month" -> "(" + millis + " / 86400000)";
                case "hour" -> "((" + millis + " % 86400000) / 3600000)";
                case "minute" -> "((" + millis + " % 3600000) / 60000)";
                case "second" -> "((" + millis + " % 60000) / 1000)";
                case "millisecond" -> "(" + millis + " % 1000)";
                default -> throw new PallasException(ErrorCode.FUNCTION_NOT_FOUND, "Unexpected parameters (interval day to second) for function " + c.name);
            };
        }
        String rounded = c.rounded(0);
        return switch (c.name) {
            case "year" -> "year(" + value + ")";
            case "quarter" -> "quarter(" + value + ")";
            case "month" -> "month(" + value + ")";
            case "week", "week_of_year" -> "week(" + value + ")";
            case "day", "day_of_month" -> "day(" + value + ")";
            case "day_of_week", "dow" -> "isodow(" + value + ")";
            case "day_of_year", "doy" -> "dayofyear(" + value + ")";
            case "year_of_week", "yow" -> "isoyear(" + value + ")";
            case "hour" -> "hour(" + rounded + ")";
            case "minute" -> "minute(" + rounded + ")";
            case "second" -> "second(" + rounded + ")";
            case "millisecond" -> "(millisecond(" + rounded + ") % 1000)";
            default -> throw new IllegalStateException(c.name);
        };
    }

    // ---------------------------------------------------------------- helpers

    private static int precision(SqlType type)
    {
        return type.length() < 0 ? SqlType.DEFAULT_TIMESTAMP_PRECISION : type.length();
    }

    /** A DuckDB {@code error(...)} call; the message starts with the Pallas error code, then the value when given. */
    private static String error(String code, String message, String value)
    {
        String text = "'" + (code + ": " + message).replace("'", "''") + "'";
        return "error(" + (value == null ? text : text + " || " + value) + ")";
    }

    private static PallasException notSupported(String what)
    {
        return new PallasException(ErrorCode.NOT_SUPPORTED, what + " is not supported yet");
    }

    private static PallasException invalid(String message)
    {
        return new PallasException(ErrorCode.INVALID_FUNCTION_ARGUMENT, message);
    }

    /** One call being translated. */
    private record Call(String name, List<Expression> arguments, FunctionContext context)
    {
        void require(int count)
        {
            if (arguments.size() != count) {
                throw new PallasException(ErrorCode.FUNCTION_NOT_FOUND, "Unexpected parameters for function " + name);
            }
        }

        String sql(int index)
        {
            return context.sql(arguments.get(index));
        }

        /** The argument's type when the printer knows it (a bare NULL has none). */
        Optional<SqlType> knownType(int index)
        {
            return context.typeOf(arguments.get(index)).filter(type -> type.kind() != Kind.UNKNOWN);
        }

        /** A string argument that must be constant, as DuckDB needs for formats. */
        String constant(int index, String what)
        {
            if (arguments.get(index) instanceof StringLiteral literal) {
                return literal.getValue();
            }
            throw notSupported(name + " with a " + what + " that is not a string literal");
        }

        String unit(int index)
        {
            return constant(index, "unit").toLowerCase(Locale.ROOT);
        }

        /** A timestamp with time zone as its UTC wall clock, so DuckDB counts units without its time zone calendar. */
        String wallClock(int index)
        {
            Optional<SqlType> type = knownType(index);
            return type.isPresent() && type.get().kind() == Kind.TIMESTAMP_WITH_TIME_ZONE ? "CAST(" + sql(index) + " AS TIMESTAMP)" : sql(index);
        }

        /**
         * A timestamp rounded to its Trino precision (half up), as Trino holds it: DuckDB keeps microseconds whatever the
         * declared precision, and only the result conversion rounds.
         */
        String rounded(int index)
        {
            String value = sql(index);
            Optional<SqlType> type = knownType(index);
            if (type.isEmpty() || (type.get().kind() != Kind.TIMESTAMP && type.get().kind() != Kind.TIMESTAMP_WITH_TIME_ZONE)) {
                return value;
            }
            int precision = precision(type.get());
            if (precision >= 6) {
                return value;
            }
            long unit = (long) Math.pow(10, 6 - precision);
            // with integer_division on, / between integers truncates: divide as doubles and floor
            String micros = "CAST(floor(CAST(epoch_us(" + value + ") + " + unit / 2 + " AS DOUBLE) / " + unit + ") AS BIGINT) * " + unit;
            String timestamp = "make_timestamp(" + micros + ")";
            return type.get().kind() == Kind.TIMESTAMP ? timestamp : "CAST(" + timestamp + " AS TIMESTAMPTZ)";
        }
    }
}
