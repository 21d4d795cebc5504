package io.pallas.bench.tpch;

import io.trino.tpch.TpchTable;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * The 22 TPC-H queries in Trino syntax, their reference answers at scale factor 0.01 (both as {@code io.trino.tpch}
 * ships them), and the comparison of answers given as text.
 */
public final class TpchQueries
{
    public static final int COUNT = 22;
    /** The only scale factor the shipped reference answers are for. */
    public static final double REFERENCE_SCALE_FACTOR = 0.01;

    private static final String QUERIES = "/io/trino/tpch/queries/";

    private TpchQueries() {}

    /** The query text of the library, as Trino runs it; q15's view becomes a WITH clause. */
    public static String query(int number)
    {
        String text = resource("q" + number + ".sql").lines()
                .filter(line -> !line.strip().startsWith("--"))
                .reduce("", (a, b) -> a + b + "\n")
                .strip();
        Matcher view = Pattern.compile("(?is)CREATE\\s+(?:OR\\s+REPLACE\\s+)?VIEW\\s+(\\w+)\\s+AS\\s+(.*?);\\s*(.*)").matcher(text);
        if (view.matches()) {
            text = "WITH " + view.group(1) + " AS (\n" + view.group(2).strip() + "\n)\n" + view.group(3).strip();
        }
        while (text.endsWith(";")) {
            text = text.substring(0, text.length() - 1).strip();
        }
        return text;
    }

    /** The reference answer file as shipped: a header comment line, then one row per line, fields separated by {@code |}. */
    public static String referenceText(int number)
    {
        return resource("q" + number + ".result");
    }

    /** The reference answer's rows; {@code null} stands for SQL NULL. Some lines end with the delimiter, which is dropped. */
    public static List<List<String>> reference(int number)
    {
        List<List<String>> rows = new ArrayList<>();
        for (String line : referenceText(number).lines().toList()) {
            if (line.startsWith("--") || line.isEmpty()) {
                continue;
            }
            rows.add(Arrays.asList(line.split("\\|", -1)));
        }
        return rows;
    }

    /**
     * Null when {@code actual} gives the reference answer, else the first difference. {@code decimal} tells, per
     * column, whether the actual column is a decimal.
     */
    public static String compareWithReference(List<List<String>> expected, List<List<String>> actual, List<Boolean> decimal)
    {
        for (int i = 0; i < Math.min(expected.size(), actual.size()); i++) {
            List<String> want = expected.get(i);
            List<String> got = actual.get(i);
            // a reference line may end with the delimiter
            if (want.size() == got.size() + 1 && want.getLast().isEmpty()) {
                want = want.subList(0, got.size());
            }
            if (want.size() != got.size()) {
                return "row " + (i + 1) + " has " + got.size() + " columns, expected " + want.size() + ": expected " + want + " but was " + got;
            }
            for (int column = 0; column < want.size(); column++) {
                if (!matchesReference(want.get(column), got.get(column), decimal.get(column))) {
                    return "row " + (i + 1) + " column " + (column + 1) + ": expected <" + want.get(column) + "> but was <" + got.get(column) + ">\n  expected row " + want + "\n  actual row   " + got;
                }
            }
        }
        return sizeDifference(expected, actual);
    }

    /**
     * Strings and dates exactly; numbers within half a unit of the reference's last digit (the reference is rounded,
     * and drops trailing zeros), but never looser than two decimals' rounding, and within a relative 1e-12 for
     * doubles. A decimal answer is rounded to its type's scale as well (the reference of q14 is a double; with
     * decimal columns Trino's answer is a decimal(38,6)): where that scale is coarser than the reference's, half a
     * unit of its last digit is added.
     */
    public static boolean matchesReference(String expected, String actual, boolean decimal)
    {
        if (expected.equals("null")) {
            return actual == null;
        }
        if (actual == null) {
            return false;
        }
        if (expected.equals(actual)) {
            return true;
        }
        BigDecimal want = number(expected);
        BigDecimal got = number(actual);
        if (want == null || got == null) {
            return false;
        }
        BigDecimal tolerance = BigDecimal.ONE.movePointLeft(Math.max(want.scale(), 2)).divide(BigDecimal.TWO)
                .max(want.abs().multiply(new BigDecimal("1e-12")));
        if (decimal && got.scale() < want.scale()) {
            tolerance = tolerance.add(BigDecimal.ONE.movePointLeft(got.scale()).divide(BigDecimal.TWO));
        }
        return want.subtract(got).abs().compareTo(tolerance) <= 0;
    }

    /**
     * Null when two engines' answers agree, else the first difference: text and dates exactly, numbers within half
     * a unit of the coarser of the two last digits (one engine may keep more decimals), or a relative 1e-9.
     */
    public static String compareAnswers(List<List<String>> expected, List<List<String>> actual)
    {
        for (int i = 0; i < Math.min(expected.size(), actual.size()); i++) {
            List<String> want = expected.get(i);
            List<String> got = actual.get(i);
            if (want.size() != got.size()) {
                return "row " + (i + 1) + " has " + got.size() + " columns, expected " + want.size();
            }
            for (int column = 0; column < want.size(); column++) {
                if (!sameValue(want.get(column), got.get(column))) {
                    return "row " + (i + 1) + " column " + (column + 1) + ": <" + want.get(column) + "> vs <" + got.get(column) + ">\n  row " + want + "\n  vs  " + got;
                }
            }
        }
        return sizeDifference(expected, actual);
    }

    static boolean sameValue(String a, String b)
    {
        if (a == null || b == null) {
            return a == b;
        }
        if (a.equals(b)) {
            return true;
        }
        BigDecimal x = number(a);
        BigDecimal y = number(b);
        if (x == null || y == null) {
            return false;
        }
        BigDecimal tolerance = BigDecimal.ONE.movePointLeft(Math.min(x.scale(), y.scale())).divide(BigDecimal.TWO)
                .max(x.abs().max(y.abs()).multiply(new BigDecimal("1e-9")));
        return x.subtract(y).abs().compareTo(tolerance) <= 0;
    }

    private static String sizeDifference(List<List<String>> expected, List<List<String>> actual)
    {
        if (expected.size() != actual.size()) {
            return actual.size() + " rows, expected " + expected.size()
                    + (actual.size() > expected.size() ? "; first extra row " + actual.get(expected.size()) : "; first missing row " + expected.get(actual.size()));
        }
        return null;
    }

    private static BigDecimal number(String value)
    {
        if (!value.matches("-?\\d+(\\.\\d+)?([eE][-+]?\\d+)?")) {
            return null;
        }
        return new BigDecimal(value);
    }

    private static String resource(String name)
    {
        try (InputStream in = requireNonNull(TpchTable.class.getResourceAsStream(QUERIES + name), name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
