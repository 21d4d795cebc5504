package io.pallas.sql.classify;

import java.util.ArrayList;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * Splits statement text into the few token kinds the router needs to read leading keywords. Whitespace, {@code --}
 * line comments and {@code /* *}{@code /} block comments are dropped; unterminated strings and comments run to the end.
 */
final class SqlTokenizer
{
    enum Kind
    {
        WORD,
        QUOTED_IDENTIFIER,
        STRING,
        SYMBOL,
    }

    record Token(Kind kind, String text, int start)
    {
        Token
        {
            requireNonNull(kind, "kind is null");
            requireNonNull(text, "text is null");
        }

        boolean isKeyword(String keyword)
        {
            return kind == Kind.WORD && text.equalsIgnoreCase(keyword);
        }

        boolean isSymbol(char symbol)
        {
            return kind == Kind.SYMBOL && text.charAt(0) == symbol;
        }

        boolean isIdentifier()
        {
            return kind == Kind.WORD || kind == Kind.QUOTED_IDENTIFIER;
        }
    }

    private SqlTokenizer() {}

    /**
     * @param backslashEscapes whether a backslash escapes the next character inside quotes, as in Hive DDL
     * (Trino only doubles the quote)
     */
    static List<Token> tokenize(String sql, boolean backslashEscapes)
    {
        List<Token> tokens = new ArrayList<>();
        int length = sql.length();
        int position = 0;
        while (position < length) {
            char c = sql.charAt(position);
            if (Character.isWhitespace(c)) {
                position++;
            }
            else if (c == '-' && sql.startsWith("--", position)) {
                int end = sql.indexOf('\n', position);
                position = end < 0 ? length : end + 1;
            }
            else if (c == '/' && sql.startsWith("/*", position)) {
                int end = sql.indexOf("*/", position + 2);
                position = end < 0 ? length : end + 2;
            }
            else if (c == '\'' || c == '"' || c == '`') {
                int end = closingQuote(sql, position, backslashEscapes && c != '`');
                tokens.add(new Token(c == '\'' ? Kind.STRING : Kind.QUOTED_IDENTIFIER, sql.substring(position, end), position));
                position = end;
            }
            else if (isWordPart(c)) {
                int end = position;
                while (end < length && isWordPart(sql.charAt(end))) {
                    end++;
                }
                tokens.add(new Token(Kind.WORD, sql.substring(position, end), position));
                position = end;
            }
            else {
                tokens.add(new Token(Kind.SYMBOL, String.valueOf(c), position));
                position++;
            }
        }
        return List.copyOf(tokens);
    }

    private static int closingQuote(String sql, int start, boolean backslashEscapes)
    {
        char quote = sql.charAt(start);
        int position = start + 1;
        while (position < sql.length()) {
            char c = sql.charAt(position);
            if (backslashEscapes && c == '\\') {
                position += 2;
            }
            else if (c == quote) {
                // a doubled quote is an escaped quote, not the end
                if (position + 1 < sql.length() && sql.charAt(position + 1) == quote) {
                    position += 2;
                }
                else {
                    return position + 1;
                }
            }
            else {
                position++;
            }
        }
        return sql.length();
    }

    private static boolean isWordPart(char c)
    {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$' || c == '@' || Character.isSurrogate(c);
    }
}
