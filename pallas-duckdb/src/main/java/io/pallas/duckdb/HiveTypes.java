package io.pallas.duckdb;

import io.pallas.core.type.SqlType;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads the type strings the catalog stores for columns: Hive's spelling ({@code int}, {@code string},
 * {@code array<struct<a:int>>}) and, as views created through Trino store them, Trino's ({@code integer},
 * {@code varchar(3)}, {@code row(a integer)}).
 */
final class HiveTypes
{
    private final String text;
    private int position;

    private HiveTypes(String text)
    {
        this.text = text;
    }

    /** The Trino type of a catalog type string; fails with IllegalArgumentException when it is not one. */
    static SqlType toSqlType(String type)
    {
        HiveTypes parser = new HiveTypes(type);
        SqlType result = parser.type();
        parser.skipSpaces();
        if (parser.position != type.length()) {
            throw parser.invalid();
        }
        return result;
    }

    private SqlType type()
    {
        String name = word().toLowerCase(Locale.ROOT);
        return switch (name) {
            case "boolean" -> SqlType.BOOLEAN;
            case "tinyint" -> SqlType.TINYINT;
            case "smallint" -> SqlType.SMALLINT;
            case "int", "integer" -> SqlType.INTEGER;
            case "bigint" -> SqlType.BIGINT;
            case "float", "real" -> SqlType.REAL;
            case "double" -> {
                if (peekWord().equalsIgnoreCase("precision")) {
                    word();
                }
                yield SqlType.DOUBLE;
            }
            case "string" -> SqlType.VARCHAR;
            case "varchar" -> accept('(') ? SqlType.varchar(numberThen(')')) : SqlType.VARCHAR;
            case "char" -> accept('(') ? SqlType.charType(numberThen(')')) : SqlType.charType(1);
            case "binary", "varbinary" -> SqlType.VARBINARY;
            case "date" -> SqlType.DATE;
            case "timestamp" -> {
                int precision = accept('(') ? numberThen(')') : SqlType.DEFAULT_TIMESTAMP_PRECISION;
                yield SqlType.timestamp(precision);
            }
            case "decimal", "numeric" -> {
                if (!accept('(')) {
                    // Hive's decimal without parameters is decimal(10,0)
                    yield SqlType.decimal(10, 0);
                }
                int precision = number();
                int scale = accept(',') ? number() : 0;
                expect(')');
                yield SqlType.decimal(precision, scale);
            }
            case "json" -> SqlType.JSON;
            case "uuid" -> SqlType.UUID;
            case "array" -> {
                boolean hive = open();
                SqlType element = type();
                close(hive);
                yield SqlType.array(element);
            }
            case "map" -> {
                boolean hive = open();
                SqlType key = type();
                expect(',');
                SqlType value = type();
                close(hive);
                yield SqlType.map(key, value);
            }
            case "struct", "row" -> {
                boolean hive = open();
                List<Optional<String>> names = new ArrayList<>();
                List<SqlType> fields = new ArrayList<>();
                do {
                    names.add(Optional.of(fieldName().toLowerCase(Locale.ROOT)));
                    if (hive) {
                        expect(':');
                    }
                    fields.add(type());
                }
                while (accept(','));
                close(hive);
                yield SqlType.row(names, fields);
            }
            default -> throw invalid();
        };
    }

    /** Consumes {@code <} (Hive) or {@code (} (Trino) and tells which. */
    private boolean open()
    {
        if (accept('<')) {
            return true;
        }
        expect('(');
        return false;
    }

    private void close(boolean hive)
    {
        expect(hive ? '>' : ')');
    }

    private String fieldName()
    {
        skipSpaces();
        if (position < text.length() && (text.charAt(position) == '`' || text.charAt(position) == '"')) {
            char quote = text.charAt(position);
            int end = text.indexOf(quote, position + 1);
            if (end < 0) {
                throw invalid();
            }
            String name = text.substring(position + 1, end);
            position = end + 1;
            return name;
        }
        int start = position;
        while (position < text.length() && (Character.isLetterOrDigit(text.charAt(position)) || text.charAt(position) == '_' || text.charAt(position) == '$')) {
            position++;
        }
        if (start == position) {
            throw invalid();
        }
        return text.substring(start, position);
    }

    private String word()
    {
        skipSpaces();
        int start = position;
        while (position < text.length() && (Character.isLetter(text.charAt(position)) || text.charAt(position) == '_')) {
            position++;
        }
        if (start == position) {
            throw invalid();
        }
        return text.substring(start, position);
    }

    private String peekWord()
    {
        int saved = position;
        skipSpaces();
        int start = position;
        while (position < text.length() && Character.isLetter(text.charAt(position))) {
            position++;
        }
        String word = text.substring(start, position);
        position = saved;
        return word;
    }

    private int number()
    {
        skipSpaces();
        int start = position;
        while (position < text.length() && Character.isDigit(text.charAt(position))) {
            position++;
        }
        if (start == position) {
            throw invalid();
        }
        return Integer.parseInt(text.substring(start, position));
    }

    private int numberThen(char closing)
    {
        int value = number();
        expect(closing);
        return value;
    }

    private boolean accept(char expected)
    {
        skipSpaces();
        if (position < text.length() && text.charAt(position) == expected) {
            position++;
            return true;
        }
        return false;
    }

    private void expect(char expected)
    {
        if (!accept(expected)) {
            throw invalid();
        }
    }

    private void skipSpaces()
    {
        while (position < text.length() && Character.isWhitespace(text.charAt(position))) {
            position++;
        }
    }

    private IllegalArgumentException invalid()
    {
        return new IllegalArgumentException("Not a column type: " + text);
    }
}
