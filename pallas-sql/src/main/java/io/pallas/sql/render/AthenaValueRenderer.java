package io.pallas.sql.render;

import io.pallas.core.type.RowValue;
import io.pallas.core.type.SqlType;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetTime;
import java.time.Period;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The text Athena shows for a value, identical in GetQueryResults' {@code VarCharValue} and in the result CSV.
 * Values are the Java objects documented on {@link io.pallas.core.engine.ResultSink}.
 */
public final class AthenaValueRenderer
{
    private static final char[] HEX = "0123456789abcdef".toCharArray();
    private static final int DEFAULT_TIME_PRECISION = 3;
    private static final long MILLIS_PER_DAY = 86_400_000L;
    // Trino folds these zone ids into its UTC zone key
    private static final Set<String> UTC_ZONE_IDS = Set.of(
            "Z", "UTC", "UCT", "UT", "GMT", "GMT0", "Zulu", "Universal", "Greenwich",
            "Etc/UTC", "Etc/UCT", "Etc/UT", "Etc/GMT", "Etc/GMT0", "Etc/GMT+0", "Etc/GMT-0",
            "Etc/Zulu", "Etc/Universal", "Etc/Greenwich", "GMT+0", "GMT-0", "+00:00", "-00:00",
            "UTC+00:00", "GMT+00:00", "UT+00:00");

    private AthenaValueRenderer() {}

    /** The rendered value, or null for SQL NULL. */
    public static String render(SqlType type, Object value)
    {
        if (value == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(16);
        appendTo(out, type, value);
        return out.toString();
    }

    /**
     * Appends the rendered value to {@code out}; returns false (appending nothing) for SQL NULL. Lets the result
     * writer reuse one builder for every value.
     */
    public static boolean appendTo(StringBuilder out, SqlType type, Object value)
    {
        if (value == null) {
            return false;
        }
        appendValue(out, type, value, false);
        return true;
    }

    private static void appendValue(StringBuilder out, SqlType type, Object value, boolean nested)
    {
        switch (type.kind()) {
            case BOOLEAN -> out.append(cast(type, value, Boolean.class).booleanValue());
            case TINYINT, SMALLINT, INTEGER, BIGINT -> appendInteger(out, type, value);
            case REAL -> out.append(cast(type, value, Number.class).floatValue());
            case DOUBLE -> out.append(cast(type, value, Number.class).doubleValue());
            case DECIMAL -> appendDecimal(out, type, value);
            case VARCHAR, JSON, STRING -> out.append(cast(type, value, String.class));
            case CHAR -> appendChar(out, type, cast(type, value, String.class));
            case VARBINARY -> {
                byte[] bytes = cast(type, value, byte[].class);
                if (nested) {
                    // Athena prints nested varbinary through Object.toString of a Java byte[]
                    out.append("[B@").append(Integer.toHexString(System.identityHashCode(bytes)));
                }
                else {
                    appendHex(out, bytes);
                }
            }
            case DATE -> appendDate(out, cast(type, value, LocalDate.class));
            case TIME -> appendTime(out, cast(type, value, LocalTime.class), timePrecision(type));
            case TIME_WITH_TIME_ZONE -> {
                OffsetTime time = cast(type, value, OffsetTime.class);
                appendTime(out, time.toLocalTime(), timePrecision(type));
                appendOffset(out, time.getOffset());
            }
            case TIMESTAMP -> appendTimestamp(out, cast(type, value, LocalDateTime.class), timePrecision(type));
            case TIMESTAMP_WITH_TIME_ZONE -> {
                ZonedDateTime timestamp = cast(type, value, ZonedDateTime.class);
                appendTimestamp(out, timestamp.toLocalDateTime(), timePrecision(type));
                out.append(' ').append(zoneText(timestamp.getZone()));
            }
            case INTERVAL_DAY_TO_SECOND -> appendDayToSecond(out, cast(type, value, Duration.class));
            case INTERVAL_YEAR_TO_MONTH -> appendYearToMonth(out, cast(type, value, Period.class).toTotalMonths());
            case UUID -> appendUuid(out, type, value);
            case ARRAY -> appendArray(out, type, value);
            case MAP -> appendMap(out, type, value);
            case ROW -> appendRow(out, type, value);
            case UNKNOWN -> out.append(value);
        }
    }

    private static void appendNested(StringBuilder out, SqlType type, Object value)
    {
        if (value == null) {
            out.append("null");
        }
        else {
            appendValue(out, type, value, true);
        }
    }

    private static void appendInteger(StringBuilder out, SqlType type, Object value)
    {
        if (value instanceof Long longValue) {
            out.append(longValue.longValue());
        }
        else if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            out.append(((Number) value).intValue());
        }
        else if (value instanceof BigInteger || value instanceof BigDecimal) {
            out.append(value);
        }
        else {
            throw wrongClass(type, value);
        }
    }

    private static void appendDecimal(StringBuilder out, SqlType type, Object value)
    {
        BigDecimal decimal = switch (value) {
            case BigDecimal bigDecimal -> bigDecimal;
            case BigInteger bigInteger -> new BigDecimal(bigInteger);
            case Long longValue -> BigDecimal.valueOf(longValue);
            case Integer intValue -> BigDecimal.valueOf(intValue);
            default -> throw wrongClass(type, value);
        };
        if (decimal.scale() != type.scale()) {
            decimal = decimal.setScale(type.scale(), RoundingMode.HALF_UP);
        }
        out.append(decimal.toPlainString());
    }

    private static void appendChar(StringBuilder out, SqlType type, String value)
    {
        // Trino shows char(n) values padded to n with spaces
        out.append(value);
        int length = value.codePointCount(0, value.length());
        for (int i = length; i < type.length(); i++) {
            out.append(' ');
        }
    }

    private static void appendHex(StringBuilder out, byte[] bytes)
    {
        for (int i = 0; i < bytes.length; i++) {
            if (i > 0) {
                out.append(' ');
            }
            out.append(HEX[(bytes[i] >> 4) & 0xF]).append(HEX[bytes[i] & 0xF]);
        }
    }

    private static void appendDate(StringBuilder out, LocalDate date)
    {
        appendYear(out, date.getYear());
        out.append('-');
        appendPadded(out, date.getMonthValue(), 2);
        out.append('-');
        appendPadded(out, date.getDayOfMonth(), 2);
    }

    private static void appendYear(StringBuilder out, int year)
    {
        // Trino writes years past 9999 without the '+' java.time adds
        if (year < 0) {
            out.append('-');
            appendPadded(out, -year, 4);
        }
        else {
            appendPadded(out, year, 4);
        }
    }

    private static void appendTimestamp(StringBuilder out, LocalDateTime timestamp, int precision)
    {
        appendDate(out, timestamp.toLocalDate());
        out.append(' ');
        appendTime(out, timestamp.toLocalTime(), precision);
    }

    private static void appendTime(StringBuilder out, LocalTime time, int precision)
    {
        appendPadded(out, time.getHour(), 2);
        out.append(':');
        appendPadded(out, time.getMinute(), 2);
        out.append(':');
        appendPadded(out, time.getSecond(), 2);
        if (precision > 0) {
            out.append('.');
            appendFraction(out, time.getNano(), precision);
        }
    }

    private static void appendFraction(StringBuilder out, int nanos, int precision)
    {
        // Values arrive at the column's precision; extra digits are cut, never rounded into the seconds
        int start = out.length();
        appendPadded(out, nanos, 9);
        if (precision < 9) {
            out.setLength(start + precision);
        }
        for (int i = 9; i < precision; i++) {
            out.append('0');
        }
    }

    private static void appendOffset(StringBuilder out, ZoneOffset offset)
    {
        int seconds = offset.getTotalSeconds();
        out.append(seconds < 0 ? '-' : '+');
        int absolute = Math.abs(seconds);
        appendPadded(out, absolute / 3600, 2);
        out.append(':');
        appendPadded(out, (absolute / 60) % 60, 2);
    }

    private static String zoneText(ZoneId zone)
    {
        String id = zone.getId();
        if (UTC_ZONE_IDS.contains(id)) {
            return "UTC";
        }
        if (zone instanceof ZoneOffset offset) {
            if (offset.getTotalSeconds() == 0) {
                return "UTC";
            }
            StringBuilder text = new StringBuilder(6);
            appendOffset(text, offset);
            return text.toString();
        }
        return id;
    }

    private static void appendDayToSecond(StringBuilder out, Duration duration)
    {
        long millis;
        try {
            millis = duration.toMillis();
        }
        catch (ArithmeticException e) {
            millis = duration.isNegative() ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
        if (millis == Long.MIN_VALUE) {
            // cannot be negated
            out.append("-106751991167 07:12:55.808");
            return;
        }
        if (millis < 0) {
            out.append('-');
            millis = -millis;
        }
        out.append(millis / MILLIS_PER_DAY).append(' ');
        long rest = millis % MILLIS_PER_DAY;
        appendPadded(out, rest / 3_600_000, 2);
        out.append(':');
        appendPadded(out, (rest / 60_000) % 60, 2);
        out.append(':');
        appendPadded(out, (rest / 1000) % 60, 2);
        out.append('.');
        appendPadded(out, rest % 1000, 3);
    }

    private static void appendYearToMonth(StringBuilder out, long months)
    {
        if (months < 0) {
            out.append('-');
            months = -months;
        }
        out.append(months / 12).append('-').append(months % 12);
    }

    private static void appendUuid(StringBuilder out, SqlType type, Object value)
    {
        switch (value) {
            case UUID uuid -> out.append(uuid);
            case String text -> out.append(text.toLowerCase(Locale.ROOT));
            default -> throw wrongClass(type, value);
        }
    }

    private static void appendArray(StringBuilder out, SqlType type, Object value)
    {
        List<?> elements = cast(type, value, List.class);
        SqlType elementType = type.elementType();
        out.append('[');
        boolean first = true;
        for (Object element : elements) {
            if (!first) {
                out.append(", ");
            }
            first = false;
            appendNested(out, elementType, element);
        }
        out.append(']');
    }

    private static void appendMap(StringBuilder out, SqlType type, Object value)
    {
        Map<?, ?> map = cast(type, value, Map.class);
        SqlType keyType = type.keyType();
        SqlType valueType = type.valueType();
        out.append('{');
        boolean first = true;
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            if (!first) {
                out.append(", ");
            }
            first = false;
            appendNested(out, keyType, entry.getKey());
            out.append('=');
            appendNested(out, valueType, entry.getValue());
        }
        out.append('}');
    }

    private static void appendRow(StringBuilder out, SqlType type, Object value)
    {
        List<Object> fields = cast(type, value, RowValue.class).fields();
        List<SqlType> fieldTypes = type.parameters();
        if (fields.size() != fieldTypes.size()) {
            throw new IllegalArgumentException("Row value has %d fields, type %s has %d".formatted(fields.size(), type, fieldTypes.size()));
        }
        List<Optional<String>> names = type.fieldNames();
        out.append('{');
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                out.append(", ");
            }
            Optional<String> name = names.get(i);
            if (name.isPresent()) {
                out.append(name.get()).append('=');
            }
            appendNested(out, fieldTypes.get(i), fields.get(i));
        }
        out.append('}');
    }

    private static int timePrecision(SqlType type)
    {
        return type.length() < 0 ? DEFAULT_TIME_PRECISION : type.length();
    }

    private static void appendPadded(StringBuilder out, long value, int width)
    {
        for (long limit = 10, digits = 1; digits < width; limit *= 10, digits++) {
            if (value < limit) {
                out.append('0');
            }
        }
        out.append(value);
    }

    private static <T> T cast(SqlType type, Object value, Class<T> expected)
    {
        if (!expected.isInstance(value)) {
            throw wrongClass(type, value);
        }
        return expected.cast(value);
    }

    private static IllegalArgumentException wrongClass(SqlType type, Object value)
    {
        return new IllegalArgumentException("Cannot render %s as %s".formatted(value.getClass().getName(), type));
    }
}
