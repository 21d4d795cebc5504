package io.pallas.duckdb;

import io.pallas.core.ErrorCode;
import io.pallas.core.PallasException;
import io.pallas.core.type.RowValue;
import io.pallas.core.type.SqlType;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.sql.Array;
import java.sql.Blob;
import java.sql.SQLException;
import java.sql.Struct;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.Period;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns what the DuckDB driver returns into the Java objects {@link io.pallas.core.engine.ResultSink} fixes. */
final class ValueConverter
{
    private static final Pattern INTERVAL_PART = Pattern.compile("(-?\\d+) (year|month|day)s?");
    private static final Pattern INTERVAL_TIME = Pattern.compile("(-?)(\\d+):(\\d{2}):(\\d{2})(?:\\.(\\d{1,9}))?");

    private ValueConverter() {}

    static Object convert(Object value, SqlType type)
            throws SQLException
    {
        if (value == null) {
            return null;
        }
        return switch (type.kind()) {
            case BOOLEAN -> (Boolean) value;
            case TINYINT -> ((Number) value).byteValue();
            case SMALLINT -> ((Number) value).shortValue();
            case INTEGER -> ((Number) value).intValue();
            case BIGINT -> toLong(value);
            case REAL -> ((Number) value).floatValue();
            case DOUBLE -> ((Number) value).doubleValue();
            case DECIMAL -> toDecimal(value).setScale(type.scale(), RoundingMode.HALF_UP);
            case VARCHAR, JSON, STRING -> value.toString();
            case CHAR -> pad(value.toString(), type.length());
            case VARBINARY -> toBytes(value);
            case DATE -> value;
            case TIME -> round((LocalTime) value, type.length());
            case TIMESTAMP -> round(toLocalDateTime(value), type.length());
            case TIMESTAMP_WITH_TIME_ZONE -> toZoned(value, type.length());
            case INTERVAL_DAY_TO_SECOND, INTERVAL_YEAR_TO_MONTH -> toInterval(value.toString(), type);
            case UUID -> value instanceof UUID uuid ? uuid : UUID.fromString(value.toString());
            case ARRAY -> toList(value, type.elementType());
            case MAP -> toMap((Map<?, ?>) value, type);
            case ROW -> toRow(value, type);
            case UNKNOWN -> null;
            case TIME_WITH_TIME_ZONE -> throw new PallasException(ErrorCode.NOT_SUPPORTED, "Type is not supported: " + type);
        };
    }

    private static Long toLong(Object value)
    {
        if (value instanceof BigInteger big) {
            if (big.bitLength() > 63) {
                throw new PallasException(ErrorCode.NUMERIC_VALUE_OUT_OF_RANGE, "bigint overflow: " + big);
            }
            return big.longValue();
        }
        return ((Number) value).longValue();
    }

    private static BigDecimal toDecimal(Object value)
    {
        if (value instanceof BigDecimal decimal) {
            return decimal;
        }
        return new BigDecimal(value.toString());
    }

    private static String pad(String value, int length)
    {
        if (value.length() >= length) {
            return value;
        }
        return value + " ".repeat(length - value.length());
    }

    private static byte[] toBytes(Object value)
            throws SQLException
    {
        if (value instanceof byte[] bytes) {
            return bytes;
        }
        if (value instanceof Blob blob) {
            long length = blob.length();
            return length == 0 ? new byte[0] : blob.getBytes(1, (int) length);
        }
        throw new IllegalStateException("unexpected varbinary value: " + value.getClass().getName());
    }

    private static LocalDateTime toLocalDateTime(Object value)
    {
        return switch (value) {
            case LocalDateTime dateTime -> dateTime;
            // the driver builds nested timestamps as java.sql.Timestamp from wall-clock fields
            case Timestamp timestamp -> timestamp.toLocalDateTime();
            case OffsetDateTime offset -> offset.toLocalDateTime();
            default -> throw new IllegalStateException("unexpected timestamp value: " + value.getClass().getName());
        };
    }

    private static ZonedDateTime toZoned(Object value, int precision)
    {
        ZonedDateTime zoned = switch (value) {
            case OffsetDateTime offset -> offset.atZoneSameInstant(ZoneOffset.UTC);
            case ZonedDateTime dateTime -> dateTime.withZoneSameInstant(ZoneOffset.UTC);
            case Timestamp timestamp -> timestamp.toInstant().atZone(ZoneOffset.UTC);
            default -> throw new IllegalStateException("unexpected timestamp value: " + value.getClass().getName());
        };
        return round(zoned.toLocalDateTime(), precision).atZone(ZoneOffset.UTC);
    }

    private static LocalDateTime round(LocalDateTime value, int precision)
    {
        long unit = nanosPerUnit(precision);
        if (unit == 1) {
            return value;
        }
        LocalDateTime truncated = value.withNano((int) (value.getNano() / unit * unit));
        long remainder = value.getNano() % unit;
        return remainder * 2 >= unit ? truncated.plusNanos(unit) : truncated;
    }

    private static LocalTime round(LocalTime value, int precision)
    {
        long unit = nanosPerUnit(precision);
        if (unit == 1) {
            return value;
        }
        LocalTime truncated = value.withNano((int) (value.getNano() / unit * unit));
        long remainder = value.getNano() % unit;
        return remainder * 2 >= unit ? truncated.plusNanos(unit) : truncated;
    }

    private static long nanosPerUnit(int precision)
    {
        if (precision < 0 || precision >= 9) {
            return 1;
        }
        return ChronoUnit.SECONDS.getDuration().toNanos() / BigInteger.TEN.pow(precision).longValueExact();
    }

    /** Reads DuckDB's interval text, e.g. {@code 1 year 2 months 3 days -04:05:06.5}. */
    static Object toInterval(String text, SqlType type)
    {
        long months = 0;
        long days = 0;
        Duration time = Duration.ZERO;
        Matcher parts = INTERVAL_PART.matcher(text);
        int end = 0;
        while (parts.find()) {
            long amount = Long.parseLong(parts.group(1));
            switch (parts.group(2)) {
                case "year" -> months += amount * 12;
                case "month" -> months += amount;
                default -> days += amount;
            }
            end = parts.end();
        }
        Matcher clock = INTERVAL_TIME.matcher(text);
        if (clock.find(end)) {
            String fraction = clock.group(5) == null ? "" : clock.group(5);
            long nanos = fraction.isEmpty() ? 0 : Long.parseLong((fraction + "000000000").substring(0, 9));
            time = Duration.ofHours(Long.parseLong(clock.group(2)))
                    .plusMinutes(Long.parseLong(clock.group(3)))
                    .plusSeconds(Long.parseLong(clock.group(4)))
                    .plusNanos(nanos);
            if (!clock.group(1).isEmpty()) {
                time = time.negated();
            }
        }
        if (type.kind() == SqlType.Kind.INTERVAL_YEAR_TO_MONTH) {
            if (days != 0 || !time.isZero()) {
                throw new PallasException(ErrorCode.GENERIC_INTERNAL_ERROR, "Interval has a day part: " + text);
            }
            return Period.ofMonths(Math.toIntExact(months));
        }
        if (months != 0) {
            throw new PallasException(ErrorCode.NOT_SUPPORTED, "Interval mixes months and days: " + text);
        }
        return Duration.ofDays(days).plus(time);
    }

    private static List<Object> toList(Object value, SqlType elementType)
            throws SQLException
    {
        Object[] elements = value instanceof Array array ? (Object[]) array.getArray() : ((List<?>) value).toArray();
        List<Object> result = new ArrayList<>(elements.length);
        for (Object element : elements) {
            result.add(convert(element, elementType));
        }
        return Collections.unmodifiableList(result);
    }

    private static Map<Object, Object> toMap(Map<?, ?> value, SqlType type)
            throws SQLException
    {
        Map<Object, Object> result = new LinkedHashMap<>();
        for (Map.Entry<?, ?> entry : value.entrySet()) {
            result.put(convert(entry.getKey(), type.keyType()), convert(entry.getValue(), type.valueType()));
        }
        return Collections.unmodifiableMap(result);
    }

    private static RowValue toRow(Object value, SqlType type)
            throws SQLException
    {
        Object[] attributes = ((Struct) value).getAttributes();
        List<Object> fields = new ArrayList<>(attributes.length);
        for (int i = 0; i < attributes.length; i++) {
            fields.add(convert(attributes[i], type.parameters().get(i)));
        }
        return new RowValue(fields);
    }
}
