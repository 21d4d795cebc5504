package io.pallas.sql.hive;

import io.pallas.sql.hive.HiveToken.Kind;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits Hive DDL into tokens the way Hive's lexer does: identifiers are ASCII letters, digits and underscores
 * (they may start with a digit, so {@code 2021} is a number but {@code 2021a} a word), strings take single or double
 * quotes with backslash escapes and adjacent quoted pieces form one string, and backticks quote identifiers.
 * Positions are Hive's: 1-based lines, 0-based columns.
 */
final class HiveLexer
{
    private final String sql;
    private final List<HiveToken> tokens = new ArrayList<>();
    private int position;
    private int line = 1;
    private int lineStart;

    private HiveLexer(String sql)
    {
        this.sql = sql;
    }

    static List<HiveToken> tokenize(String sql)
    {
        HiveLexer lexer = new HiveLexer(sql);
        lexer.run();
        return List.copyOf(lexer.tokens);
    }

    private void run()
    {
        int length = sql.length();
        while (position < length) {
            char c = sql.charAt(position);
            if (c == '\n') {
                position++;
                line++;
                lineStart = position;
            }
            else if (Character.isWhitespace(c)) {
                position++;
            }
            else if (sql.startsWith("--", position)) {
                while (position < length && sql.charAt(position) != '\n') {
                    position++;
                }
            }
            else if (sql.startsWith("/*", position)) {
                int end = sql.indexOf("*/", position + 2);
                advanceTo(end < 0 ? length : end + 2);
            }
            else if (c == '\'' || c == '"') {
                string();
            }
            else if (c == '`') {
                quotedIdentifier();
            }
            else if (isWordPart(c)) {
                word();
            }
            else if ("(),.;:=<>*+-/%[]{}".indexOf(c) >= 0) {
                add(Kind.SYMBOL, position, position + 1, String.valueOf(c));
                position++;
            }
            else {
                throw new HiveParseException(line, position - lineStart, "character '%s' not supported here".formatted(c));
            }
        }
        tokens.add(new HiveToken(Kind.EOF, "<EOF>", "", line, position - lineStart));
    }

    private void string()
    {
        int start = position;
        int startLine = line;
        int startColumn = position - lineStart;
        StringBuilder value = new StringBuilder();
        // Hive's StringLiteral is one or more quoted pieces with nothing between them; their values are joined
        while (position < sql.length() && (sql.charAt(position) == '\'' || sql.charAt(position) == '"')) {
            char quote = sql.charAt(position);
            int pieceStart = position;
            int end = position + 1;
            while (end < sql.length() && sql.charAt(end) != quote) {
                end += sql.charAt(end) == '\\' ? 2 : 1;
            }
            if (end >= sql.length()) {
                // an unterminated string is not a token for Hive's lexer, so its opening quote is the bad character
                throw new HiveParseException(startLine, startColumn, "character '%s' not supported here".formatted(quote));
            }
            value.append(unescape(sql.substring(pieceStart + 1, end)));
            advanceTo(end + 1);
        }
        tokens.add(new HiveToken(Kind.STRING, sql.substring(start, position), value.toString(), startLine, startColumn));
    }

    private void quotedIdentifier()
    {
        int start = position;
        int startLine = line;
        int startColumn = position - lineStart;
        StringBuilder value = new StringBuilder();
        int end = position + 1;
        while (true) {
            if (end >= sql.length()) {
                throw new HiveParseException(startLine, startColumn, "character '`' not supported here");
            }
            char c = sql.charAt(end);
            if (c == '`') {
                if (end + 1 < sql.length() && sql.charAt(end + 1) == '`') {
                    value.append('`');
                    end += 2;
                    continue;
                }
                break;
            }
            value.append(c);
            end++;
        }
        advanceTo(end + 1);
        tokens.add(new HiveToken(Kind.QUOTED_IDENTIFIER, sql.substring(start, position), value.toString(), startLine, startColumn));
    }

    private void word()
    {
        int start = position;
        int end = position;
        while (end < sql.length() && isWordPart(sql.charAt(end))) {
            end++;
        }
        String text = sql.substring(start, end);
        Kind kind = Kind.WORD;
        if (text.chars().allMatch(HiveLexer::isDigit)) {
            kind = Kind.NUMBER;
            if (end + 1 < sql.length() && sql.charAt(end) == '.' && isDigit(sql.charAt(end + 1))) {
                end++;
                while (end < sql.length() && isDigit(sql.charAt(end))) {
                    end++;
                }
                text = sql.substring(start, end);
            }
        }
        add(kind, start, end, text);
        position = end;
    }

    private void add(Kind kind, int start, int end, String value)
    {
        tokens.add(new HiveToken(kind, sql.substring(start, end), value, line, start - lineStart));
    }

    private void advanceTo(int end)
    {
        for (int i = position; i < end; i++) {
            if (sql.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        position = end;
    }

    /**
     * Hive's unescaping of string literal contents: {@code \}ooo octal (first digit 0 or 1), {@code \}uXXXX, the usual
     * single-character escapes, and any other escaped character stands for itself.
     */
    static String unescape(String body)
    {
        StringBuilder result = new StringBuilder(body.length());
        int i = 0;
        while (i < body.length()) {
            char c = body.charAt(i);
            if (c != '\\' || i + 1 >= body.length()) {
                result.append(c);
                i++;
                continue;
            }
            char next = body.charAt(i + 1);
            if (next == 'u' && i + 6 <= body.length() && isHex(body.substring(i + 2, i + 6))) {
                result.append((char) Integer.parseInt(body.substring(i + 2, i + 6), 16));
                i += 6;
                continue;
            }
            if (i + 4 <= body.length() && (next == '0' || next == '1') && isOctal(body.charAt(i + 2)) && isOctal(body.charAt(i + 3))) {
                result.append((char) Integer.parseInt(body.substring(i + 1, i + 4), 8));
                i += 4;
                continue;
            }
            result.append(switch (next) {
                case '0' -> "\0";
                case 'b' -> "\b";
                case 'n' -> "\n";
                case 'r' -> "\r";
                case 't' -> "\t";
                case 'Z' -> "\u001A";
                // kept escaped because they are LIKE wildcards once unescaped
                case '%' -> "\\%";
                case '_' -> "\\_";
                default -> String.valueOf(next);
            });
            i += 2;
        }
        return result.toString();
    }

    private static boolean isHex(String text)
    {
        return text.chars().allMatch(c -> Character.digit(c, 16) >= 0);
    }

    private static boolean isOctal(char c)
    {
        return c >= '0' && c <= '7';
    }

    private static boolean isDigit(int c)
    {
        return c >= '0' && c <= '9';
    }

    private static boolean isWordPart(char c)
    {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || isDigit(c) || c == '_';
    }
}
