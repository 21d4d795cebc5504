package io.pallas.sql.render;

import io.pallas.core.type.RowValue;
import io.pallas.core.type.SqlType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetTime;
import java.time.Period;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

import static io.pallas.core.type.SqlType.BIGINT;
import static io.pallas.core.type.SqlType.BOOLEAN;
import static io.pallas.core.type.SqlType.DATE;
import static io.pallas.core.type.SqlType.DOUBLE;
import static io.pallas.core.type.SqlType.INTEGER;
import static io.pallas.core.type.SqlType.INTERVAL_DAY_TO_SECOND;
import static io.pallas.core.type.SqlType.INTERVAL_YEAR_TO_MONTH;
import static io.pallas.core.type.SqlType.JSON;
import static io.pallas.core.type.SqlType.REAL;
import static io.pallas.core.type.SqlType.SMALLINT;
import static io.pallas.core.type.SqlType.TIMESTAMP;
import static io.pallas.core.type.SqlType.TINYINT;
import static io.pallas.core.type.SqlType.VARBINARY;
import static io.pallas.core.type.SqlType.VARCHAR;
import static io.pallas.sql.render.AthenaValueRenderer.render;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AthenaValueRendererTest
{
    private static final SqlType ARRAY_INTEGER = SqlType.array(INTEGER);
    private static final SqlType ARRAY_VARCHAR = SqlType.array(VARCHAR);

    static Stream<Arguments> cases()
    {
        return Stream.of(
                // integers
                Arguments.of(TINYINT, (byte) -128, "-128"),
                Arguments.of(SMALLINT, (short) 32767, "32767"),
                Arguments.of(INTEGER, 0, "0"),
                Arguments.of(INTEGER, -2147483648, "-2147483648"),
                Arguments.of(BIGINT, Long.MAX_VALUE, "9223372036854775807"),
                Arguments.of(BIGINT, Long.MIN_VALUE, "-9223372036854775808"),
                // double and real
                Arguments.of(DOUBLE, 1.5, "1.5"),
                Arguments.of(DOUBLE, 0.1 + 0.2, "0.30000000000000004"),
                Arguments.of(DOUBLE, 1e20, "1.0E20"),
                Arguments.of(DOUBLE, 1e-7, "1.0E-7"),
                Arguments.of(DOUBLE, 0.001, "0.001"),
                Arguments.of(DOUBLE, 1e7, "1.0E7"),
                Arguments.of(DOUBLE, 1234567.0, "1234567.0"),
                Arguments.of(DOUBLE, 0.0, "0.0"),
                Arguments.of(DOUBLE, -0.0, "-0.0"),
                Arguments.of(DOUBLE, Double.NaN, "NaN"),
                Arguments.of(DOUBLE, Double.POSITIVE_INFINITY, "Infinity"),
                Arguments.of(DOUBLE, Double.NEGATIVE_INFINITY, "-Infinity"),
                Arguments.of(REAL, 1.5f, "1.5"),
                Arguments.of(REAL, 0.1f, "0.1"),
                Arguments.of(REAL, 1e20f, "1.0E20"),
                Arguments.of(REAL, Float.NaN, "NaN"),
                // decimal
                Arguments.of(SqlType.decimal(3, 2), new BigDecimal("1.25"), "1.25"),
                Arguments.of(SqlType.decimal(3, 2), new BigDecimal("0.1"), "0.10"),
                Arguments.of(SqlType.decimal(3, 2), new BigDecimal("-0.10"), "-0.10"),
                Arguments.of(SqlType.decimal(38, 0), new BigDecimal("1E+30"), "1000000000000000000000000000000"),
                Arguments.of(SqlType.decimal(20, 10), new BigDecimal("1E-10"), "0.0000000001"),
                Arguments.of(SqlType.decimal(10, 0), new BigDecimal("12"), "12"),
                // boolean and text
                Arguments.of(BOOLEAN, true, "true"),
                Arguments.of(BOOLEAN, false, "false"),
                Arguments.of(VARCHAR, "", ""),
                Arguments.of(VARCHAR, "a\"b, c\nd", "a\"b, c\nd"),
                Arguments.of(SqlType.varchar(3), "ü€😀", "ü€😀"),
                Arguments.of(SqlType.charType(3), "a", "a  "),
                Arguments.of(SqlType.charType(2), "ab", "ab"),
                Arguments.of(JSON, "{\"a\":[1,2]}", "{\"a\":[1,2]}"),
                // date
                Arguments.of(DATE, LocalDate.of(2017, 1, 2), "2017-01-02"),
                Arguments.of(DATE, LocalDate.of(1, 1, 1), "0001-01-01"),
                Arguments.of(DATE, LocalDate.of(9999, 12, 31), "9999-12-31"),
                Arguments.of(DATE, LocalDate.of(10000, 1, 1), "10000-01-01"),
                Arguments.of(DATE, LocalDate.of(0, 6, 1), "0000-06-01"),
                Arguments.of(DATE, LocalDate.of(-1, 1, 1), "-0001-01-01"),
                Arguments.of(DATE, LocalDate.of(1970, 1, 1), "1970-01-01"),
                // timestamp
                Arguments.of(TIMESTAMP, LocalDateTime.of(2020, 1, 2, 3, 4, 5, 678_000_000), "2020-01-02 03:04:05.678"),
                Arguments.of(TIMESTAMP, LocalDateTime.of(2020, 1, 2, 3, 4, 5), "2020-01-02 03:04:05.000"),
                Arguments.of(SqlType.timestamp(0), LocalDateTime.of(2020, 1, 2, 3, 4, 5), "2020-01-02 03:04:05"),
                Arguments.of(SqlType.timestamp(1), LocalDateTime.of(2020, 1, 2, 3, 4, 5, 900_000_000), "2020-01-02 03:04:05.9"),
                Arguments.of(SqlType.timestamp(6), LocalDateTime.of(2020, 1, 2, 3, 4, 5, 123_456_000), "2020-01-02 03:04:05.123456"),
                Arguments.of(SqlType.timestamp(9), LocalDateTime.of(2020, 1, 2, 3, 4, 5, 1), "2020-01-02 03:04:05.000000001"),
                Arguments.of(SqlType.timestamp(12), LocalDateTime.of(2020, 1, 2, 3, 4, 5, 123_456_789), "2020-01-02 03:04:05.123456789000"),
                Arguments.of(TIMESTAMP, LocalDateTime.of(10000, 1, 1, 0, 0), "10000-01-01 00:00:00.000"),
                // a wall-clock time that does not exist in the JVM's zone must still print unchanged
                Arguments.of(TIMESTAMP, LocalDateTime.of(2026, 3, 8, 2, 30), "2026-03-08 02:30:00.000"),
                // timestamp with time zone
                Arguments.of(SqlType.timestampWithTimeZone(3), ZonedDateTime.of(2026, 9, 17, 12, 34, 56, 789_000_000, ZoneOffset.UTC), "2026-09-17 12:34:56.789 UTC"),
                Arguments.of(SqlType.timestampWithTimeZone(3), ZonedDateTime.of(2026, 9, 17, 12, 34, 56, 789_000_000, ZoneId.of("UTC")), "2026-09-17 12:34:56.789 UTC"),
                Arguments.of(SqlType.timestampWithTimeZone(3), ZonedDateTime.of(2026, 9, 17, 12, 34, 56, 789_000_000, ZoneId.of("Etc/UTC")), "2026-09-17 12:34:56.789 UTC"),
                Arguments.of(SqlType.timestampWithTimeZone(3), ZonedDateTime.of(2026, 9, 17, 12, 34, 56, 0, ZoneId.of("America/New_York")), "2026-09-17 12:34:56.000 America/New_York"),
                Arguments.of(SqlType.timestampWithTimeZone(3), ZonedDateTime.of(2026, 9, 17, 12, 34, 56, 0, ZoneOffset.ofHoursMinutes(5, 30)), "2026-09-17 12:34:56.000 +05:30"),
                Arguments.of(SqlType.timestampWithTimeZone(3), ZonedDateTime.of(2026, 9, 17, 12, 34, 56, 0, ZoneOffset.ofHours(-8)), "2026-09-17 12:34:56.000 -08:00"),
                Arguments.of(SqlType.timestampWithTimeZone(0), ZonedDateTime.of(2026, 9, 17, 12, 34, 56, 0, ZoneOffset.UTC), "2026-09-17 12:34:56 UTC"),
                Arguments.of(SqlType.timestampWithTimeZone(6), ZonedDateTime.of(2026, 9, 17, 12, 34, 56, 5000, ZoneOffset.UTC), "2026-09-17 12:34:56.000005 UTC"),
                // time
                Arguments.of(SqlType.time(3), LocalTime.of(12, 34, 56, 789_000_000), "12:34:56.789"),
                Arguments.of(SqlType.time(0), LocalTime.of(0, 0), "00:00:00"),
                Arguments.of(SqlType.time(6), LocalTime.of(23, 59, 59, 999_999_000), "23:59:59.999999"),
                Arguments.of(SqlType.timeWithTimeZone(3), OffsetTime.of(12, 34, 56, 789_000_000, ZoneOffset.UTC), "12:34:56.789+00:00"),
                Arguments.of(SqlType.timeWithTimeZone(3), OffsetTime.of(1, 2, 3, 0, ZoneOffset.ofHoursMinutes(-3, -30)), "01:02:03.000-03:30"),
                // varbinary
                Arguments.of(VARBINARY, new byte[] {1, 2, (byte) 0xff}, "01 02 ff"),
                Arguments.of(VARBINARY, new byte[] {}, ""),
                Arguments.of(VARBINARY, new byte[] {(byte) 0xab}, "ab"),
                // intervals
                Arguments.of(INTERVAL_DAY_TO_SECOND, Duration.ofDays(1), "1 00:00:00.000"),
                Arguments.of(INTERVAL_DAY_TO_SECOND, Duration.ofMillis(123_456_789), "1 10:17:36.789"),
                Arguments.of(INTERVAL_DAY_TO_SECOND, Duration.ofHours(-3), "-0 03:00:00.000"),
                Arguments.of(INTERVAL_DAY_TO_SECOND, Duration.ofSeconds(-90061, -1_000_000), "-1 01:01:01.001"),
                Arguments.of(INTERVAL_DAY_TO_SECOND, Duration.ZERO, "0 00:00:00.000"),
                Arguments.of(INTERVAL_YEAR_TO_MONTH, Period.ofYears(1), "1-0"),
                Arguments.of(INTERVAL_YEAR_TO_MONTH, Period.ofMonths(14), "1-2"),
                Arguments.of(INTERVAL_YEAR_TO_MONTH, Period.ofMonths(-14), "-1-2"),
                Arguments.of(INTERVAL_YEAR_TO_MONTH, Period.ofMonths(0), "0-0"),
                // uuid
                Arguments.of(SqlType.UUID, UUID.fromString("12151FD2-7586-11E9-8F9E-2A86E4085A59"), "12151fd2-7586-11e9-8f9e-2a86e4085a59"),
                // complex
                Arguments.of(ARRAY_INTEGER, List.of(1, 2), "[1, 2]"),
                Arguments.of(ARRAY_INTEGER, List.of(), "[]"),
                Arguments.of(ARRAY_INTEGER, Arrays.asList(1, null), "[1, null]"),
                Arguments.of(ARRAY_VARCHAR, List.of("a, b", "c"), "[a, b, c]"),
                Arguments.of(ARRAY_VARCHAR, Arrays.asList("", null, "null"), "[, null, null]"),
                Arguments.of(SqlType.array(ARRAY_INTEGER), List.of(List.of(1), List.of()), "[[1], []]"),
                Arguments.of(SqlType.array(DOUBLE), List.of(1.0, 1e20), "[1.0, 1.0E20]"),
                Arguments.of(SqlType.array(SqlType.decimal(4, 2)), List.of(new BigDecimal("1.5")), "[1.50]"),
                Arguments.of(SqlType.array(DATE), List.of(LocalDate.of(2017, 1, 2)), "[2017-01-02]"),
                Arguments.of(SqlType.array(TIMESTAMP), List.of(LocalDateTime.of(2020, 1, 2, 3, 4, 5)), "[2020-01-02 03:04:05.000]"),
                Arguments.of(SqlType.map(VARCHAR, INTEGER), orderedMap("k", 1, "k2", 2), "{k=1, k2=2}"),
                Arguments.of(SqlType.map(VARCHAR, INTEGER), orderedMap("k", null), "{k=null}"),
                Arguments.of(SqlType.map(INTEGER, ARRAY_VARCHAR), orderedMap(1, List.of("x")), "{1=[x]}"),
                Arguments.of(SqlType.map(VARCHAR, INTEGER), Map.of(), "{}"),
                Arguments.of(
                        SqlType.row(List.of(Optional.of("a"), Optional.of("b")), List.of(INTEGER, VARCHAR)),
                        new RowValue(List.of(1, "x")),
                        "{a=1, b=x}"),
                Arguments.of(
                        SqlType.row(List.of(Optional.empty(), Optional.empty()), List.of(INTEGER, VARCHAR)),
                        new RowValue(List.of(1, "x")),
                        "{1, x}"),
                Arguments.of(
                        SqlType.row(List.of(Optional.of("a"), Optional.of("b")), List.of(INTEGER, SqlType.row(List.of(Optional.of("c")), List.of(ARRAY_INTEGER)))),
                        new RowValue(Arrays.asList(null, new RowValue(List.of(List.of(3))))),
                        "{a=null, b={c=[3]}}"),
                Arguments.of(SqlType.array(JSON), List.of("{\"a\":1}"), "[{\"a\":1}]"),
                Arguments.of(SqlType.array(BOOLEAN), List.of(true, false), "[true, false]"));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void renders(SqlType type, Object value, String expected)
    {
        assertThat(render(type, value)).isEqualTo(expected);
        StringBuilder out = new StringBuilder("prefix:");
        assertThat(AthenaValueRenderer.appendTo(out, type, value)).isTrue();
        assertThat(out.toString()).isEqualTo("prefix:" + expected);
    }

    @Test
    void nullIsNull()
    {
        for (SqlType type : List.of(BOOLEAN, BIGINT, DOUBLE, VARCHAR, VARBINARY, DATE, TIMESTAMP, ARRAY_INTEGER, SqlType.UNKNOWN)) {
            assertThat(render(type, null)).isNull();
            StringBuilder out = new StringBuilder();
            assertThat(AthenaValueRenderer.appendTo(out, type, null)).isFalse();
            assertThat(out).isEmpty();
        }
    }

    @Test
    void nestedVarbinaryLooksLikeJavaByteArray()
    {
        assertThat(render(SqlType.array(VARBINARY), List.of(new byte[] {1, 2})))
                .matches("\\[\\[B@[0-9a-f]+]");
        List<Object> withNull = new ArrayList<>();
        withNull.add(null);
        assertThat(render(SqlType.array(VARBINARY), withNull)).isEqualTo("[null]");
        assertThat(render(SqlType.map(VARCHAR, VARBINARY), orderedMap("k", new byte[] {1})))
                .matches("\\{k=\\[B@[0-9a-f]+}");
    }

    @Test
    void rejectsValueOfWrongClass()
    {
        assertThatThrownBy(() -> render(DATE, "2017-01-02"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("java.lang.String")
                .hasMessageContaining("date");
        assertThatThrownBy(() -> render(BIGINT, 1.5))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> render(SqlType.row(List.of(Optional.of("a")), List.of(INTEGER)), new RowValue(List.of(1, 2))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static Map<Object, Object> orderedMap(Object... keysAndValues)
    {
        Map<Object, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
