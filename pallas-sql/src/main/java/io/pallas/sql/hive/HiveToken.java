package io.pallas.sql.hive;

import static java.util.Objects.requireNonNull;

/**
 * One token of Hive DDL text. {@code text} is the source text as written (quotes included), which is what Hive's
 * error messages quote; {@code value} is the unescaped value of strings and backticked identifiers.
 */
record HiveToken(Kind kind, String text, String value, int line, int column)
{
    enum Kind
    {
        WORD,
        QUOTED_IDENTIFIER,
        STRING,
        NUMBER,
        SYMBOL,
        EOF,
    }

    HiveToken
    {
        requireNonNull(kind, "kind is null");
        requireNonNull(text, "text is null");
        requireNonNull(value, "value is null");
    }

    boolean isKeyword(String keyword)
    {
        return kind == Kind.WORD && text.equalsIgnoreCase(keyword);
    }

    boolean isSymbol(String symbol)
    {
        return kind == Kind.SYMBOL && text.equals(symbol);
    }

    /** The token as ANTLR displays it in Hive's messages: quoted, with control characters made visible. */
    String display()
    {
        if (kind == Kind.EOF) {
            return "'<EOF>'";
        }
        return "'" + text.replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t") + "'";
    }
}
