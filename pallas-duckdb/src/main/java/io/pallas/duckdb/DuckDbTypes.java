package io.pallas.duckdb;

import io.pallas.core.ErrorCode;
import io.pallas.core.PallasException;
import io.pallas.core.type.SqlType;
import io.pallas.core.type.SqlType.Kind;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Maps the type names DuckDB reports for result columns to the types Trino reports for the same query. */
final class DuckDbTypes
{
    private DuckDbTypes() {}

    static SqlType toSqlType(String duckDbTypeName)
    {
        TypeNameParser parser = new TypeNameParser(duckDbTypeName);
        SqlType type = parser.type();
        parser.skipSpaces();
        if (!parser.atEnd()) {
            throw unsupported(duckDbTypeName);
        }
        return type;
    }

    /**
     * Refines DuckDB's type with what the printer knows of the Trino type: precisions DuckDB does not keep,
     * char and bounded varchar, and intervals that DuckDB does not split into two kinds.
     */
    static SqlType refine(SqlType actual, Optional<SqlType> hint)
    {
        if (hint.isEmpty()) {
            return actual;
        }
        SqlType expected = hint.get();
        return switch (actual.kind()) {
            case TIMESTAMP, TIMESTAMP_WITH_TIME_ZONE, TIME -> expected.kind() == actual.kind() ? expected : actual;
            case VARCHAR -> expected.kind() == Kind.VARCHAR || expected.kind() == Kind.CHAR ? expected : actual;
            case INTERVAL_DAY_TO_SECOND -> expected.kind() == Kind.INTERVAL_YEAR_TO_MONTH ? expected : actual;
            case ARRAY -> expected.kind() == Kind.ARRAY
                    ? SqlType.array(refine(actual.elementType(), Optional.of(expected.elementType())))
                    : actual;
            case MAP -> expected.kind() == Kind.MAP
                    ? SqlType.map(
                            refine(actual.keyType(), Optional.of(expected.keyType())),
                            refine(actual.valueType(), Optional.of(expected.valueType())))
                    : actual;
            case ROW -> {
                if (expected.kind() != Kind.ROW || expected.parameters().size() != actual.parameters().size()) {
                    yield actual;
                }
                List<SqlType> fields = new ArrayList<>();
                for (int i = 0; i < actual.parameters().size(); i++) {
                    fields.add(refine(actual.parameters().get(i), Optional.of(expected.parameters().get(i))));
                }
                yield SqlType.row(actual.fieldNames(), fields);
            }
            default -> actual;
        };
    }

    private static PallasException unsupported(String typeName)
    {
        return new PallasException(ErrorCode.NOT_SUPPORTED, "Result type is not supported: " + typeName);
    }

    private static final class TypeNameParser
    {
        private final String text;
        private int position;

        TypeNameParser(String text)
        {
            this.text = text;
        }

        SqlType type()
        {
            SqlType type = baseType();
            while (true) {
                skipSpaces();
                if (!peek('[')) {
                    return type;
                }
                int close = text.indexOf(']', position);
                if (close < 0) {
                    throw unsupported(text);
                }
                // a fixed-size ARRAY[n] reads like a list on the Trino side
                position = close + 1;
                type = SqlType.array(type);
            }
        }

        private SqlType baseType()
        {
            skipSpaces();
            if (peek('"')) {
                String name = quoted();
                if (name.equals("NULL")) {
                    return SqlType.UNKNOWN;
                }
                throw unsupported(text);
            }
            String name = words();
            return switch (name) {
                case "BOOLEAN" -> SqlType.BOOLEAN;
                case "TINYINT" -> SqlType.TINYINT;
                case "SMALLINT", "UTINYINT" -> SqlType.SMALLINT;
                case "INTEGER", "USMALLINT" -> SqlType.INTEGER;
                // HUGEINT and the unsigned types hold values a bigint may not: the converter checks each value
                case "BIGINT", "UINTEGER", "UBIGINT", "HUGEINT", "UHUGEINT" -> SqlType.BIGINT;
                case "FLOAT" -> SqlType.REAL;
                case "DOUBLE" -> SqlType.DOUBLE;
                case "DECIMAL" -> {
                    expect('(');
                    int precision = number();
                    expect(',');
                    int scale = number();
                    expect(')');
                    yield SqlType.decimal(precision, scale);
                }
                case "VARCHAR" -> SqlType.VARCHAR;
                case "BLOB" -> SqlType.VARBINARY;
                case "DATE" -> SqlType.DATE;
                case "TIME" -> SqlType.time(SqlType.DEFAULT_TIMESTAMP_PRECISION);
                case "TIMESTAMP", "TIMESTAMP_US", "TIMESTAMP_MS" -> SqlType.timestamp(SqlType.DEFAULT_TIMESTAMP_PRECISION);
                case "TIMESTAMP_S" -> SqlType.timestamp(0);
                case "TIMESTAMP WITH TIME ZONE" -> SqlType.timestampWithTimeZone(SqlType.DEFAULT_TIMESTAMP_PRECISION);
                case "INTERVAL" -> SqlType.INTERVAL_DAY_TO_SECOND;
                case "UUID" -> SqlType.UUID;
                case "JSON" -> SqlType.JSON;
                case "MAP" -> {
                    expect('(');
                    SqlType key = type();
                    expect(',');
                    SqlType value = type();
                    expect(')');
                    yield SqlType.map(key, value);
                }
                case "STRUCT" -> struct(true);
                // DuckDB's name for the struct that row(...) builds: its fields have no names
                case "TUPLE" -> struct(false);
                default -> throw unsupported(text);
            };
        }

        private SqlType struct(boolean named)
        {
            expect('(');
            List<Optional<String>> names = new ArrayList<>();
            List<SqlType> fields = new ArrayList<>();
            do {
                if (named) {
                    skipSpaces();
                    names.add(Optional.of(peek('"') ? quoted() : identifier()));
                }
                else {
                    names.add(Optional.empty());
                }
                fields.add(type());
                skipSpaces();
            }
            while (accept(','));
            expect(')');
            return SqlType.row(names, fields);
        }

        private String words()
        {
            StringBuilder name = new StringBuilder();
            while (true) {
                int start = position;
                while (position < text.length() && (Character.isLetterOrDigit(text.charAt(position)) || text.charAt(position) == '_')) {
                    position++;
                }
                if (start == position) {
                    break;
                }
                if (!name.isEmpty()) {
                    name.append(' ');
                }
                name.append(text, start, position);
                int save = position;
                skipSpaces();
                if (position == save || atEnd() || !Character.isLetter(text.charAt(position))) {
                    position = save;
                    break;
                }
            }
            if (name.isEmpty()) {
                throw unsupported(text);
            }
            return name.toString().toUpperCase(Locale.ROOT);
        }

        private String identifier()
        {
            int start = position;
            while (position < text.length() && !Character.isWhitespace(text.charAt(position))) {
                position++;
            }
            return text.substring(start, position);
        }

        private String quoted()
        {
            expect('"');
            StringBuilder value = new StringBuilder();
            while (true) {
                if (atEnd()) {
                    throw unsupported(text);
                }
                char c = text.charAt(position++);
                if (c == '"') {
                    if (peek('"')) {
                        position++;
                        value.append('"');
                        continue;
                    }
                    return value.toString();
                }
                value.append(c);
            }
        }

        private int number()
        {
            skipSpaces();
            int start = position;
            while (position < text.length() && Character.isDigit(text.charAt(position))) {
                position++;
            }
            if (start == position) {
                throw unsupported(text);
            }
            return Integer.parseInt(text.substring(start, position));
        }

        private void expect(char c)
        {
            skipSpaces();
            if (!accept(c)) {
                throw unsupported(text);
            }
        }

        private boolean accept(char c)
        {
            if (peek(c)) {
                position++;
                return true;
            }
            return false;
        }

        private boolean peek(char c)
        {
            return position < text.length() && text.charAt(position) == c;
        }

        void skipSpaces()
        {
            while (position < text.length() && Character.isWhitespace(text.charAt(position))) {
                position++;
            }
        }

        boolean atEnd()
        {
            return position >= text.length();
        }
    }
}
