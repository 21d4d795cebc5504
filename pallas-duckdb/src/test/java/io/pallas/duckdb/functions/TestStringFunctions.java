package io.pallas.duckdb.functions;

import io.pallas.core.ErrorCode;
import io.pallas.core.PallasException;
import io.pallas.core.type.Column;
import io.pallas.duckdb.EngineExtension;
import io.pallas.duckdb.TestingEngine;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Trino's string, regex, math, JSON, binary and URL functions: one expression each, with Trino's value and type. */
class TestStringFunctions
{

    @RegisterExtension
    static final EngineExtension ENGINE = new EngineExtension();

    /** A Trino expression, its value (byte arrays as upper-case hex) and its Trino type. */
    record Case(String expression, Object value, String type)
    {
        @Override
        public String toString()
        {
            return expression;
        }
    }

    private static Case c(String expression, Object value, String type)
    {
        return new Case(expression, value, type);
    }

    static Stream<Case> cases()
    {
        return Stream.of(
                // length, lower, upper
                c("length('ÿabc')", 4L, "bigint"),
                c("length('')", 0L, "bigint"),
                c("length('\uD83D\uDE00e\u0301')", 3L, "bigint"),
                c("length(CAST(NULL AS varchar))", null, "bigint"),
                c("length(X'0102')", 2L, "bigint"),
                c("length(CAST('abc' AS char(5)))", 5L, "bigint"),
                c("lower('ÀBC')", "àbc", "varchar(3)"),
                c("upper('àbc')", "ÀBC", "varchar(3)"),
                // ß has no one-letter capital in Java's (Trino's) mapping; the capital ẞ stays as it is
                c("upper('straße')", "STRAßE", "varchar(6)"),
                c("upper('ßaẞ')", "ßAẞ", "varchar(3)"),
                c("upper(CAST(NULL AS varchar))", null, "varchar"),
                // trim
                c("ltrim('  a ')", "a ", "varchar(4)"),
                c("ltrim(CAST(chr(9) || chr(12288) || 'a' || chr(10) AS varchar))", "a" + (char) 10, "varchar"),
                c("rtrim('  a ')", "  a", "varchar(4)"),
                c("rtrim('xxaxx', 'x')", "xxa", "varchar(5)"),
                c("ltrim('xyaxy', 'xy')", "axy", "varchar(5)"),
                c("rtrim(CAST(NULL AS varchar))", null, "varchar"),
                // lpad, rpad
                c("lpad('abc', 6, 'xy')", "xyxabc", "varchar"),
                c("rpad('abc', 6, 'xy')", "abcxyx", "varchar"),
                c("lpad('abc', 2, 'x')", "ab", "varchar"),
                c("rpad('abc', 2, 'x')", "ab", "varchar"),
                c("lpad('abc', 0, 'x')", "", "varchar"),
                c("lpad(CAST(NULL AS varchar), 3, 'x')", null, "varchar"),
                // substr
                c("substr('abcdef', 2)", "bcdef", "varchar(6)"),
                c("substr('abcdef', -2)", "ef", "varchar(6)"),
                c("substr('abcdef', 0)", "", "varchar(6)"),
                c("substr('abc', -5)", "", "varchar(3)"),
                c("substr('abc', 5)", "", "varchar(3)"),
                c("substring('abcdef', 2, 3)", "bcd", "varchar(6)"),
                c("substr('abcdef', -3, 2)", "de", "varchar(6)"),
                c("substr('abc', -5, 4)", "", "varchar(3)"),
                c("substr('abc', 2, -1)", "", "varchar(3)"),
                c("substr('\uD83D\uDE00abc', 2, 2)", "ab", "varchar(4)"),
                c("substr(CAST(NULL AS varchar), 0)", null, "varchar"),
                // strpos, position
                c("strpos('abcabc', 'c')", 3L, "bigint"),
                c("strpos('abc', 'x')", 0L, "bigint"),
                c("strpos('abc', '')", 1L, "bigint"),
                c("strpos('\uD83D\uDE00abc', 'b')", 3L, "bigint"),
                c("position('b' IN 'abc')", 2L, "bigint"),
                c("strpos('aaa', 'aa', 2)", 2L, "bigint"),
                c("strpos('abcabc', 'c', -1)", 6L, "bigint"),
                c("strpos('abcabc', 'c', 3)", 0L, "bigint"),
                c("strpos(CAST(NULL AS varchar), 'c', 1)", null, "bigint"),
                // replace
                c("replace('abcabc', 'b')", "acac", "varchar(6)"),
                c("replace('abcabc', 'b', 'xy')", "axycaxyc", "varchar(20)"),
                c("replace('abc', '', 'x')", "xaxbxcx", "varchar(7)"),
                c("replace('', '', 'x')", "x", "varchar(1)"),
                c("replace(CAST(NULL AS varchar), 'a', 'b')", null, "varchar"),
                // reverse
                c("reverse('abc')", "cba", "varchar(3)"),
                c("reverse('')", "", "varchar(0)"),
                c("reverse('ae\u0301')", "\u0301ea", "varchar(3)"),
                c("reverse(CAST(NULL AS varchar))", null, "varchar"),
                // split, split_part
                c("split('a,b,,c', ',')", List.of("a", "b", "", "c"), "array(varchar(6))"),
                c("split('', ',')", List.of(""), "array(varchar(0))"),
                c("split('a,b,c', ',', 2)", List.of("a", "b,c"), "array(varchar(5))"),
                c("split('a,b', ',', 5)", List.of("a", "b"), "array(varchar(3))"),
                c("split_part('a,b,c', ',', 2)", "b", "varchar(5)"),
                c("split_part('a,b', ',', 5)", null, "varchar(3)"),
                c("split_part('', ',', 1)", "", "varchar(0)"),
                c("split_part('abc', '', 2)", "b", "varchar(3)"),
                c("split_part(CAST(NULL AS varchar), ',', 1)", null, "varchar"),
                // concat_ws
                c("concat_ws(',', 'a', NULL, 'b')", "a,b", "varchar"),
                c("concat_ws(NULL, 'a')", null, "varchar"),
                c("concat_ws('-', ARRAY['a', 'b'])", "a-b", "varchar"),
                c("concat_ws(',', CAST(NULL AS varchar))", "", "varchar"),
                // chr, codepoint
                c("chr(65)", "A", "varchar(1)"),
                c("chr(128512)", "\uD83D\uDE00", "varchar(1)"),
                c("chr(NULL)", null, "varchar(1)"),
                c("codepoint('ÿ')", 255, "integer"),
                c("codepoint('A')", 65, "integer"),
                c("codepoint(CAST(NULL AS varchar(1)))", null, "integer"),
                // starts_with, distances, translate, normalize
                c("starts_with('abc', 'ab')", true, "boolean"),
                c("starts_with('abc', 'b')", false, "boolean"),
                c("starts_with('abc', NULL)", null, "boolean"),
                c("levenshtein_distance('kitten', 'sitting')", 3L, "bigint"),
                c("levenshtein_distance('', 'ab')", 2L, "bigint"),
                c("levenshtein_distance('abc', NULL)", null, "bigint"),
                c("hamming_distance('abc', 'abd')", 1L, "bigint"),
                c("hamming_distance('', '')", 0L, "bigint"),
                c("hamming_distance('\uD83D\uDE00b', 'ab')", 1L, "bigint"),
                c("hamming_distance('abc', NULL)", null, "bigint"),
                c("translate('abcd', 'ab', 'x')", "xcd", "varchar"),
                c("translate('abc', 'aa', 'xy')", "xbc", "varchar"),
                c("translate('', 'a', 'b')", "", "varchar"),
                c("normalize('e\u0301')", "é", "varchar"),
                c("normalize('é', NFC)", "é", "varchar"),
                c("normalize(CAST(NULL AS varchar))", null, "varchar"),
                // to_utf8, from_utf8
                c("to_utf8('abc')", "616263", "varbinary"),
                c("to_utf8('é')", "C3A9", "varbinary"),
                c("from_utf8(X'C3A9')", "é", "varchar"),
                c("from_utf8(to_utf8(''))", "", "varchar"),
                // format
                // regular expressions
                c("regexp_like('abc', 'b')", true, "boolean"),
                c("regexp_like('abc', '^b')", false, "boolean"),
                c("regexp_like('a\u000Bb', 'a\\sb')", true, "boolean"),
                c("regexp_like('ABC', '(?i)abc')", true, "boolean"),
                c("regexp_like(CAST(NULL AS varchar), 'a')", null, "boolean"),
                c("regexp_extract('abc', 'x')", null, "varchar(3)"),
                c("regexp_extract('a1b22', '\\d+')", "1", "varchar(5)"),
                c("regexp_extract('abc', '(a)(b)', 2)", "b", "varchar(3)"),
                c("regexp_extract('abc', 'x*')", "", "varchar(3)"),
                c("regexp_extract('ab', '(?<first>a)b', 1)", "a", "varchar(2)"),
                c("regexp_extract_all('a1b22c', '\\d+')", List.of("1", "22"), "array(varchar(6))"),
                c("regexp_extract_all('a1b2', '([a-z])(\\d)', 2)", List.of("1", "2"), "array(varchar(4))"),
                c("regexp_extract_all('abc', 'x')", List.of(), "array(varchar(3))"),
                c("regexp_replace('aaa', 'a', 'b')", "bbb", "varchar(7)"),
                c("regexp_replace('abc', '(a)(b)', '$2$1')", "bac", "varchar(27)"),
                c("regexp_replace('abc', '(?<x>a)', '${x}${x}')", "aabc", "varchar(51)"),
                c("regexp_replace('a.b', '\\.', '\\$')", "a$b", "varchar(15)"),
                c("regexp_replace('abc', 'x*', '-')", "-a-b-c-", "varchar(7)"),
                c("regexp_replace('a1b2', '\\d')", "ab", "varchar(4)"),
                c("regexp_replace(CAST(NULL AS varchar), 'a', 'b')", null, "varchar"),
                c("regexp_split('a1b2c', '\\d')", List.of("a", "b", "c"), "array(varchar(5))"),
                c("regexp_split('a1b2', '\\d')", List.of("a", "b", ""), "array(varchar(4))"),
                c("regexp_split('', 'x')", List.of(""), "array(varchar(0))"),
                c("regexp_count('a1b22c333', '\\d+')", 3L, "bigint"),
                c("regexp_count('abc', 'x')", 0L, "bigint"),
                c("regexp_count(CAST(NULL AS varchar), 'x')", null, "bigint"),
                // an integer in Trino 476 (conformance regex-011)
                c("regexp_position('abcbc', 'c')", 3, "integer"),
                c("regexp_position('abc', 'x')", -1, "integer"),
                c("regexp_position('\uD83D\uDE00ab', 'b')", 3, "integer"),
                // from a start position, the n-th occurrence (Trino 476: conformance regex-011)
                c("regexp_position('abcabc', 'b', 3)", 5, "integer"),
                c("regexp_position('abcabc', 'b', 2)", 2, "integer"),
                c("regexp_position('abcabc', 'b', 1, 2)", 5, "integer"),
                c("regexp_position('abcabc', 'b', 1, 3)", -1, "integer"),
                c("regexp_position('abcabc', 'b', 7)", -1, "integer"),
                c("regexp_position('aaaa', 'aa', 1, 2)", 3, "integer"),
                c("regexp_position('\uD83D\uDE00b\uD83D\uDE00b', 'b', 3)", 4, "integer"),
                c("regexp_position('xabxab', '[ab]+', 2, 2)", 5, "integer"),
                c("regexp_position(NULL, 'b', 1, 2)", null, "integer"),
                // math
                c("abs(-5)", 5, "integer"),
                c("abs(-1.5)", new BigDecimal("1.5"), "decimal(2,1)"),
                c("abs(CAST(NULL AS double))", null, "double"),
                c("ceil(1.2)", new BigDecimal("2"), "decimal(2,0)"),
                c("ceiling(-1.5e0)", -1.0, "double"),
                c("floor(-1.5)", new BigDecimal("-2"), "decimal(2,0)"),
                c("floor(7)", 7, "integer"),
                c("round(2.5)", new BigDecimal("3"), "decimal(2,0)"),
                c("round(-2.5)", new BigDecimal("-3"), "decimal(2,0)"),
                c("round(2.5e0)", 3.0, "double"),
                c("round(-2.5e0)", -3.0, "double"),
                c("round(2.45, 1)", new BigDecimal("2.50"), "decimal(4,2)"),
                c("round(1250, -2)", 1300, "integer"),
                c("round(CAST(NULL AS integer))", null, "integer"),
                c("truncate(2.7e0)", 2.0, "double"),
                c("truncate(-2.7)", new BigDecimal("-2"), "decimal(1,0)"),
                c("truncate(2.789, 2)", new BigDecimal("2.780"), "decimal(4,3)"),
                c("mod(7, 3)", 1, "integer"),
                c("mod(-7, 3)", -1, "integer"),
                c("mod(7.5e0, 2)", 1.5, "double"),
                c("mod(NULL, 3)", null, "integer"),
                c("power(2, 10)", 1024.0, "double"),
                c("pow(4, 0.5)", 2.0, "double"),
                c("power(0, -1)", Double.POSITIVE_INFINITY, "double"),
                c("sqrt(16)", 4.0, "double"),
                c("sqrt(-1)", Double.NaN, "double"),
                c("cbrt(-8)", -2.0, "double"),
                c("exp(0)", 1.0, "double"),
                c("ln(1)", 0.0, "double"),
                c("ln(0)", Double.NEGATIVE_INFINITY, "double"),
                c("log2(8)", 3.0, "double"),
                c("log10(1000)", 3.0, "double"),
                c("log(2, 8)", 3.0, "double"),
                c("sign(-5)", -1, "integer"),
                c("sign(0.0e0)", 0.0, "double"),
                c("sign(2.5)", new BigDecimal("1"), "decimal(1,0)"),
                c("sign(nan())", Double.NaN, "double"),
                c("pi()", Math.PI, "double"),
                c("e()", Math.E, "double"),
                c("rand() < 1", true, "boolean"),
                c("random(1)", 0, "integer"),
                c("rand(5, 6)", 5, "integer"),
                c("greatest(1, NULL, 3)", null, "integer"),
                c("greatest(1, 5, 3)", 5, "integer"),
                c("least(2, 1, CAST(3 AS bigint))", 1L, "bigint"),
                c("least('b', 'ab')", "ab", "varchar(2)"),
                c("greatest(1.5e0, 2)", 2.0, "double"),
                c("width_bucket(5.3, 0.2, 10.6, 5)", 3L, "bigint"),
                c("width_bucket(-1, 0, 10, 5)", 0L, "bigint"),
                c("width_bucket(10, 0, 10, 5)", 6L, "bigint"),
                c("width_bucket(3, 10, 0, 5)", 4L, "bigint"),
                c("infinity()", Double.POSITIVE_INFINITY, "double"),
                c("nan()", Double.NaN, "double"),
                c("is_nan(nan())", true, "boolean"),
                c("is_nan(1)", false, "boolean"),
                c("is_finite(infinity())", false, "boolean"),
                c("is_infinite(-infinity())", true, "boolean"),
                c("is_infinite(CAST(NULL AS double))", null, "boolean"),
                c("degrees(pi())", 180.0, "double"),
                c("radians(180)", Math.PI, "double"),
                c("sin(0)", 0.0, "double"),
                c("cos(0)", 1.0, "double"),
                c("tan(0)", 0.0, "double"),
                c("asin(2)", Double.NaN, "double"),
                c("acos(1)", 0.0, "double"),
                c("atan(0)", 0.0, "double"),
                c("atan2(1, 1)", Math.PI / 4, "double"),
                c("sinh(0)", 0.0, "double"),
                c("cosh(0)", 1.0, "double"),
                c("tanh(0)", 0.0, "double"),
                // conditional helpers
                c("typeof(1)", "integer", "varchar"),
                c("typeof('ab')", "varchar(2)", "varchar"),
                c("typeof(1.5)", "decimal(2,1)", "varchar"),
                c("typeof(NULL)", "unknown", "varchar"),
                c("typeof(ARRAY[1e0])", "array(double)", "varchar"),
                // bitwise
                c("bitwise_and(12, 10)", 8L, "bigint"),
                c("bitwise_or(12, 10)", 14L, "bigint"),
                c("bitwise_xor(12, 10)", 6L, "bigint"),
                c("bitwise_not(5)", -6L, "bigint"),
                c("bitwise_and(NULL, 1)", null, "bigint"),
                c("bitwise_left_shift(1, 2)", 4, "integer"),
                c("bitwise_left_shift(1, 31)", Integer.MIN_VALUE, "integer"),
                c("bitwise_left_shift(CAST(1 AS bigint), 64)", 0L, "bigint"),
                c("bitwise_right_shift(-8, 1)", 2147483644, "integer"),
                c("bitwise_right_shift(CAST(8 AS bigint), 2)", 2L, "bigint"),
                c("bitwise_right_shift_arithmetic(-8, 1)", -4, "integer"),
                // small integers shift within their own width (Trino 476: conformance bitwise-009)
                c("bitwise_left_shift(CAST(1 AS tinyint), 7)", (byte) -128, "tinyint"),
                c("bitwise_left_shift(CAST(3 AS tinyint), 7)", (byte) -128, "tinyint"),
                c("bitwise_left_shift(CAST(1 AS smallint), 15)", (short) -32768, "smallint"),
                c("bitwise_left_shift(CAST(1 AS tinyint), 8)", (byte) 0, "tinyint"),
                c("bitwise_right_shift(CAST(-128 AS tinyint), 1)", (byte) 64, "tinyint"),
                c("bitwise_right_shift(CAST(-1 AS smallint), 8)", (short) 255, "smallint"),
                c("bitwise_right_shift_arithmetic(CAST(-128 AS tinyint), 1)", (byte) -64, "tinyint"),
                c("bitwise_right_shift_arithmetic(CAST(-128 AS tinyint), 9)", (byte) -1, "tinyint"),
                c("bit_count(9, 64)", 2L, "bigint"),
                c("bit_count(-1, 8)", 8L, "bigint"),
                c("bit_count(NULL, 8)", null, "bigint"),
                // JSON
                c("json_extract_scalar('{\"a\":{\"b\":1}}', '$.a')", null, "varchar(13)"),
                c("json_extract_scalar('{\"a\":{\"b\":1}}', '$.a.b')", "1", "varchar(13)"),
                c("json_extract_scalar('[\"x\",true]', '$[1]')", "true", "varchar(10)"),
                c("json_extract_scalar('{\"a b\":\"v\"}', '$[\"a b\"]')", "v", "varchar(11)"),
                c("json_extract_scalar('{\"a\":null}', '$.a')", null, "varchar(10)"),
                c("json_extract_scalar('{\"a\":1}', '$.x')", null, "varchar(7)"),
                c("json_extract('{\"a\":{\"b\":[1,2]}}', '$.a.b')", "[1,2]", "json"),
                c("json_extract('{\"a\":1}', '$.b')", null, "json"),
                c("json_extract('[10,20]', '$[1]')", "20", "json"),
                c("json_format(json_parse('{\"a\": [1, 2]}'))", "{\"a\":[1,2]}", "varchar"),
                c("json_parse('[1, \"x\"]')", "[1,\"x\"]", "json"),
                c("json_parse(NULL)", null, "json"),
                c("json_array_get('[1,2,3]', 0)", "1", "json"),
                c("json_array_get('[1,2,3]', -1)", "3", "json"),
                c("json_array_get('[1,2,3]', 5)", null, "json"),
                c("json_array_length('[1,2,3]')", 3L, "bigint"),
                c("json_array_length('[]')", 0L, "bigint"),
                c("json_array_length('{\"a\":1}')", null, "bigint"),
                c("json_array_contains('[1,2,3]', 2)", true, "boolean"),
                c("json_array_contains('[\"a\",\"b\"]', 'c')", false, "boolean"),
                c("json_array_contains('{\"a\":1}', 1)", null, "boolean"),
                c("json_size('{\"x\":{\"a\":1,\"b\":2}}', '$.x')", 2L, "bigint"),
                c("json_size('{\"x\":[1,2,3]}', '$.x')", 3L, "bigint"),
                c("json_size('{\"x\":1}', '$.x')", 0L, "bigint"),
                c("json_size('{\"x\":1}', '$.y')", null, "bigint"),
                c("is_json_scalar('1')", true, "boolean"),
                c("is_json_scalar('[1]')", false, "boolean"),
                c("is_json_scalar(NULL)", null, "boolean"),
                // binary and hashing
                c("to_hex(md5(to_utf8('abc')))", "900150983CD24FB0D6963F7D28E17F72", "varchar"),
                c("md5(to_utf8(''))", "D41D8CD98F00B204E9800998ECF8427E", "varbinary"),
                c("sha1(to_utf8('abc'))", "A9993E364706816ABA3E25717850C26C9CD0D89D", "varbinary"),
                c("sha256(to_utf8('abc'))", "BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD", "varbinary"),
                c("md5(NULL)", null, "varbinary"),
                // crc32 (Trino 476: conformance binary-022)
                c("crc32(to_utf8('abc'))", 891568578L, "bigint"),
                c("crc32(X'')", 0L, "bigint"),
                c("crc32(to_utf8('The quick brown fox jumps over the lazy dog'))", 1095738169L, "bigint"),
                c("crc32(NULL)", null, "bigint"),
                // HMAC (RFC 2202 / RFC 4231 test vectors; Trino 476: conformance binary-017)
                c("hmac_sha256(to_utf8('data'), to_utf8('key'))", "5031FE3D989C6D1537A013FA6E739DA23463FDAEC3B70137D828E36ACE221BD0", "varbinary"),
                c("hmac_md5(to_utf8('data'), to_utf8('key'))", "9D5C73EF85594D34EC4438B7C97E51D8", "varbinary"),
                c("hmac_md5(to_utf8('what do ya want for nothing?'), to_utf8('Jefe'))", "750C783E6AB0B503EAA86E310A5DB738", "varbinary"),
                c("hmac_sha1(to_utf8('what do ya want for nothing?'), to_utf8('Jefe'))", "EFFCDF6AE5EB2FA2D27416D5F184DF9C259A7C79", "varbinary"),
                c("hmac_sha256(to_utf8('Test Using Larger Than Block-Size Key - Hash Key First'), from_hex('" + "AA".repeat(131) + "'))",
                        "60E431591EE0B67F0D8A26AACBF5B77F8E0BC6213728C5140546040F0EE37F54", "varbinary"),
                c("hmac_sha256(to_utf8(''), to_utf8(''))", "B613679A0814D9EC772F95D778C35FC5FF1697C493715653C6C712144292C5AD", "varbinary"),
                c("hmac_sha256(NULL, to_utf8('key'))", null, "varbinary"),
                // from_base and to_base: Long.parseLong and Long.toString (Trino 476: conformance math-020)
                c("from_base('ff', 16)", 255L, "bigint"),
                c("from_base('777', 8)", 511L, "bigint"),
                c("from_base('-Zz', 36)", -1295L, "bigint"),
                c("from_base('+0000000000000000000000000000000000000000000000000000000000000000000000001', 2)", 1L, "bigint"),
                c("from_base('7fffffffffffffff', 16)", Long.MAX_VALUE, "bigint"),
                c("from_base('-8000000000000000', 16)", Long.MIN_VALUE, "bigint"),
                c("from_base(NULL, 16)", null, "bigint"),
                c("to_base(255, 2)", "11111111", "varchar(64)"),
                c("to_base(255, 16)", "ff", "varchar(64)"),
                c("to_base(0, 7)", "0", "varchar(64)"),
                c("to_base(-1295, 36)", "-zz", "varchar(64)"),
                c("to_base(-9223372036854775807 - 1, 2)", "-1" + "0".repeat(63), "varchar(64)"),
                c("to_base(NULL, 2)", null, "varchar(64)"),
                // luhn_check (Trino 476: conformance strings-028)
                c("luhn_check('79927398713')", true, "boolean"),
                c("luhn_check('79927398710')", false, "boolean"),
                c("luhn_check('4242424242424242')", true, "boolean"),
                c("luhn_check('0')", true, "boolean"),
                c("luhn_check(NULL)", null, "boolean"),
                // IEEE 754 bits, as Java's doubleToLongBits / floatToIntBits (Trino 476: conformance binary-019)
                c("to_ieee754_64(1.5E0)", "3FF8000000000000", "varbinary"),
                c("to_ieee754_64(-0.0E0)", "8000000000000000", "varbinary"),
                c("to_ieee754_64(0.1E0)", "3FB999999999999A", "varbinary"),
                c("to_ieee754_64(3.0E0)", "4008000000000000", "varbinary"),
                c("to_ieee754_64(4.9E-324)", "0000000000000001", "varbinary"),
                c("to_ieee754_64(2.225073858507201E-308)", "000FFFFFFFFFFFFF", "varbinary"),
                c("to_ieee754_64(2.2250738585072014E-308)", "0010000000000000", "varbinary"),
                c("to_ieee754_64(1.7976931348623157E308)", "7FEFFFFFFFFFFFFF", "varbinary"),
                c("to_ieee754_64(-1.23456E-298)", "8214AB5DDDB7065B", "varbinary"),
                c("to_ieee754_64(nan())", "7FF8000000000000", "varbinary"),
                c("to_ieee754_64(-infinity())", "FFF0000000000000", "varbinary"),
                c("to_ieee754_64(CAST(NULL AS double))", null, "varbinary"),
                c("to_ieee754_32(REAL '1.5')", "3FC00000", "varbinary"),
                c("to_ieee754_32(REAL '-2.5')", "C0200000", "varbinary"),
                c("to_ieee754_32(REAL '0.1')", "3DCCCCCD", "varbinary"),
                c("to_ieee754_32(REAL '1.4E-45')", "00000001", "varbinary"),
                c("to_ieee754_32(REAL '1.1754942E-38')", "007FFFFF", "varbinary"),
                c("to_ieee754_32(REAL '3.4028235E38')", "7F7FFFFF", "varbinary"),
                c("to_ieee754_32(CAST(nan() AS real))", "7FC00000", "varbinary"),
                c("from_ieee754_64(X'3FF8000000000000')", 1.5, "double"),
                c("from_ieee754_64(X'3FB999999999999A')", 0.1, "double"),
                c("from_ieee754_64(X'0000000000000001')", Double.MIN_VALUE, "double"),
                c("from_ieee754_64(X'000FFFFFFFFFFFFF')", 2.225073858507201E-308, "double"),
                c("from_ieee754_64(X'7FEFFFFFFFFFFFFF')", Double.MAX_VALUE, "double"),
                c("from_ieee754_64(X'8214AB5DDDB7065B')", -1.23456E-298, "double"),
                c("from_ieee754_64(X'8000000000000000')", -0.0, "double"),
                c("from_ieee754_64(X'FFF0000000000000')", Double.NEGATIVE_INFINITY, "double"),
                c("from_ieee754_64(X'7FF8000000000001')", Double.NaN, "double"),
                c("from_ieee754_32(X'3DCCCCCD')", 0.1f, "real"),
                c("from_ieee754_32(X'00000001')", Float.MIN_VALUE, "real"),
                c("from_ieee754_32(X'FF7FFFFF')", -Float.MAX_VALUE, "real"),
                // big-endian integers (Trino 476: conformance binary-015)
                c("to_big_endian_64(1)", "0000000000000001", "varbinary"),
                c("to_big_endian_64(-2)", "FFFFFFFFFFFFFFFE", "varbinary"),
                c("to_big_endian_32(258)", "00000102", "varbinary"),
                c("to_big_endian_32(-1)", "FFFFFFFF", "varbinary"),
                c("to_big_endian_32(-2)", "FFFFFFFE", "varbinary"),
                c("to_big_endian_32(CAST(-2147483648 AS integer))", "80000000", "varbinary"),
                c("from_big_endian_64(X'0000000000000102')", 258L, "bigint"),
                c("from_big_endian_64(X'FFFFFFFFFFFFFFFE')", -2L, "bigint"),
                c("from_big_endian_64(X'8000000000000000')", Long.MIN_VALUE, "bigint"),
                c("from_big_endian_32(X'FFFFFFFF')", -1, "integer"),
                c("from_big_endian_32(X'7FFFFFFF')", Integer.MAX_VALUE, "integer"),
                c("from_big_endian_32(NULL)", null, "integer"),
                // substr, lpad, rpad and reverse of varbinary count bytes (Trino 476: conformance binary-013, binary-014)
                c("substr(X'01020304', 2, 2)", "0203", "varbinary"),
                c("substr(X'01020304', -3)", "020304", "varbinary"),
                c("substr(X'01020304', -2, 5)", "0304", "varbinary"),
                c("substr(X'01020304', 0, 2)", "", "varbinary"),
                c("substr(X'01020304', 5)", "", "varbinary"),
                c("substr(X'01020304', -5)", "", "varbinary"),
                c("reverse(X'0102')", "0201", "varbinary"),
                c("reverse(X'')", "", "varbinary"),
                c("lpad(X'01', 3, X'00')", "000001", "varbinary"),
                c("rpad(X'01', 2, X'FF')", "01FF", "varbinary"),
                c("lpad(X'010203', 2, X'00')", "0102", "varbinary"),
                c("rpad(X'01', 4, X'AABB')", "01AABBAA", "varbinary"),
                c("to_hex(X'00ff')", "00FF", "varchar"),
                c("to_hex(X'')", "", "varchar"),
                c("from_hex('00ff')", "00FF", "varbinary"),
                c("from_hex('')", "", "varbinary"),
                c("to_base64(to_utf8('ab?'))", "YWI/", "varchar"),
                c("to_base64(X'')", "", "varchar"),
                c("from_base64('YWI/')", "61623F", "varbinary"),
                c("to_base64url(to_utf8('ab?'))", "YWI_", "varchar"),
                c("from_base64url('YWI_')", "61623F", "varbinary"),
                c("from_base64url(NULL)", null, "varbinary"),
                // URLs
                c("url_extract_host('http://user@example.com:8080/a/b?x=1&y=%20z#frag')", "example.com", "varchar(48)"),
                c("url_extract_port('http://example.com:8080/a')", 8080L, "bigint"),
                c("url_extract_port('http://example.com/a')", null, "bigint"),
                c("url_extract_protocol('https://example.com/')", "https", "varchar(20)"),
                c("url_extract_path('http://example.com/a/b?x=1')", "/a/b", "varchar(26)"),
                c("url_extract_path('http://example.com')", "", "varchar(18)"),
                c("url_extract_query('http://example.com/a?x=1&y=2#f')", "x=1&y=2", "varchar(30)"),
                c("url_extract_query('http://example.com/a')", "", "varchar(20)"),
                c("url_extract_fragment('http://example.com/a#frag')", "frag", "varchar(25)"),
                c("url_extract_fragment('http://example.com/a')", "", "varchar(20)"),
                c("url_extract_parameter('http://example.com/?a=1&b=x%20y+z&c', 'b')", "x y z", "varchar(35)"),
                c("url_extract_parameter('http://example.com/?a=1&c', 'c')", "", "varchar(25)"),
                c("url_extract_parameter('http://example.com/?a=1', 'z')", null, "varchar(23)"),
                c("url_extract_host(NULL)", null, "varchar(0)"),
                c("url_encode('a b/c*~é')", "a+b%2Fc*%7E%C3%A9", "varchar(96)"),
                c("url_encode('')", "", "varchar(0)"),
                c("url_decode('a+b%2Fc%C3%A9')", "a b/cé", "varchar(13)"),
                c("url_decode(NULL)", null, "varchar(0)"),
                c("typeof(uuid())", "uuid", "varchar"),
                // casts whose answer depends on the source type (recorded from Trino 476: conformance casts, types)
                c("CAST(2.5E0 AS integer)", 3, "integer"),
                c("CAST(-2.5E0 AS bigint)", -3L, "bigint"),
                c("CAST(REAL '0.5' AS smallint)", (short) 1, "smallint"),
                c("CAST(-0.5 AS varchar)", "-0.5", "varchar"),
                c("CAST(0.50 AS varchar)", "0.50", "varchar"),
                c("CAST(12.5 AS varchar)", "12.5", "varchar"),
                c("CAST(TIMESTAMP '2024-05-07 01:02:03.400' AS varchar)", "2024-05-07 01:02:03.400", "varchar"),
                c("CAST(TIMESTAMP '2024-05-07 01:02:03' AS varchar)", "2024-05-07 01:02:03", "varchar"),
                c("CAST(TIMESTAMP '2024-05-07 01:02:03.123456' AS varchar)", "2024-05-07 01:02:03.123456", "varchar"),
                c("CAST(json_parse('\"abc\"') AS varchar)", "abc", "varchar"),
                c("CAST(json_parse('1.5') AS varchar)", "1.5", "varchar"),
                c("CAST(json_parse('null') AS varchar)", null, "varchar"),
                // Trino writes doubles and reals in scientific notation (checked on Trino 476)
                c("CAST(1.5E0 AS varchar)", "1.5E0", "varchar"),
                c("CAST(1E20 AS varchar)", "1.0E20", "varchar"),
                c("CAST(1E-7 AS varchar)", "1.0E-7", "varchar"),
                c("CAST(1234567.0E0 AS varchar)", "1.234567E6", "varchar"),
                c("CAST(1E0 / 3 AS varchar)", "3.333333333333333E-1", "varchar"),
                c("CAST(-2.5E-3 AS varchar)", "-2.5E-3", "varchar"),
                c("CAST(0E0 AS varchar)", "0E0", "varchar"),
                c("CAST(REAL '0.1' AS varchar)", "1.0E-1", "varchar"),
                c("CAST(REAL '1E10' AS varchar)", "1.0E10", "varchar"),
                c("CAST(nan() AS varchar)", "NaN", "varchar"),
                c("CAST(-infinity() AS varchar)", "-Infinity", "varchar"),
                c("CAST(CAST(NULL AS double) AS varchar)", null, "varchar"),
                c("CAST(' +42 ' AS integer)", 42, "integer"),
                c("try_cast('42.5' AS integer)", null, "integer"),
                c("try(CAST('x' AS bigint))", null, "bigint"),
                c("CAST('2024-05-07 13:05:09' AS timestamp)", java.time.LocalDateTime.of(2024, 5, 7, 13, 5, 9), "timestamp(3)"));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void expression(Case testCase)
    {
        List<Column> columns = new ArrayList<>();
        List<Object> values = new ArrayList<>();
        run("SELECT " + testCase.expression(), columns, values);
        assertThat(columns).hasSize(1);
        assertThat(reported(columns.getFirst().type().toString())).as("type").isEqualTo(reported(testCase.type()));
        Object value = values.getFirst();
        if (value instanceof byte[] bytes) {
            value = HexFormat.of().withUpperCase().formatHex(bytes);
        }
        if (testCase.value() instanceof Double expected && value instanceof Double actual) {
            assertThat(Double.compare(actual, expected) == 0 || Math.abs(actual - expected) < 1e-12).as(actual + " = " + expected).isTrue();
            return;
        }
        assertThat(value).isEqualTo(testCase.value());
    }

    static Stream<String> refused()
    {
        return Stream.of(
                "luhn_check('1234-5678')",
                "regexp_position('abab', '^a', 2)",
                "regexp_position('ab ab', '\\bab', 2)",
                "regexp_position('abab', 'x*', 1, 2)",
                "from_base('\u0663', 10)",
                "regexp_like('aa', '(a)\\1')",
                "regexp_like('ab', 'a(?=b)')",
                "regexp_like('ab', '(?<!x)b')",
                "regexp_like('ab', 'a++')",
                "regexp_like('ab', '[a[b]]')",
                "regexp_like('ab', '\\p{Alpha}')",
                "regexp_replace('ab', 'a', x -> 'b')",
                "round(2.5e0, 1)",
                "xxhash64(to_utf8('a'))",
                "word_stem('running')",
                "normalize('a', NFD)");
    }

    @ParameterizedTest
    @MethodSource("refused")
    void notSupported(String expression)
    {
        assertThatThrownBy(() -> run("SELECT " + expression, new ArrayList<>(), new ArrayList<>()))
                .isInstanceOfSatisfying(PallasException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.NOT_SUPPORTED));
    }

    static Stream<String> invalid()
    {
        return Stream.of(
                "split_part('a,b', ',', 0)",
                "lpad('a', -1, 'x')",
                "rpad('a', 3, '')",
                "strpos('abc', 'b', 0)",
                "split('abc', '')",
                "regexp_extract('abc', '(a)', 2)",
                "regexp_replace('abc', '(a)', '$2')",
                "chr(-1)",
                "bit_count(1, 65)",
                "ARRAY[1][2]",
                // raised while the query runs, from a column value
                "bit_count(x, 8) FROM (VALUES 256) AS t(x)",
                "from_hex(x) FROM (VALUES 'abc') AS t(x)",
                "from_big_endian_64(X'01')",
                "regexp_position('abc', 'b', 0)",
                "regexp_position('abc', 'b', 1, 0)",
                "from_ieee754_64(X'3FF80000')",
                "from_ieee754_32(X'3FF8000000000000')",
                "from_base('8000000000000000', 16)",
                "from_base('12', 2)",
                "from_base('', 10)",
                "from_base('1', 37)",
                "to_base(1, 1)",
                "from_big_endian_32(X'0000000001')",
                "lpad(X'01', 3, X'')",
                "rpad(X'01', -1, X'00')");
    }

    @ParameterizedTest
    @MethodSource("invalid")
    void invalidArgument(String expression)
    {
        assertThatThrownBy(() -> run("SELECT " + expression, new ArrayList<>(), new ArrayList<>()))
                .isInstanceOfSatisfying(PallasException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_FUNCTION_ARGUMENT));
    }

    static Stream<Arguments> refusedCasts()
    {
        return Stream.of(
                Arguments.of("CAST('42.5' AS integer)", ErrorCode.INVALID_CAST_ARGUMENT),
                Arguments.of("CAST(CAST(x AS varchar) AS bigint) FROM (VALUES '1e3') AS t(x)", ErrorCode.INVALID_CAST_ARGUMENT),
                Arguments.of("CAST('2024-05-07T13:05:09' AS timestamp)", ErrorCode.INVALID_CAST_ARGUMENT),
                Arguments.of("CAST(X'00' AS varchar)", ErrorCode.TYPE_MISMATCH),
                Arguments.of("CAST(json_parse('[1, 2]') AS varchar)", ErrorCode.INVALID_CAST_ARGUMENT));
    }

    /** to_big_endian_32 has only an integer overload in Trino: a bigint (or double) argument is not narrowed. */
    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"to_big_endian_32(4294967298)", "to_big_endian_64(1.5E0)"})
    void bigEndianOfAnotherType(String expression)
    {
        assertThatThrownBy(() -> run("SELECT " + expression, new ArrayList<>(), new ArrayList<>()))
                .isInstanceOfSatisfying(PallasException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.FUNCTION_NOT_FOUND));
    }

    /** Casts DuckDB would answer and Trino refuses (recorded from Trino 476: conformance casts-002, datetime-029, binary-020, casts-034). */
    @ParameterizedTest
    @MethodSource("refusedCasts")
    void castRefused(String expression, ErrorCode code)
    {
        assertThatThrownBy(() -> run("SELECT " + expression, new ArrayList<>(), new ArrayList<>()))
                .isInstanceOfSatisfying(PallasException.class, e -> assertThat(e.errorCode()).isEqualTo(code));
    }

    /** Bounded varchar results are reported as varchar until the printer can cast to them (see StringFunctions). */
    private static String reported(String type)
    {
        return StringFunctions.BOUNDED_VARCHAR_RESULTS ? type : type.replaceAll("varchar\\(\\d+\\)", "varchar");
    }

    private static void run(String sql, List<Column> columns, List<Object> values)
    {
        TestingEngine.QueryResult result = TestingEngine.run(ENGINE.engine(), sql);
        columns.addAll(result.columns());
        result.rows().forEach(values::addAll);
    }
}
