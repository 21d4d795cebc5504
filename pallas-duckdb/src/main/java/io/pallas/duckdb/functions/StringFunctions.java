package io.pallas.duckdb.functions;

import io.pallas.core.ErrorCode;
import io.pallas.core.PallasException;
import io.pallas.core.type.SqlType;
import io.pallas.core.type.SqlType.Kind;
import io.trino.sql.tree.ArithmeticBinaryExpression;
import io.trino.sql.tree.ArithmeticUnaryExpression;
import io.trino.sql.tree.CallArgument;
import io.trino.sql.tree.Expression;
import io.trino.sql.tree.FunctionCall;
import io.trino.sql.tree.LongLiteral;
import io.trino.sql.tree.NullLiteral;
import io.trino.sql.tree.StringLiteral;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import static java.util.stream.Collectors.joining;

/** Strings, regular expressions (Java semantics), math, conditional helpers, JSON, binary, hashing and URL functions. */
public final class StringFunctions
        implements FunctionLibrary
{
    /**
     * Whether results are reported as bounded {@code varchar(n)}, as Trino types them (checked against Trino 476 by
     * the conformance corpus); DuckDB ignores the length, the reported type carries it.
     */
    static final boolean BOUNDED_VARCHAR_RESULTS = true;

    private static final Set<String> NAMES = Set.of(
            // strings
            "length", "lower", "upper", "trim", "ltrim", "rtrim", "lpad", "rpad", "substr", "substring", "strpos", "position",
            "replace", "reverse", "split", "split_part", "concat_ws", "chr", "codepoint", "starts_with", "levenshtein_distance",
            "hamming_distance", "translate", "normalize", "to_utf8", "from_utf8", "format", "word_stem", "luhn_check",
            // regular expressions
            "regexp_like", "regexp_extract", "regexp_extract_all", "regexp_replace", "regexp_split", "regexp_count", "regexp_position",
            // math
            "abs", "ceil", "ceiling", "floor", "round", "truncate", "mod", "power", "pow", "sqrt", "cbrt", "exp", "ln", "log2", "log10",
            "log", "sign", "pi", "e", "rand", "random", "greatest", "least", "width_bucket", "infinity", "nan", "is_nan", "is_finite",
            "is_infinite", "from_base", "to_base", "degrees", "radians", "sin", "cos", "tan", "asin", "acos", "atan", "atan2", "sinh",
            "cosh", "tanh",
            // conditional helpers
            "try", "typeof", "fail",
            // bitwise
            "bitwise_and", "bitwise_or", "bitwise_xor", "bitwise_not", "bitwise_left_shift", "bitwise_right_shift",
            "bitwise_right_shift_arithmetic", "bit_count",
            // JSON
            "json_extract_scalar", "json_extract", "json_parse", "json_format", "json_array_get", "json_array_length",
            "json_array_contains", "json_size", "is_json_scalar",
            // binary and hashing
            "md5", "sha1", "sha256", "sha512", "xxhash64", "crc32", "to_hex", "from_hex", "to_base64", "from_base64", "to_base64url",
            "from_base64url", "to_big_endian_64", "from_big_endian_64", "to_big_endian_32", "from_big_endian_32", "to_ieee754_64", "from_ieee754_64",
            "to_ieee754_32", "from_ieee754_32", "hmac_md5",
            "hmac_sha1", "hmac_sha256", "hmac_sha512",
            // URLs
            "url_extract_host", "url_extract_path", "url_extract_query", "url_extract_parameter", "url_extract_protocol",
            "url_extract_port", "url_extract_fragment", "url_encode", "url_decode",
            "uuid");

    /** The characters Trino's one-argument trim functions remove: Java's whitespace. */
    private static final String WHITESPACE = IntStream.rangeClosed(0, 0x3000)
            .filter(Character::isWhitespace)
            .mapToObj(codePoint -> "chr(" + codePoint + ")")
            .collect(joining(" || ", "(", ")"));

    /**
     * A URL as java.net.URI parses it into a server-based hierarchical URI, restricted to the plain ASCII forms whose
     * parts are certain: scheme, user info, host name or IPv4 address, port, path, query and fragment.
     */
    private static final String URL_CHAR = "(?:[A-Za-z0-9\\-._~!$&'()*+,;=:@]|%[0-9A-Fa-f]{2})";
    private static final String URL_LABEL = "[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?";
    private static final String URL_PATTERN = "^(?:([A-Za-z][A-Za-z0-9+.-]*):)?"
            + "(?://(?:(?:[A-Za-z0-9\\-._~!$&'()*+,;=:]|%[0-9A-Fa-f]{2})*@)?"
            + "((?:" + URL_LABEL + "\\.)*[A-Za-z](?:[A-Za-z0-9-]*[A-Za-z0-9])?\\.?|[0-9]{1,3}\\.[0-9]{1,3}\\.[0-9]{1,3}\\.[0-9]{1,3})?"
            + "(?::([0-9]*))?)?"
            + "((?:/|" + URL_CHAR + ")*)"
            + "(?:\\?((?:[/?]|" + URL_CHAR + ")*))?"
            + "(?:#((?:[/?]|" + URL_CHAR + ")*))?$";

    /** CRC-32's table for the reflected polynomial 0xEDB88320, as a DuckDB list literal of BIGINTs. */
    private static final String CRC32_TABLE = IntStream.range(0, 256)
            .mapToObj(n -> {
                long c = n;
                for (int k = 0; k < 8; k++) {
                    c = (c & 1) != 0 ? 0xEDB88320L ^ (c >>> 1) : c >>> 1;
                }
                return Long.toString(c);
            })
            .collect(joining(", ", "CAST([", "] AS BIGINT[])"));

    private static final Pattern FORMAT_SPECIFIER = Pattern.compile("%(-?0?\\d*)([a-zA-Z%])");

    /** Names owned only to fail NOT_SUPPORTED whatever the arguments. */
    private static final Set<String> REFUSED = Set.of("word_stem", "sha512", "xxhash64");

    @Override
    public boolean translates(String name)
    {
        return NAMES.contains(name) && !REFUSED.contains(name);
    }

    @Override
    public Optional<String> translate(String name, FunctionCall call, FunctionContext context)
    {
        if (!NAMES.contains(name)) {
            return Optional.empty();
        }
        if (call.getWindow().isPresent() || call.getFilter().isPresent() || call.getOrderBy().isPresent() || call.isDistinct()
                || call.getProcessingMode().isPresent() || call.hasNamedArguments()) {
            throw notSupported("Call clauses in " + name);
        }
        return Optional.of(new Call(name, call, context).translate());
    }

    @Override
    public Optional<SqlType> resultType(String name, FunctionCall call, FunctionContext context)
    {
        if (!NAMES.contains(name)) {
            return Optional.empty();
        }
        return new Call(name, call, context).type().map(StringFunctions::reportable);
    }

    private static SqlType reportable(SqlType type)
    {
        if (BOUNDED_VARCHAR_RESULTS) {
            return type;
        }
        return switch (type.kind()) {
            case VARCHAR -> SqlType.VARCHAR;
            case ARRAY -> SqlType.array(reportable(type.elementType()));
            default -> type;
        };
    }

    /** One call being translated. */
    private static final class Call
    {
        private final String name;
        private final List<Expression> arguments;
        private final FunctionContext context;

        Call(String name, FunctionCall call, FunctionContext context)
        {
            this.name = name;
            this.arguments = call.getArguments().stream().map(CallArgument::getValue).toList();
            this.context = context;
        }

        // ------------------------------------------------------------ argument helpers

        private int size()
        {
            return arguments.size();
        }

        private String sql(int index)
        {
            return context.sql(arguments.get(index));
        }

        private Optional<SqlType> type(int index)
        {
            return context.typeOf(arguments.get(index));
        }

        private Optional<Kind> kind(int index)
        {
            return type(index).map(SqlType::kind);
        }

        private String asDouble(int index)
        {
            return "CAST(" + sql(index) + " AS DOUBLE)";
        }

        /** Trino's bitwise functions take bigints only: an integer widens, a decimal, double or text does not convert. */
        private void requireIntegers()
        {
            List<Optional<SqlType>> types = arguments.stream().map(context::typeOf).toList();
            boolean convertible = types.stream().allMatch(type -> type.isEmpty() || switch (type.get().kind()) {
                case TINYINT, SMALLINT, INTEGER, BIGINT, UNKNOWN -> true;
                default -> false;
            });
            if (!convertible) {
                String parameters = types.stream().map(type -> type.map(SqlType::toString).orElse("?")).collect(joining(", "));
                String expected = arguments.size() == 1 ? "bigint" : "bigint, bigint";
                throw new PallasException(ErrorCode.FUNCTION_NOT_FOUND,
                        "Unexpected parameters (" + parameters + ") for function " + name + ". Expected: " + name + "(" + expected + ")");
            }
        }

        private String asBigint(int index)
        {
            return "CAST(" + sql(index) + " AS BIGINT)";
        }

        private Optional<String> stringConstant(int index)
        {
            return arguments.get(index) instanceof StringLiteral literal ? Optional.of(literal.getValue()) : Optional.empty();
        }

        private Optional<Long> longConstant(int index)
        {
            return switch (arguments.get(index)) {
                case LongLiteral literal -> Optional.of(literal.getParsedValue());
                case ArithmeticUnaryExpression unary when unary.getValue() instanceof LongLiteral literal ->
                        Optional.of(unary.getSign() == ArithmeticUnaryExpression.Sign.MINUS ? -literal.getParsedValue() : literal.getParsedValue());
                default -> Optional.empty();
            };
        }

        private boolean isNull(int index)
        {
            return arguments.get(index) instanceof NullLiteral;
        }

        private void arity(int... counts)
        {
            for (int count : counts) {
                if (count == size()) {
                    return;
                }
            }
            throw new PallasException(ErrorCode.FUNCTION_NOT_FOUND, "Unexpected parameters for function " + name);
        }

        private String call(String function, int... indexes)
        {
            return function + IntStream.of(indexes).mapToObj(this::sql).collect(joining(", ", "(", ")"));
        }

        /** NULL when any of the arguments is NULL, else the body. */
        private String strict(String body, int... indexes)
        {
            String test = IntStream.of(indexes).mapToObj(index -> sql(index) + " IS NULL").collect(joining(" OR "));
            return "CASE WHEN " + test + " THEN NULL ELSE " + body + " END";
        }

        private boolean isVarbinary(int index)
        {
            return kind(index).filter(kind -> kind == Kind.VARBINARY).isPresent();
        }

        private boolean isVarchar(int index)
        {
            return kind(index).filter(kind -> kind == Kind.VARCHAR || kind == Kind.CHAR || kind == Kind.UNKNOWN).isPresent();
        }

        private Optional<SqlType> varcharOf(int index)
        {
            // a NULL argument is a varchar(0) to Trino
            return Optional.of(type(index)
                    .map(type -> type.kind() == Kind.UNKNOWN ? SqlType.varchar(0) : type)
                    .filter(type -> type.kind() == Kind.VARCHAR)
                    .orElse(SqlType.VARCHAR));
        }

        private SqlType numericType(int index)
        {
            return type(index).orElseThrow(() -> notSupported(name + " of an argument whose type is not known"));
        }

        /** Fails the query with Trino's error: INVALID_FUNCTION_ARGUMENT, or NOT_SUPPORTED for what Pallas cannot do yet. */
        private static String error(String message)
        {
            ErrorCode code = message.contains("not supported") ? ErrorCode.NOT_SUPPORTED : ErrorCode.INVALID_FUNCTION_ARGUMENT;
            return "error(" + quote("pallas-error:" + code.name() + ":" + message) + ")";
        }

        // ------------------------------------------------------------ types

        Optional<SqlType> type()
        {
            if (Set.of("reverse", "substr", "substring", "lpad", "rpad").contains(name) && size() > 0
                    && kind(0).filter(kind -> kind == Kind.VARBINARY || kind == Kind.ARRAY).isPresent()) {
                return type(0);
            }
            return switch (name) {
                case "length", "strpos", "position", "levenshtein_distance", "hamming_distance", "regexp_count",
                     "url_extract_port", "json_array_length", "json_size", "bitwise_and", "bitwise_or", "bitwise_xor", "bitwise_not",
                     "bit_count", "width_bucket", "from_base", "xxhash64", "crc32", "from_big_endian_64" -> Optional.of(SqlType.BIGINT);
                case "from_big_endian_32", "regexp_position" -> Optional.of(SqlType.INTEGER);
                case "from_ieee754_64" -> Optional.of(SqlType.DOUBLE);
                case "from_ieee754_32" -> Optional.of(SqlType.REAL);
                case "to_ieee754_64", "to_ieee754_32" -> Optional.of(SqlType.VARBINARY);
                case "to_big_endian_64", "to_big_endian_32", "hmac_md5", "hmac_sha1", "hmac_sha256", "hmac_sha512" -> Optional.of(SqlType.VARBINARY);
                case "lower", "upper", "trim", "ltrim", "rtrim", "reverse", "substr", "substring", "split_part",
                     "url_extract_host", "url_extract_path", "url_extract_query", "url_extract_parameter", "url_extract_protocol",
                     "url_extract_fragment", "url_decode", "regexp_extract" -> size() == 0 ? Optional.empty() : varcharOf(0);
                case "regexp_replace" -> {
                    if (size() == 3 && bounded(varcharOf(0).get()) && bounded(varcharOf(2).get())) {
                        // Trino's bound: x + max(x * y / 2, y) * (x + 1) for a varchar(x) and a replacement varchar(y)
                        long x = varcharOf(0).get().length();
                        long y = varcharOf(2).get().length();
                        yield Optional.of(SqlType.varchar((int) Math.min(Integer.MAX_VALUE, x + Math.max(x * y / 2, y) * (x + 1))));
                    }
                    yield size() == 2 ? varcharOf(0) : Optional.of(SqlType.VARCHAR);
                }
                case "replace" -> {
                    if (size() == 3 && type(0).isPresent() && type(2).isPresent() && bounded(type(0).get()) && bounded(type(2).get())) {
                        long x = type(0).get().length();
                        long z = type(2).get().length();
                        yield Optional.of(SqlType.varchar((int) Math.min(Integer.MAX_VALUE, x + z * (x + 1))));
                    }
                    yield size() == 2 ? varcharOf(0) : Optional.of(SqlType.VARCHAR);
                }
                case "split", "regexp_extract_all", "regexp_split" -> size() == 0 ? Optional.empty() : Optional.of(SqlType.array(varcharOf(0).get()));
                case "chr" -> Optional.of(SqlType.varchar(1));
                case "to_base" -> Optional.of(SqlType.varchar(64));
                case "url_encode" -> {
                    Optional<SqlType> input = size() == 1 ? type(0) : Optional.empty();
                    yield Optional.of(input.isPresent() && bounded(input.get())
                            ? SqlType.varchar((int) Math.min(Integer.MAX_VALUE, input.get().length() * 12L))
                            : SqlType.VARCHAR);
                }
                case "lpad", "rpad", "concat_ws", "translate", "normalize", "from_utf8", "format", "typeof", "to_hex", "to_base64",
                     "to_base64url", "json_format", "word_stem" -> Optional.of(SqlType.VARCHAR);
                // the text of a varchar(x) document is at most x long; of a json value unbounded
                case "json_extract_scalar" -> size() == 0 ? Optional.empty() : varcharOf(0);
                case "codepoint" -> Optional.of(SqlType.INTEGER);
                case "starts_with", "luhn_check", "regexp_like", "is_nan", "is_finite", "is_infinite", "json_array_contains", "is_json_scalar" ->
                        Optional.of(SqlType.BOOLEAN);
                case "to_utf8", "md5", "sha1", "sha256", "sha512", "from_hex", "from_base64", "from_base64url" -> Optional.of(SqlType.VARBINARY);
                case "json_extract", "json_parse", "json_array_get" -> Optional.of(SqlType.JSON);
                case "uuid" -> Optional.of(SqlType.UUID);
                case "power", "pow", "sqrt", "cbrt", "exp", "ln", "log2", "log10", "log", "pi", "e", "infinity", "nan", "degrees",
                     "radians", "sin", "cos", "tan", "asin", "acos", "atan", "atan2", "sinh", "cosh", "tanh" -> Optional.of(SqlType.DOUBLE);
                case "rand", "random" -> size() == 0 ? Optional.of(SqlType.DOUBLE) : type(size() - 1);
                case "abs" -> size() == 1 ? type(0) : Optional.empty();
                case "sign" -> size() == 1 ? type(0).map(type -> type.kind() == Kind.DECIMAL ? SqlType.decimal(1, 0) : type) : Optional.empty();
                case "ceil", "ceiling", "floor" -> size() == 1 ? type(0).map(StringFunctions::integral) : Optional.empty();
                case "round" -> size() == 1
                        ? type(0).map(StringFunctions::integral)
                        : size() == 2 ? type(0).map(type -> type.kind() == Kind.DECIMAL ? SqlType.decimal(Math.min(38, type.length() + 1), type.scale()) : type) : Optional.empty();
                case "truncate" -> size() == 1
                        ? type(0).map(type -> type.kind() == Kind.DECIMAL ? SqlType.decimal(Math.max(1, type.length() - type.scale()), 0) : type)
                        : size() == 2 ? type(0) : Optional.empty();
                case "mod" -> size() == 2 ? context.typeOf(new ArithmeticBinaryExpression(ArithmeticBinaryExpression.Operator.MODULO, arguments.get(0), arguments.get(1))) : Optional.empty();
                case "greatest", "least" -> commonType();
                case "bitwise_left_shift", "bitwise_right_shift", "bitwise_right_shift_arithmetic" -> size() == 2 ? type(0) : Optional.empty();
                case "try" -> size() == 1 ? type(0) : Optional.empty();
                default -> Optional.empty();
            };
        }

        private Optional<SqlType> commonType()
        {
            List<SqlType> types = new ArrayList<>();
            for (int i = 0; i < size(); i++) {
                Optional<SqlType> type = type(i);
                if (type.isEmpty()) {
                    return Optional.empty();
                }
                if (type.get().kind() != Kind.UNKNOWN) {
                    types.add(type.get());
                }
            }
            if (types.isEmpty()) {
                return Optional.empty();
            }
            if (types.stream().allMatch(type -> type.equals(types.getFirst()))) {
                return Optional.of(types.getFirst());
            }
            if (types.stream().allMatch(StringFunctions::bounded)) {
                return Optional.of(SqlType.varchar(types.stream().mapToInt(SqlType::length).max().orElseThrow()));
            }
            if (types.stream().allMatch(type -> type.kind() == Kind.VARCHAR)) {
                return Optional.of(SqlType.VARCHAR);
            }
            List<Kind> integers = List.of(Kind.TINYINT, Kind.SMALLINT, Kind.INTEGER, Kind.BIGINT);
            if (types.stream().allMatch(type -> integers.contains(type.kind()))) {
                return types.stream().max((a, b) -> Integer.compare(integers.indexOf(a.kind()), integers.indexOf(b.kind())));
            }
            if (types.stream().allMatch(type -> integers.contains(type.kind()) || type.kind() == Kind.DOUBLE || type.kind() == Kind.REAL || type.kind() == Kind.DECIMAL)) {
                if (types.stream().anyMatch(type -> type.kind() == Kind.DOUBLE)) {
                    return Optional.of(SqlType.DOUBLE);
                }
                if (types.stream().anyMatch(type -> type.kind() == Kind.REAL)) {
                    return Optional.of(SqlType.REAL);
                }
            }
            return Optional.empty();
        }

        // ------------------------------------------------------------ translation

        String translate()
        {
            return switch (name) {
                case "length" -> {
                    arity(1);
                    if (type(0).map(type -> type.kind() == Kind.CHAR).orElse(false)) {
                        // char(n) values are kept without their padding; Trino counts it
                        yield "CASE WHEN " + sql(0) + " IS NULL THEN NULL ELSE CAST(" + type(0).get().length() + " AS BIGINT) END";
                    }
                    yield isVarbinary(0) ? call("octet_length", 0) : call("length", 0);
                }
                case "lower" -> {
                    arity(1);
                    yield call(name, 0);
                }
                // Trino maps each code point alone and keeps ß (it has no one-letter capital); DuckDB writes ẞ
                case "upper" -> {
                    arity(1);
                    yield "CASE WHEN strpos(" + sql(0) + ", 'ß') > 0"
                            + " THEN array_to_string(list_transform(string_split(" + sql(0) + ", 'ß'), lambda pallas_s: upper(pallas_s)), 'ß')"
                            + " ELSE upper(" + sql(0) + ") END";
                }
                case "trim", "ltrim", "rtrim" -> {
                    arity(1, 2);
                    yield size() == 1 ? name + "(" + sql(0) + ", " + WHITESPACE + ")" : call(name, 0, 1);
                }
                case "lpad", "rpad" -> pad();
                case "substr", "substring" -> substring();
                case "strpos", "position" -> strpos();
                case "replace" -> replace();
                case "reverse" -> {
                    arity(1);
                    if (isVarbinary(0)) {
                        yield "from_hex(array_to_string(list_reverse(" + hexBytes(sql(0)) + "), ''))";
                    }
                    if (kind(0).filter(kind -> kind == Kind.ARRAY).isPresent()) {
                        yield call("list_reverse", 0);
                    }
                    if (kind(0).isEmpty()) {
                        throw notSupported("reverse of an argument whose type is not known");
                    }
                    // DuckDB's reverse keeps grapheme clusters together; Trino reverses code points
                    yield "array_to_string(list_reverse(string_split(" + sql(0) + ", '')), '')";
                }
                case "split" -> split();
                case "split_part" -> splitPart();
                case "concat_ws" -> concatWs();
                case "chr" -> {
                    arity(1);
                    longConstant(0).filter(value -> value < 0 || value > Character.MAX_CODE_POINT || (value >= 0xD800 && value <= 0xDFFF))
                            .ifPresent(value -> {
                                throw invalid("Not a valid Unicode code point: " + value);
                            });
                    yield "chr(CAST(" + sql(0) + " AS INTEGER))";
                }
                case "codepoint" -> {
                    arity(1);
                    Optional<SqlType> type = type(0);
                    if (type.isPresent() && bounded(type.get()) && type.get().length() > 1) {
                        throw new PallasException(ErrorCode.FUNCTION_NOT_FOUND, "Unexpected parameters (" + type.get() + ") for function codepoint. Expected: codepoint(varchar(1))");
                    }
                    yield "CASE WHEN length(" + sql(0) + ") <> 1 THEN " + error("Input string must be a single character string")
                            + " ELSE unicode(" + sql(0) + ") END";
                }
                case "starts_with" -> {
                    arity(2);
                    yield call("starts_with", 0, 1);
                }
                case "levenshtein_distance" -> {
                    arity(2);
                    // DuckDB counts bytes; Trino code points, which agree on ASCII only
                    String ascii = "regexp_matches(" + sql(0) + " || " + sql(1) + ", '^[\\x00-\\x7F]*$')";
                    yield strict("CASE WHEN NOT " + ascii + " THEN " + error("levenshtein_distance of non-ASCII strings is not supported yet")
                            + " ELSE levenshtein(" + sql(0) + ", " + sql(1) + ") END", 0, 1);
                }
                case "hamming_distance" -> {
                    arity(2);
                    yield strict("CASE WHEN length(" + sql(0) + ") <> length(" + sql(1) + ") THEN "
                            + error("The input strings to hamming_distance function must have the same length")
                            + " ELSE len(list_filter(range(1, length(" + sql(0) + ") + 1), lambda i: substr(" + sql(0) + ", i, 1) <> substr(" + sql(1) + ", i, 1))) END", 0, 1);
                }
                case "translate" -> {
                    arity(3);
                    yield call("translate", 0, 1, 2);
                }
                case "normalize" -> {
                    arity(1, 2);
                    if (size() == 2 && !stringConstant(1).map(form -> form.equalsIgnoreCase("NFC")).orElse(false)) {
                        throw notSupported("normalize to forms other than NFC");
                    }
                    yield call("nfc_normalize", 0);
                }
                case "to_utf8" -> {
                    arity(1);
                    yield call("encode", 0);
                }
                case "from_utf8" -> {
                    arity(1);
                    // Trino replaces invalid sequences with U+FFFD; DuckDB fails on them, so no value differs
                    yield call("decode", 0);
                }
                case "format" -> format();
                case "word_stem" -> throw notSupported("word_stem");
                case "regexp_like" -> {
                    arity(2);
                    yield "regexp_matches(" + sql(0) + ", " + pattern(1) + ")";
                }
                case "regexp_extract" -> regexpExtract();
                case "regexp_extract_all" -> {
                    arity(2, 3);
                    String pattern = pattern(1);
                    checkGroup(2);
                    yield "regexp_extract_all(" + sql(0) + ", " + pattern + (size() == 3 ? ", " + sql(2) : "") + ")";
                }
                case "regexp_replace" -> regexpReplace();
                case "regexp_split" -> {
                    arity(2);
                    String pattern = pattern(1);
                    // DuckDB splits an empty string into no parts, Trino into one empty part
                    yield "CASE WHEN " + sql(0) + " = '' THEN [''] ELSE regexp_split_to_array(" + sql(0) + ", " + pattern + ") END";
                }
                case "regexp_count" -> {
                    arity(2);
                    yield "len(regexp_extract_all(" + sql(0) + ", " + pattern(1) + "))";
                }
                case "regexp_position" -> regexpPosition();
                case "abs" -> {
                    arity(1);
                    yield call("abs", 0);
                }
                case "ceil", "ceiling", "floor" -> {
                    arity(1);
                    yield call(name.equals("floor") ? "floor" : "ceil", 0);
                }
                case "round" -> round();
                case "truncate" -> {
                    arity(1, 2);
                    if (size() == 2 && !kind(0).filter(kind -> kind == Kind.DECIMAL).isPresent()) {
                        throw notSupported("truncate(x, n) of a non-decimal value");
                    }
                    yield size() == 1 ? call("trunc", 0) : "trunc(" + sql(0) + ", CAST(" + sql(1) + " AS INTEGER))";
                }
                case "mod" -> {
                    arity(2);
                    String remainder = context.sql(new ArithmeticBinaryExpression(ArithmeticBinaryExpression.Operator.MODULO, arguments.get(0), arguments.get(1)));
                    boolean integral = IntStream.range(0, 2).allMatch(i -> type(i).map(type -> switch (type.kind()) {
                        case TINYINT, SMALLINT, INTEGER, BIGINT -> true;
                        default -> false;
                    }).orElse(false));
                    // Trino's mod of integers fails with Java's own exception (x % 0 is DIVISION_BY_ZERO)
                    yield integral ? "CASE WHEN " + sql(1) + " = 0 THEN error('pallas-error:GENERIC_INTERNAL_ERROR:/ by zero') ELSE " + remainder + " END" : remainder;
                }
                case "power", "pow" -> {
                    arity(2);
                    yield "pow(" + asDouble(0) + ", " + asDouble(1) + ")";
                }
                case "sqrt", "cbrt", "exp", "ln", "log2", "log10", "degrees", "radians", "sin", "cos", "tan", "asin", "acos", "atan",
                     "sinh", "cosh", "tanh" -> {
                    arity(1);
                    yield name + "(" + asDouble(0) + ")";
                }
                case "log" -> {
                    arity(2);
                    yield "\"/\"(ln(" + asDouble(1) + "), ln(" + asDouble(0) + "))";
                }
                case "atan2" -> {
                    arity(2);
                    yield "atan2(" + asDouble(0) + ", " + asDouble(1) + ")";
                }
                case "sign" -> {
                    arity(1);
                    boolean floating = type(0).map(type -> type.kind() == Kind.DOUBLE || type.kind() == Kind.REAL).orElse(false);
                    // Trino's sign(NaN) is NaN; DuckDB's is 0
                    yield floating ? "CASE WHEN isnan(" + sql(0) + ") THEN " + sql(0) + " ELSE sign(" + sql(0) + ") END" : call("sign", 0);
                }
                case "pi" -> {
                    arity(0);
                    yield "pi()";
                }
                case "e" -> {
                    arity(0);
                    yield "exp(CAST(1 AS DOUBLE))";
                }
                case "infinity" -> {
                    arity(0);
                    yield "CAST('Infinity' AS DOUBLE)";
                }
                case "nan" -> {
                    arity(0);
                    yield "CAST('NaN' AS DOUBLE)";
                }
                case "is_nan", "is_finite", "is_infinite" -> {
                    arity(1);
                    yield switch (name) {
                        case "is_nan" -> "isnan(" + asDouble(0) + ")";
                        case "is_finite" -> "isfinite(" + asDouble(0) + ")";
                        default -> "isinf(" + asDouble(0) + ")";
                    };
                }
                case "rand", "random" -> random();
                case "greatest", "least" -> {
                    if (size() < 1) {
                        arity(1);
                    }
                    Optional<SqlType> type = commonType();
                    if (type.isPresent() && (type.get().kind() == Kind.DOUBLE || type.get().kind() == Kind.REAL)) {
                        // Trino fails on NaN here; DuckDB orders it above every number
                        String nan = IntStream.range(0, size()).mapToObj(i -> "isnan(" + sql(i) + ")").collect(joining(" OR "));
                        yield strict("CASE WHEN " + nan + " THEN " + error("Invalid argument to " + name + "(): NaN") + " ELSE "
                                + name + IntStream.range(0, size()).mapToObj(this::sql).collect(joining(", ", "(", ")")) + " END", IntStream.range(0, size()).toArray());
                    }
                    yield strict(name + IntStream.range(0, size()).mapToObj(this::sql).collect(joining(", ", "(", ")")), IntStream.range(0, size()).toArray());
                }
                case "width_bucket" -> widthBucket();
                case "from_base" -> fromBase();
                case "to_base" -> toBase();
                case "luhn_check" -> luhnCheck();
                case "try" -> {
                    arity(1);
                    yield "try(" + sql(0) + ")";
                }
                case "fail" -> {
                    arity(1);
                    yield "error(" + quote("pallas-error:" + ErrorCode.GENERIC_USER_ERROR.name() + ":") + " || " + sql(0) + ")";
                }
                case "typeof" -> {
                    arity(1);
                    SqlType type = type(0).orElseThrow(() -> notSupported("typeof of an expression whose type is not known"));
                    yield context.literal(type.toString());
                }
                case "bitwise_and", "bitwise_or", "bitwise_xor" -> {
                    arity(2);
                    requireIntegers();
                    yield switch (name) {
                        case "bitwise_and" -> "(" + asBigint(0) + " & " + asBigint(1) + ")";
                        case "bitwise_or" -> "(" + asBigint(0) + " | " + asBigint(1) + ")";
                        default -> "xor(" + asBigint(0) + ", " + asBigint(1) + ")";
                    };
                }
                case "bitwise_not" -> {
                    arity(1);
                    requireIntegers();
                    yield "(~ " + asBigint(0) + ")";
                }
                case "bitwise_left_shift", "bitwise_right_shift", "bitwise_right_shift_arithmetic" -> shift();
                case "bit_count" -> bitCount();
                case "json_parse" -> {
                    arity(1);
                    yield "CASE WHEN NOT json_valid(" + sql(0) + ") THEN error('pallas-error:INVALID_FUNCTION_ARGUMENT:Cannot convert value to JSON: ''' || "
                            + sql(0) + " || '''') ELSE json(" + sql(0) + ") END";
                }
                case "json_format" -> {
                    arity(1);
                    yield "CAST(" + sql(0) + " AS VARCHAR)";
                }
                case "json_extract" -> {
                    arity(2);
                    yield "json_extract(" + sql(0) + ", " + jsonPath(1) + ")";
                }
                case "json_extract_scalar" -> {
                    arity(2);
                    String path = jsonPath(1);
                    String value = "json_extract(" + sql(0) + ", " + path + ")";
                    yield "CASE WHEN json_type(" + value + ") IN ('OBJECT', 'ARRAY') THEN NULL ELSE json_extract_string(" + sql(0) + ", " + path + ") END";
                }
                case "json_array_get" -> {
                    arity(2);
                    String index = asBigint(1);
                    yield "CASE WHEN json_type(" + sql(0) + ") = 'ARRAY' THEN json_extract(" + sql(0) + ", CASE WHEN " + index + " >= 0 THEN '$[' || "
                            + index + " || ']' ELSE '$[#' || " + index + " || ']' END) END";
                }
                case "json_array_length" -> {
                    arity(1);
                    yield "CASE WHEN json_type(" + sql(0) + ") = 'ARRAY' THEN json_array_length(" + sql(0) + ") END";
                }
                case "json_array_contains" -> jsonArrayContains();
                case "json_size" -> {
                    arity(2);
                    String value = "json_extract(" + sql(0) + ", " + jsonPath(1) + ")";
                    yield "CASE WHEN " + value + " IS NULL THEN NULL WHEN json_type(" + value + ") = 'ARRAY' THEN json_array_length(" + value
                            + ") WHEN json_type(" + value + ") = 'OBJECT' THEN len(json_keys(" + value + ")) ELSE 0 END";
                }
                case "is_json_scalar" -> {
                    arity(1);
                    yield "(json_type(json(" + sql(0) + ")) NOT IN ('OBJECT', 'ARRAY'))";
                }
                case "md5", "sha1", "sha256" -> {
                    arity(1);
                    yield "from_hex(" + name + "(" + binary(0) + "))";
                }
                case "sha512", "xxhash64" -> throw notSupported(name);
                case "crc32" -> {
                    arity(1);
                    // the table-driven CRC-32 (IEEE 802.3, reflected), one byte per step, as java.util.zip.CRC32
                    String c = "\"__pallas_acc\"";
                    String b = "\"__pallas_c\"";
                    String bytes = "list_transform(" + hexBytes("CAST(" + binary(0) + " AS BLOB)") + ", lambda " + b + ": CAST('0x' || " + b + " AS BIGINT))";
                    yield "xor(list_reduce(" + bytes + ", lambda " + c + ", " + b + ": xor(" + CRC32_TABLE + "[(xor(" + c + ", " + b + ") & 255) + 1], " + c
                            + " >> 8), CAST(4294967295 AS BIGINT)), CAST(4294967295 AS BIGINT))";
                }
                case "to_big_endian_64", "to_big_endian_32" -> {
                    arity(1);
                    int digits = name.endsWith("64") ? 16 : 8;
                    // Trino has integer and bigint overloads only: a wider argument is not coerced
                    Set<Kind> accepted = digits == 16
                            ? Set.of(Kind.TINYINT, Kind.SMALLINT, Kind.INTEGER, Kind.BIGINT, Kind.UNKNOWN)
                            : Set.of(Kind.TINYINT, Kind.SMALLINT, Kind.INTEGER, Kind.UNKNOWN);
                    Kind kind = numericType(0).kind();
                    if (!accepted.contains(kind)) {
                        throw new PallasException(ErrorCode.FUNCTION_NOT_FOUND, "Unexpected parameters (" + type(0).get() + ") for function " + name);
                    }
                    // DuckDB's hex of a negative integer is its 64-bit two's complement
                    yield "from_hex(right(lpad(hex(CAST(" + sql(0) + " AS BIGINT)), 16, '0'), " + digits + "))";
                }
                case "from_big_endian_64", "from_big_endian_32" -> {
                    arity(1);
                    int bytes = name.endsWith("64") ? 8 : 4;
                    String value = "CAST(" + binary(0) + " AS BLOB)";
                    String unsigned = "CAST('0x' || hex(" + value + ") AS HUGEINT)";
                    String half = bytes == 8 ? "CAST(9223372036854775808 AS HUGEINT)" : "CAST(2147483648 AS HUGEINT)";
                    String signed = "CASE WHEN " + unsigned + " >= " + half + " THEN " + unsigned + " - 2 * " + half + " ELSE " + unsigned + " END";
                    yield "CASE WHEN octet_length(" + value + ") <> " + bytes + " THEN " + error("expected " + bytes + "-byte input")
                            + " ELSE CAST(" + signed + " AS " + (bytes == 8 ? "BIGINT" : "INTEGER") + ") END";
                }
                case "hmac_md5", "hmac_sha1", "hmac_sha256", "hmac_sha512" -> hmac();
                case "to_ieee754_64", "to_ieee754_32" -> toIeee754(name.endsWith("64"));
                case "from_ieee754_64", "from_ieee754_32" -> fromIeee754(name.endsWith("64"));
                case "to_hex" -> {
                    arity(1);
                    yield "hex(" + binary(0) + ")";
                }
                case "from_hex" -> {
                    arity(1);
                    yield "CASE WHEN length(" + sql(0) + ") % 2 <> 0 THEN " + error("invalid input length " + "for from_hex") + " ELSE from_hex(" + sql(0) + ") END";
                }
                case "to_base64" -> {
                    arity(1);
                    yield "to_base64(" + binary(0) + ")";
                }
                case "from_base64" -> {
                    arity(1);
                    yield "from_base64(" + text(0) + ")";
                }
                case "to_base64url" -> {
                    arity(1);
                    yield "replace(replace(to_base64(" + binary(0) + "), '+', '-'), '/', '_')";
                }
                case "from_base64url" -> {
                    arity(1);
                    String value = text(0);
                    yield "from_base64(replace(replace(" + value + ", '-', '+'), '_', '/'))";
                }
                case "url_extract_protocol" -> url(1);
                case "url_extract_host" -> url(2);
                case "url_extract_port" -> url(3);
                case "url_extract_path" -> url(4);
                case "url_extract_query" -> url(5);
                case "url_extract_fragment" -> url(6);
                case "url_extract_parameter" -> urlParameter();
                case "url_encode" -> {
                    arity(1);
                    // Guava's form escaper, as Trino: letters, digits and -_.* kept, space as +, all else %XX
                    yield "replace(replace(replace(url_encode(" + sql(0) + "), '%20', '+'), '~', '%7E'), '%2A', '*')";
                }
                case "url_decode" -> {
                    arity(1);
                    yield urlDecode(sql(0));
                }
                case "uuid" -> {
                    arity(0);
                    yield "uuid()";
                }
                default -> throw notSupported(name);
            };
        }

        private String binary(int index)
        {
            if (kind(index).filter(kind -> kind == Kind.VARBINARY || kind == Kind.UNKNOWN).isEmpty()) {
                throw notSupported(name + " of an argument that is not known to be varbinary");
            }
            return sql(index);
        }

        private String text(int index)
        {
            if (kind(index).isEmpty()) {
                throw notSupported(name + " of an argument whose type is not known");
            }
            return isVarbinary(index) ? "decode(" + sql(index) + ")" : sql(index);
        }

        /** The bytes of a varbinary value as a list of two-digit upper-case hex strings. */
        private static String hexBytes(String value)
        {
            return "list_transform(range(0, octet_length(" + value + ")), lambda \"__pallas_b\": substr(hex(" + value + "), 2 * \"__pallas_b\" + 1, 2))";
        }

        /** substr of varbinary: Trino's string rules counted in bytes, computed on the hex digits. */
        private String binarySubstring()
        {
            String value = sql(0);
            String hex = "hex(" + value + ")";
            String start = asBigint(1);
            String from = "2 * (CASE WHEN " + start + " < 0 THEN octet_length(" + value + ") + 1 + " + start + " ELSE " + start + " END) - 1";
            if (size() == 2) {
                return "CASE WHEN " + start + " = 0 OR " + start + " < - octet_length(" + value + ") THEN from_hex('')"
                        + " ELSE from_hex(substr(" + hex + ", " + from + ")) END";
            }
            String length = asBigint(2);
            return strict("CASE WHEN " + start + " = 0 OR " + length + " <= 0 OR " + start + " < - octet_length(" + value + ") THEN from_hex('')"
                    + " ELSE from_hex(substr(" + hex + ", " + from + ", 2 * " + length + ")) END", 0, 1, 2);
        }

        /** lpad and rpad of varbinary, on the hex digits: the target and the padding are whole bytes. */
        private String binaryPad()
        {
            String size = asBigint(1);
            return "CASE WHEN " + size + " < 0 OR " + size + " > " + Integer.MAX_VALUE + " THEN "
                    + error("Target length must be in the range [0.." + Integer.MAX_VALUE + "]")
                    + " WHEN octet_length(" + sql(2) + ") = 0 THEN " + error("Padding bytes must not be empty")
                    + " ELSE from_hex(" + name + "(hex(" + sql(0) + "), CAST(2 * " + size + " AS INTEGER), hex(" + sql(2) + "))) END";
        }

        /**
         * Java's doubleToLongBits / floatToIntBits, computed exactly: the exponent from log2 (corrected by one step
         * either way), the fraction by scaling with powers of two, which is exact in binary floating point.
         */
        private String toIeee754(boolean wide)
        {
            arity(1);
            int fractionBits = wide ? 52 : 23;
            int bias = wide ? 1023 : 127;
            int bits = wide ? 64 : 32;
            String x = "CAST(" + sql(0) + " AS DOUBLE)";
            String a = "abs(" + x + ")";
            String e0 = "CAST(floor(log2(" + a + ")) AS INTEGER)";
            String e = "(" + e0 + " - CASE WHEN pow(2.0, " + e0 + ") > " + a + " THEN 1 ELSE 0 END + CASE WHEN pow(2.0, " + e0 + " + 1) <= " + a + " THEN 1 ELSE 0 END)";
            String sign = "CASE WHEN signbit(" + x + ") THEN CAST(" + (wide ? "9223372036854775808" : "2147483648") + " AS HUGEINT) ELSE 0 END";
            // subnormal: the value in units of the smallest subnormal (2^-1074 = 2^-537 * 2^-537 for doubles, 2^-149 for reals)
            String subnormal = wide ? "CAST(" + a + " * pow(2.0, 537) * pow(2.0, 537) AS HUGEINT)" : "CAST(" + a + " * pow(2.0, 149) AS HUGEINT)";
            String normal = "CAST(" + e + " + " + bias + " AS HUGEINT) * CAST(pow(2.0, " + fractionBits + ") AS HUGEINT) + CAST((" + a + " / pow(2.0, " + e + ") - 1) * pow(2.0, "
                    + fractionBits + ") AS HUGEINT)";
            String nan = wide ? "CAST(9221120237041090560 AS HUGEINT)" : "CAST(2143289344 AS HUGEINT)";
            String infinity = wide ? "CAST(9218868437227405312 AS HUGEINT)" : "CAST(2139095040 AS HUGEINT)";
            String unsigned = "CASE WHEN isnan(" + x + ") THEN " + nan
                    + " WHEN isinf(" + x + ") THEN " + sign + " + " + infinity
                    + " WHEN " + x + " = 0 THEN " + sign
                    + " WHEN " + e + " < " + (1 - bias) + " THEN " + sign + " + " + subnormal
                    + " ELSE " + sign + " + " + normal + " END";
            String half = wide ? "CAST(9223372036854775808 AS HUGEINT)" : "CAST(2147483648 AS HUGEINT)";
            String signed = "CAST(CASE WHEN " + unsigned + " >= " + half + " THEN " + unsigned + " - 2 * " + half + " ELSE " + unsigned + " END AS BIGINT)";
            int digits = bits / 4;
            return strict("from_hex(right(lpad(hex(" + signed + "), 16, '0'), " + digits + "))", 0);
        }

        /** Java's longBitsToDouble / intBitsToFloat: sign, exponent and fraction put together with exact powers of two. */
        private String fromIeee754(boolean wide)
        {
            arity(1);
            int bytes = wide ? 8 : 4;
            int fractionBits = wide ? 52 : 23;
            int bias = wide ? 1023 : 127;
            int exponentMask = wide ? 2047 : 255;
            String value = "CAST(" + binary(0) + " AS BLOB)";
            String bits = "CAST('0x' || hex(" + value + ") AS HUGEINT)";
            String fractionUnit = "CAST(" + (1L << fractionBits) + " AS HUGEINT)";
            String e = "((" + bits + " // " + fractionUnit + ") % " + (exponentMask + 1) + ")";
            String m = "CAST(" + bits + " % " + fractionUnit + " AS DOUBLE)";
            String negative = "(" + bits + " // " + fractionUnit + " >= " + (exponentMask + 1) + ")";
            String subnormal = wide ? "(" + m + " * pow(2.0, -537) * pow(2.0, -537))" : "(" + m + " * pow(2.0, -149))";
            String normal = "((1 + " + m + " / pow(2.0, " + fractionBits + ")) * pow(2.0, CAST(" + e + " AS INTEGER) - " + bias + "))";
            String magnitude = "CASE WHEN " + e + " = " + exponentMask + " THEN CASE WHEN " + m + " = 0 THEN CAST('Infinity' AS DOUBLE) ELSE CAST('NaN' AS DOUBLE) END"
                    + " WHEN " + e + " = 0 THEN " + subnormal + " ELSE " + normal + " END";
            String result = "CASE WHEN " + negative + " AND NOT (" + e + " = " + exponentMask + " AND " + m + " <> 0) THEN - " + magnitude + " ELSE " + magnitude + " END";
            return "CASE WHEN octet_length(" + value + ") <> " + bytes + " THEN " + error("Input floating-point value must be exactly " + bytes + " bytes long")
                    + " ELSE CAST(" + result + " AS " + (wide ? "DOUBLE" : "FLOAT") + ") END";
        }

        /** HMAC (RFC 2104) over DuckDB's md5, sha1 and sha256, which answer lower-case hex. */
        private String hmac()
        {
            arity(2);
            String hash = name.substring("hmac_".length());
            if (hash.equals("sha512")) {
                throw notSupported(name);
            }
            String data = binary(0);
            String key = binary(1);
            int block = 64;
            String keyHex = "rpad(hex(CASE WHEN octet_length(" + key + ") > " + block + " THEN from_hex(" + hash + "(" + key + ")) ELSE " + key + " END), "
                    + 2 * block + ", '0')";
            String inner = "from_hex(" + hash + "(" + padded(keyHex, block, 0x36) + " || " + data + "))";
            return strict("from_hex(" + hash + "(" + padded(keyHex, block, 0x5c) + " || " + inner + "))", 0, 1);
        }

        /** The key's block with every byte XORed with the pad byte. */
        private static String padded(String keyHex, int block, int pad)
        {
            String b = "\"__pallas_b\"";
            return "from_hex(array_to_string(list_transform(range(0, " + block + "), lambda " + b + ": printf('%02X', xor(CAST('0x' || substr(" + keyHex
                    + ", 2 * " + b + " + 1, 2) AS INTEGER), " + pad + "))), ''))";
        }

        private String pad()
        {
            arity(3);
            if (isVarbinary(0)) {
                return binaryPad();
            }
            longConstant(1).filter(value -> value < 0 || value > Integer.MAX_VALUE).ifPresent(_ -> {
                throw invalid("Target length must be in the range [0.." + Integer.MAX_VALUE + "]");
            });
            stringConstant(2).filter(String::isEmpty).ifPresent(_ -> {
                throw invalid("Padding string must not be empty");
            });
            String size = asBigint(1);
            return "CASE WHEN " + size + " < 0 OR " + size + " > " + Integer.MAX_VALUE + " THEN "
                    + error("Target length must be in the range [0.." + Integer.MAX_VALUE + "]")
                    + " WHEN " + sql(2) + " = '' THEN " + error("Padding string must not be empty")
                    + " ELSE " + name + "(" + sql(0) + ", CAST(" + size + " AS INTEGER), " + sql(2) + ") END";
        }

        private String substring()
        {
            arity(2, 3);
            if (isVarbinary(0)) {
                return binarySubstring();
            }
            String value = sql(0);
            String start = asBigint(1);
            String empty = "left(" + value + ", 0)";
            if (size() == 2) {
                return "CASE WHEN " + start + " = 0 OR " + start + " < - length(" + value + ") THEN " + empty
                        + " ELSE substr(" + value + ", " + start + ") END";
            }
            String length = asBigint(2);
            return "CASE WHEN " + start + " = 0 OR " + length + " <= 0 OR " + start + " < - length(" + value + ") THEN " + empty
                    + " WHEN " + start + " < 0 THEN substr(" + value + ", length(" + value + ") + 1 + " + start + ", " + length + ")"
                    + " ELSE substr(" + value + ", " + start + ", " + length + ") END";
        }

        private String strpos()
        {
            arity(2, 3);
            if (size() == 2) {
                return call("strpos", 0, 1);
            }
            longConstant(2).filter(value -> value == 0).ifPresent(_ -> {
                throw invalid("'instance' must be a positive or negative number.");
            });
            String value = sql(0);
            String search = sql(1);
            String instance = asBigint(2);
            // every position where the substring starts, overlapping as in Trino; a negative instance counts from the end
            String positions = "list_filter(range(1, length(" + value + ") + 1), lambda i: substr(" + value + ", i, length(" + search + ")) = " + search + ")";
            return strict("CASE WHEN " + instance + " = 0 THEN " + error("'instance' must be a positive or negative number.")
                    + " WHEN " + search + " = '' THEN 1"
                    + " ELSE coalesce((" + positions + ")[" + instance + "], 0) END", 0, 1, 2);
        }

        private String replace()
        {
            arity(2, 3);
            if (size() == 2) {
                return "replace(" + sql(0) + ", " + sql(1) + ", '')";
            }
            String value = sql(0);
            String search = sql(1);
            String replacement = sql(2);
            String plain = "replace(" + value + ", " + search + ", " + replacement + ")";
            if (stringConstant(1).filter(text -> !text.isEmpty()).isPresent()) {
                return plain;
            }
            // an empty search string inserts the replacement before every character and at the end
            String everywhere = replacement + " || array_to_string(list_transform(string_split(" + value + ", ''), lambda c: c || " + replacement + "), '')";
            return strict("CASE WHEN " + search + " = '' AND " + value + " = '' THEN " + replacement
                    + " WHEN " + search + " = '' THEN " + everywhere + " ELSE " + plain + " END", 0, 1, 2);
        }

        private String split()
        {
            arity(2, 3);
            stringConstant(1).filter(String::isEmpty).ifPresent(_ -> {
                throw invalid("The delimiter may not be the empty string");
            });
            longConstant(size() - 1).filter(value -> size() == 3 && value <= 0).ifPresent(_ -> {
                throw invalid("Limit must be positive");
            });
            String value = sql(0);
            String delimiter = sql(1);
            String parts = "CASE WHEN " + delimiter + " = '' THEN " + error("The delimiter may not be the empty string")
                    + " WHEN " + value + " = '' THEN [''] ELSE string_split(" + value + ", " + delimiter + ") END";
            if (size() == 2) {
                return strict(parts, 0, 1);
            }
            String limit = asBigint(2);
            // the parts past the limit, joined again with the delimiter, are the rest of the string
            return strict("CASE WHEN " + limit + " <= 0 THEN " + error("Limit must be positive")
                    + " WHEN len(" + parts + ") <= " + limit + " THEN " + parts
                    + " ELSE list_concat((" + parts + ")[1:" + limit + " - 1], [array_to_string((" + parts + ")[" + limit + ":], " + delimiter + ")]) END", 0, 1, 2);
        }

        private String splitPart()
        {
            arity(3);
            longConstant(2).filter(value -> value <= 0).ifPresent(_ -> {
                throw invalid("Index must be greater than zero");
            });
            String value = sql(0);
            String delimiter = sql(1);
            String index = asBigint(2);
            return strict("CASE WHEN " + index + " <= 0 THEN " + error("Index must be greater than zero")
                    + " WHEN " + delimiter + " = '' THEN CASE WHEN " + index + " <= length(" + value + ") THEN substr(" + value + ", " + index + ", 1) END"
                    + " WHEN " + value + " = '' THEN CASE WHEN " + index + " = 1 THEN '' END"
                    + " ELSE string_split(" + value + ", " + delimiter + ")[" + index + "] END", 0, 1, 2);
        }

        private String concatWs()
        {
            if (size() < 2) {
                throw new PallasException(ErrorCode.FUNCTION_NOT_FOUND, "There must be two or more arguments to concat_ws");
            }
            if (size() == 2) {
                Optional<Kind> kind = kind(1);
                if (kind.isEmpty()) {
                    throw notSupported("concat_ws with an argument whose type is not known");
                }
                if (kind.get() == Kind.ARRAY) {
                    return "CASE WHEN " + sql(0) + " IS NULL THEN NULL ELSE coalesce(array_to_string(" + sql(1) + ", " + sql(0) + "), '') END";
                }
            }
            return "concat_ws" + IntStream.range(0, size()).mapToObj(this::sql).collect(joining(", ", "(", ")"));
        }

        private String format()
        {
            if (size() < 1) {
                arity(1);
            }
            String format = stringConstant(0).orElseThrow(() -> notSupported("format with a format that is not a constant"));
            Matcher matcher = FORMAT_SPECIFIER.matcher(format);
            int argument = 1;
            int end = 0;
            while (matcher.find()) {
                String between = format.substring(end, matcher.start());
                if (between.contains("%")) {
                    throw notSupported("format specifier in " + format);
                }
                end = matcher.end();
                char conversion = matcher.group(2).charAt(0);
                if (conversion == '%') {
                    if (!matcher.group(1).isEmpty()) {
                        throw notSupported("format specifier " + matcher.group());
                    }
                    continue;
                }
                if (argument >= size()) {
                    throw invalid("Invalid format string: " + format + " (missing argument)");
                }
                Optional<Kind> kind = kind(argument);
                boolean integer = kind.filter(k -> k == Kind.TINYINT || k == Kind.SMALLINT || k == Kind.INTEGER || k == Kind.BIGINT).isPresent();
                boolean text = kind.filter(k -> k == Kind.VARCHAR).isPresent();
                if (!(conversion == 'd' && integer) && !(conversion == 's' && text) || matcher.group(1).contains("0") && conversion == 's') {
                    throw notSupported("format specifier " + matcher.group() + " for this argument");
                }
                argument++;
            }
            if (format.substring(end).contains("%")) {
                throw notSupported("format specifier in " + format);
            }
            return "printf" + IntStream.range(0, size()).mapToObj(this::sql).collect(joining(", ", "(", ")"));
        }

        /** The pattern argument as RE2, translated when it is a constant. */
        private String pattern(int index)
        {
            Optional<String> constant = stringConstant(index);
            if (constant.isEmpty()) {
                if (isNull(index)) {
                    return "CAST(NULL AS VARCHAR)";
                }
                throw notSupported("Regular expressions that are not constants");
            }
            return context.literal(StringRegex.translate(constant.get()).re2());
        }

        private void checkGroup(int index)
        {
            if (size() <= index) {
                return;
            }
            Optional<Long> group = longConstant(index);
            if (group.isEmpty()) {
                throw notSupported(name + " with a group that is not a constant");
            }
            int groups = stringConstant(1).map(pattern -> StringRegex.translate(pattern).groups()).orElse(0);
            if (group.get() < 0 || group.get() > groups) {
                throw invalid("Pattern has " + groups + " groups. Cannot access group " + group.get());
            }
        }

        private String regexpExtract()
        {
            arity(2, 3);
            String pattern = pattern(1);
            checkGroup(2);
            String group = size() == 3 ? ", " + sql(2) : "";
            return "CASE WHEN regexp_matches(" + sql(0) + ", " + pattern + ") THEN regexp_extract(" + sql(0) + ", " + pattern + group + ") END";
        }

        private String regexpReplace()
        {
            arity(2, 3);
            String pattern = pattern(1);
            if (size() == 2) {
                return "regexp_replace(" + sql(0) + ", " + pattern + ", '', 'g')";
            }
            if (isNull(2)) {
                return "CAST(NULL AS VARCHAR)";
            }
            Optional<String> replacement = stringConstant(2);
            if (replacement.isEmpty()) {
                throw notSupported("regexp_replace with a replacement that is not a constant string");
            }
            StringRegex.Translated translated = StringRegex.translate(stringConstant(1).orElse(""));
            return "regexp_replace(" + sql(0) + ", " + pattern + ", " + context.literal(StringRegex.replacement(replacement.get(), translated)) + ", 'g')";
        }

        private String regexpPosition()
        {
            arity(2, 3, 4);
            String pattern = stringConstant(1).orElseThrow(() -> notSupported("Regular expressions that are not constants"));
            String re2 = StringRegex.translate(pattern).re2();
            if (size() > 2) {
                return regexpPositionFrom(pattern, re2);
            }
            // the shortest prefix followed by a match ends where the leftmost match starts
            String prefix = context.literal("(?s)^(.*?)(?:" + re2 + ")");
            return "CASE WHEN regexp_matches(" + sql(0) + ", " + context.literal(re2) + ") THEN length(regexp_extract(" + sql(0) + ", " + prefix + ", 1)) + 1 ELSE -1 END";
        }

        /**
         * regexp_position(s, p, start[, occurrence]): Trino searches the whole string from a position on; searching the
         * rest of the string is the same for patterns that look at nothing before the match (no anchors, no word
         * boundaries), the only ones translated. Each further occurrence is searched from the end of the previous one.
         */
        private String regexpPositionFrom(String pattern, String re2)
        {
            if (pattern.matches("(?s).*(\\^|\\$|\\\\[bBAzZG]).*")) {
                throw notSupported("regexp_position from a start position with an anchored pattern");
            }
            longConstant(2).filter(start -> start < 1).ifPresent(_ -> {
                throw invalid("start position cannot be smaller than 1");
            });
            if (size() == 4) {
                longConstant(3).filter(occurrence -> occurrence < 1).ifPresent(_ -> {
                    throw invalid("occurrence cannot be smaller than 1");
                });
            }
            String value = sql(0);
            String start = asBigint(2);
            String occurrence = size() == 4 ? asBigint(3) : "CAST(1 AS BIGINT)";
            String acc = "\"__pallas_acc\"";
            String step = "\"__pallas_b\"";
            String rest = "substr(" + value + ", CAST(" + acc + ".p AS BIGINT))";
            String prefix = context.literal("(?s)^(.*?)(" + re2 + ")");
            String offset = "length(regexp_extract(" + rest + ", " + prefix + ", 1))";
            String matched = "length(regexp_extract(" + rest + ", " + prefix + ", 2))";
            String next = "CASE WHEN " + acc + ".r = -1 THEN " + acc
                    + " WHEN NOT regexp_matches(" + rest + ", " + context.literal(re2) + ") THEN {'p': " + acc + ".p, 'r': CAST(-1 AS BIGINT)}"
                    + " WHEN " + matched + " = 0 AND " + occurrence + " > 1 THEN " + error("regexp_position of a further occurrence after an empty match is not supported yet")
                    + " ELSE {'p': " + acc + ".p + " + offset + " + " + matched + ", 'r': " + acc + ".p + " + offset + "} END";
            String search = "list_reduce(range(" + occurrence + "), lambda " + acc + ", " + step + ": " + next + ", {'p': " + start + ", 'r': CAST(0 AS BIGINT)}).r";
            return strict("CASE WHEN " + start + " < 1 THEN " + error("start position cannot be smaller than 1")
                    + " WHEN " + occurrence + " < 1 THEN " + error("occurrence cannot be smaller than 1")
                    + " WHEN " + start + " > length(" + value + ") THEN -1"
                    + " ELSE " + search + " END", IntStream.range(0, size()).filter(i -> i != 1).toArray());
        }

        private String round()
        {
            arity(1, 2);
            Optional<Kind> kind = kind(0);
            if (kind.isEmpty()) {
                throw notSupported("round of an argument whose type is not known");
            }
            if (size() == 1) {
                return call("round", 0);
            }
            return switch (kind.get()) {
                case DECIMAL, TINYINT, SMALLINT, INTEGER, BIGINT -> "round(" + sql(0) + ", CAST(" + sql(1) + " AS INTEGER))";
                default -> throw notSupported("round(x, d) of " + kind.get().name().toLowerCase(Locale.ROOT));
            };
        }

        private String random()
        {
            arity(0, 1, 2);
            if (size() == 0) {
                return "random()";
            }
            int last = size() - 1;
            longConstant(last).filter(value -> value <= (size() == 1 ? 0 : longConstant(0).orElse(Long.MIN_VALUE))).ifPresent(_ -> {
                throw invalid("bound must be positive");
            });
            String low = size() == 1 ? "0" : asBigint(0);
            String high = asBigint(last);
            return "CASE WHEN " + high + " <= " + low + " THEN " + error("bound must be positive")
                    + " ELSE " + low + " + CAST(floor(random() * (" + high + " - " + low + ")) AS BIGINT) END";
        }

        private String widthBucket()
        {
            arity(4);
            if (kind(1).filter(kind -> kind == Kind.ARRAY).isPresent()) {
                throw notSupported("width_bucket with an array of bins");
            }
            String x = asDouble(0);
            String low = asDouble(1);
            String high = asDouble(2);
            String count = asBigint(3);
            String ascending = "CASE WHEN " + x + " < " + low + " THEN 0 WHEN " + x + " >= " + high + " THEN " + count + " + 1"
                    + " ELSE CAST(trunc(\"/\"(" + count + " * (" + x + " - " + low + "), " + high + " - " + low + ") + 1) AS BIGINT) END";
            String descending = "CASE WHEN " + x + " > " + low + " THEN 0 WHEN " + x + " <= " + high + " THEN " + count + " + 1"
                    + " ELSE CAST(trunc(\"/\"(" + count + " * (" + low + " - " + x + "), " + low + " - " + high + ") + 1) AS BIGINT) END";
            return strict("CASE WHEN " + count + " <= 0 THEN " + error("bucketCount must be greater than 0")
                    + " WHEN isnan(" + x + ") THEN " + error("operand must not be NaN")
                    + " WHEN NOT isfinite(" + low + ") THEN " + error("first bound must be finite")
                    + " WHEN NOT isfinite(" + high + ") THEN " + error("second bound must be finite")
                    + " WHEN " + low + " = " + high + " THEN " + error("bounds cannot equal each other")
                    + " WHEN " + low + " < " + high + " THEN " + ascending + " ELSE " + descending + " END", 0, 1, 2, 3);
        }

        private static final String DIGITS = "'0123456789abcdefghijklmnopqrstuvwxyz'";
        private static final String TWO_TO_64 = "CAST(18446744073709551616 AS HUGEINT)";

        /** Long.parseLong(value, radix): an optional sign, then digits below the radix; out of range fails. */
        private String fromBase()
        {
            arity(2);
            String value = sql(0);
            String radix = asBigint(1);
            String digits = "string_split(lower(regexp_replace(" + value + ", '^[+-]', '')), '')";
            String c = "\"__pallas_c\"";
            String acc = "\"__pallas_acc\"";
            String digit = "(strpos(" + DIGITS + ", " + c + ") - 1)";
            // accumulated in HUGEINT and capped at 2^64, which no bigint reaches, so that long inputs cannot overflow it
            String magnitude = "list_reduce(" + digits + ", lambda " + acc + ", " + c + ": least(" + acc + " * " + radix + " + " + digit + ", " + TWO_TO_64 + "), CAST(0 AS HUGEINT))";
            String signed = "(CASE WHEN starts_with(" + value + ", '-') THEN - " + magnitude + " ELSE " + magnitude + " END)";
            String badDigit = "len(list_filter(" + digits + ", lambda " + c + ": " + digit + " >= " + radix + ")) > 0";
            return strict("CASE WHEN " + radix + " < 2 OR " + radix + " > 36 THEN " + error("Radix must be between 2 and 36")
                    // Java also reads non-ASCII digits (Character.digit)
                    + " WHEN NOT regexp_matches(" + value + ", '^[\\x00-\\x7F]*$') THEN " + error("from_base of non-ASCII text is not supported yet")
                    + " WHEN NOT regexp_matches(" + value + ", '^[+-]?[0-9A-Za-z]+$') OR " + badDigit + " THEN " + error("Not a valid number in this base")
                    + " WHEN " + signed + " < -9223372036854775808 OR " + signed + " > 9223372036854775807 THEN " + error("Not a valid number in this base")
                    + " ELSE CAST(" + signed + " AS BIGINT) END", 0, 1);
        }

        /** Long.toString(value, radix): lower-case digits, a '-' for negative values. */
        private String toBase()
        {
            arity(2);
            String value = asBigint(0);
            String radix = asBigint(1);
            String acc = "\"__pallas_acc\"";
            String i = "\"__pallas_b\"";
            // one digit per step, least significant first, until nothing is left (a bigint has at most 64 digits)
            String digits = "list_reduce(range(64), lambda " + acc + ", " + i + ": CASE WHEN " + acc + ".r = 0 AND " + i + " > 0 THEN " + acc
                    + " ELSE {'r': " + acc + ".r // " + radix + ", 's': substr(" + DIGITS + ", CAST(" + acc + ".r % " + radix + " AS INTEGER) + 1, 1) || " + acc + ".s} END, "
                    + "{'r': abs(CAST(" + value + " AS HUGEINT)), 's': ''}).s";
            return strict("CASE WHEN " + radix + " < 2 OR " + radix + " > 36 THEN " + error("Radix must be between 2 and 36")
                    + " ELSE (CASE WHEN " + value + " < 0 THEN '-' ELSE '' END) || " + digits + " END", 0, 1);
        }

        /** The Luhn checksum of a string of digits (other strings are refused: Trino's handling of them is not known). */
        private String luhnCheck()
        {
            arity(1);
            String value = sql(0);
            String i = "\"__pallas_b\"";
            String digit = "CAST(substr(" + value + ", length(" + value + ") - " + i + " + 1, 1) AS INTEGER)";
            String term = "CASE WHEN " + i + " % 2 = 1 THEN " + digit + " WHEN 2 * " + digit + " > 9 THEN 2 * " + digit + " - 9 ELSE 2 * " + digit + " END";
            return strict("CASE WHEN NOT regexp_matches(" + value + ", '^[0-9]+$') THEN " + error("luhn_check of a string that is not all ASCII digits is not supported yet")
                    + " ELSE list_sum(list_transform(range(1, length(" + value + ") + 1), lambda " + i + ": " + term + ")) % 10 = 0 END", 0);
        }

        private String shift()
        {
            arity(2);
            Kind kind = numericType(0).kind();
            int bits = switch (kind) {
                case BIGINT -> 64;
                case INTEGER -> 32;
                case SMALLINT -> 16;
                case TINYINT -> 8;
                default -> throw notSupported(name + " of " + kind.name().toLowerCase(Locale.ROOT));
            };
            String value = asBigint(0);
            String shift = asBigint(1);
            String duck = switch (bits) {
                case 64 -> "BIGINT";
                case 32 -> "INTEGER";
                case 16 -> "SMALLINT";
                default -> "TINYINT";
            };
            // computed on the unsigned bits of the value's own width, then read back as the signed type, as Trino does
            String unsigned = bits == 64 ? "CAST(" + value + " AS BIT)" : "CAST(CAST(" + value + " AS " + duck + ") AS BIT)";
            String result = switch (name) {
                case "bitwise_left_shift" -> "CAST(" + unsigned + " << CAST(" + shift + " AS INTEGER) AS " + duck + ")";
                case "bitwise_right_shift" -> "CAST(" + unsigned + " >> CAST(" + shift + " AS INTEGER) AS " + duck + ")";
                default -> "(CAST(" + value + " AS " + duck + ") >> " + shift + ")";
            };
            String overflow = name.equals("bitwise_right_shift_arithmetic") ? "CASE WHEN " + value + " < 0 THEN -1 ELSE 0 END" : "0";
            return "CASE WHEN " + shift + " < 0 THEN " + error("shift must be non-negative")
                    + " WHEN " + shift + " >= " + bits + " THEN " + overflow + " ELSE " + result + " END";
        }

        private String bitCount()
        {
            arity(2);
            longConstant(1).filter(bits -> bits < 2 || bits > 64).ifPresent(_ -> {
                throw invalid("Bits specified in bit_count must be between 2 and 64, got " + longConstant(1).get());
            });
            String value = asBigint(0);
            String bits = asBigint(1);
            String low = "(- (CAST(1 AS HUGEINT) << CAST(" + bits + " - 1 AS INTEGER)))";
            String high = "((CAST(1 AS HUGEINT) << CAST(" + bits + " - 1 AS INTEGER)) - 1)";
            String masked = "CAST(CAST(" + value + " AS HUGEINT) & ((CAST(1 AS HUGEINT) << CAST(" + bits + " AS INTEGER)) - 1) AS UBIGINT)";
            return strict("CASE WHEN " + bits + " < 2 OR " + bits + " > 64 THEN " + error("Bits specified in bit_count must be between 2 and 64")
                    + " WHEN " + value + " < " + low + " OR " + value + " > " + high + " THEN " + error("Number must be representable with the bits specified")
                    + " ELSE CAST(bit_count(" + masked + ") AS BIGINT) END", 0, 1);
        }

        private String jsonArrayContains()
        {
            arity(2);
            Kind kind = numericType(1).kind();
            String array = sql(0);
            String elements = "json_extract(" + array + ", '$[*]')";
            String test = switch (kind) {
                case VARCHAR -> "lambda e: json_type(e) = 'VARCHAR' AND json_extract_string(e, '$') = " + sql(1);
                case BOOLEAN -> "lambda e: json_type(e) = 'BOOLEAN' AND CAST(json_extract_string(e, '$') AS BOOLEAN) = " + sql(1);
                case TINYINT, SMALLINT, INTEGER, BIGINT -> "lambda e: json_type(e) IN ('BIGINT', 'UBIGINT') AND TRY_CAST(json_extract_string(e, '$') AS BIGINT) = " + sql(1);
                default -> throw notSupported("json_array_contains with a " + kind.name().toLowerCase(Locale.ROOT) + " value");
            };
            return strict("CASE WHEN json_type(json(" + array + ")) <> 'ARRAY' THEN NULL ELSE len(list_filter(" + elements + ", " + test + ")) > 0 END", 0, 1);
        }

        /** A constant Trino JSON path as DuckDB's: {@code $.a.b}, {@code $[0]}, {@code $["key"]}. */
        private String jsonPath(int index)
        {
            String path = stringConstant(index).orElseThrow(() -> notSupported("JSON paths that are not constants")).strip();
            if (!path.startsWith("$")) {
                throw invalid("Invalid JSON path: '" + path + "'");
            }
            StringBuilder duck = new StringBuilder("$");
            int i = 1;
            while (i < path.length()) {
                char c = path.charAt(i);
                if (c == '.') {
                    int end = i + 1;
                    while (end < path.length() && path.charAt(end) != '.' && path.charAt(end) != '[') {
                        end++;
                    }
                    String key = path.substring(i + 1, end);
                    if (key.isEmpty()) {
                        throw invalid("Invalid JSON path: '" + path + "'");
                    }
                    if (key.equals("*") || !key.matches("[A-Za-z0-9_$\\-]+")) {
                        throw notSupported("JSON path " + path);
                    }
                    duck.append(".\"").append(key).append('"');
                    i = end;
                }
                else if (c == '[') {
                    int end = path.indexOf(']', i);
                    if (end < 0) {
                        throw invalid("Invalid JSON path: '" + path + "'");
                    }
                    String inside = path.substring(i + 1, end).strip();
                    if (inside.matches("\\d+")) {
                        duck.append('[').append(Long.parseLong(inside)).append(']');
                    }
                    else if (inside.length() >= 2 && inside.startsWith("\"") && inside.endsWith("\"") && !inside.substring(1, inside.length() - 1).matches(".*[\"\\\\].*")) {
                        duck.append(".\"").append(inside, 1, inside.length() - 1).append('"');
                    }
                    else {
                        throw notSupported("JSON path " + path);
                    }
                    i = end + 1;
                }
                else {
                    throw invalid("Invalid JSON path: '" + path + "'");
                }
            }
            return context.literal(duck.toString());
        }

        private String url(int group)
        {
            arity(1);
            String value = sql(0);
            String pattern = context.literal(URL_PATTERN);
            String part = "regexp_extract(" + value + ", " + pattern + ", " + group + ")";
            String matched = switch (group) {
                // scheme and host are NULL when absent; java.net.URI has no empty host
                case 1, 2 -> "nullif(" + part + ", '')";
                case 3 -> "CAST(nullif(" + part + ", '') AS BIGINT)";
                // path, query and fragment are empty when absent (Trino 476: conformance url-008)
                default -> part;
            };
            return "CASE WHEN " + value + " IS NULL THEN NULL WHEN regexp_matches(" + value + ", " + pattern + ") THEN " + matched
                    + " ELSE " + error("URL form is not supported yet") + " END";
        }

        private String urlParameter()
        {
            arity(2);
            String value = sql(0);
            String pattern = context.literal(URL_PATTERN);
            String query = "regexp_extract(" + value + ", " + pattern + ", 5)";
            String name = sql(1);
            // the first argument named so; a name without '=' has the empty value
            String arguments = "list_filter(string_split(" + query + ", '&'), lambda a: split_part(a, '=', 1) = " + name + ")";
            String first = "(" + arguments + ")[1]";
            String decoded = "CASE WHEN strpos(" + first + ", '=') = 0 THEN '' ELSE " + urlDecode("substr(" + first + ", strpos(" + first + ", '=') + 1)") + " END";
            return strict("CASE WHEN NOT regexp_matches(" + value + ", " + pattern + ") THEN " + error("URL form is not supported yet")
                    + " WHEN " + first + " IS NULL THEN NULL ELSE " + decoded + " END", 0, 1);
        }

        private String urlDecode(String value)
        {
            // java.net.URLDecoder: + is a space, and a malformed escape fails
            String malformed = context.literal("%([^0-9A-Fa-f]|[0-9A-Fa-f][^0-9A-Fa-f]|[0-9A-Fa-f]?$)");
            return "CASE WHEN regexp_matches(" + value + ", " + malformed + ") THEN " + error("URLDecoder: Illegal hex characters in escape (%) pattern")
                    + " ELSE url_decode(replace(" + value + ", '+', '%20')) END";
        }
    }

    private static boolean bounded(SqlType type)
    {
        return type.kind() == Kind.VARCHAR && type.length() != SqlType.UNBOUNDED;
    }

    /** The type of ceil, floor and round: decimals lose their fraction digits, other types stay. */
    private static SqlType integral(SqlType type)
    {
        if (type.kind() != Kind.DECIMAL) {
            return type;
        }
        return SqlType.decimal(Math.min(38, type.length() - type.scale() + Math.min(type.scale(), 1)), 0);
    }

    private static String quote(String value)
    {
        return "'" + value.replace("'", "''") + "'";
    }

    private static PallasException notSupported(String construct)
    {
        return new PallasException(ErrorCode.NOT_SUPPORTED, construct + " is not supported yet");
    }

    private static PallasException invalid(String message)
    {
        return new PallasException(ErrorCode.INVALID_FUNCTION_ARGUMENT, message);
    }
}
