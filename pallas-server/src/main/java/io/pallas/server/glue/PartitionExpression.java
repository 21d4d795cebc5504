package io.pallas.server.glue;

import io.pallas.core.catalog.TableColumn;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The {@code Expression} of GetPartitions: a SQL-like filter on partition keys. Supported are comparisons of a key
 * with a literal ({@code =}, {@code <>}, {@code !=}, {@code <}, {@code <=}, {@code >}, {@code >=}), {@code IN} and
 * {@code NOT IN} lists, {@code BETWEEN}, combined with {@code AND}, {@code OR}, {@code NOT} and parentheses.
 * Literals are quoted strings ({@code 'it''s'}) or numbers. A key of an integer type compares numerically, others
 * compare as strings. Anything else is refused with the reason, which the API answers as InvalidInputException.
 */
final class PartitionExpression
{
    private static final Set<String> INTEGER_TYPES = Set.of("tinyint", "smallint", "int", "integer", "bigint");

    private final List<TableColumn> keys;
    private final List<Token> tokens;
    private int position;

    private PartitionExpression(List<TableColumn> keys, List<Token> tokens)
    {
        this.keys = keys;
        this.tokens = tokens;
    }

    static final class InvalidExpressionException
            extends RuntimeException
    {
        InvalidExpressionException(String message)
        {
            super(message);
        }
    }

    /** A filter on partition values (in key order). */
    static Predicate<List<String>> parse(String expression, List<TableColumn> keys)
    {
        PartitionExpression parser = new PartitionExpression(keys, tokenize(expression));
        Predicate<List<String>> predicate = parser.or();
        if (parser.peek().kind() != Kind.END) {
            throw new InvalidExpressionException("Unsupported expression: unexpected '" + parser.peek().text() + "'");
        }
        return predicate;
    }

    private Predicate<List<String>> or()
    {
        Predicate<List<String>> left = and();
        while (acceptKeyword("OR")) {
            left = left.or(and());
        }
        return left;
    }

    private Predicate<List<String>> and()
    {
        Predicate<List<String>> left = not();
        while (acceptKeyword("AND")) {
            left = left.and(not());
        }
        return left;
    }

    private Predicate<List<String>> not()
    {
        if (acceptKeyword("NOT")) {
            return not().negate();
        }
        return primary();
    }

    private Predicate<List<String>> primary()
    {
        if (accept(Kind.SYMBOL, "(")) {
            Predicate<List<String>> inner = or();
            expect(")");
            return inner;
        }
        Token name = next();
        if (name.kind() != Kind.IDENTIFIER) {
            throw new InvalidExpressionException("Unsupported expression: expected a partition key but found '" + name.text() + "'");
        }
        int index = keyIndex(name.text());
        boolean numeric = INTEGER_TYPES.contains(keys.get(index).type().toLowerCase(Locale.ROOT));
        boolean negated = acceptKeyword("NOT");
        if (acceptKeyword("IN")) {
            expect("(");
            List<String> literals = new ArrayList<>();
            do {
                literals.add(literal());
            }
            while (accept(Kind.SYMBOL, ","));
            expect(")");
            Predicate<List<String>> in = values -> literals.stream().anyMatch(literal -> compare(values.get(index), literal, numeric) == 0);
            return negated ? in.negate() : in;
        }
        if (acceptKeyword("BETWEEN")) {
            String low = literal();
            if (!acceptKeyword("AND")) {
                throw new InvalidExpressionException("Unsupported expression: BETWEEN needs AND");
            }
            String high = literal();
            Predicate<List<String>> between = values -> compare(values.get(index), low, numeric) >= 0 && compare(values.get(index), high, numeric) <= 0;
            return negated ? between.negate() : between;
        }
        if (negated) {
            throw new InvalidExpressionException("Unsupported expression: NOT must be followed by IN or BETWEEN here");
        }
        Token operator = next();
        if (operator.kind() != Kind.OPERATOR) {
            throw new InvalidExpressionException("Unsupported expression: expected a comparison after " + name.text() + " but found '" + operator.text() + "'");
        }
        String literal = literal();
        return switch (operator.text()) {
            case "=", "==" -> values -> compare(values.get(index), literal, numeric) == 0;
            case "<>", "!=" -> values -> compare(values.get(index), literal, numeric) != 0;
            case "<" -> values -> compare(values.get(index), literal, numeric) < 0;
            case "<=" -> values -> compare(values.get(index), literal, numeric) <= 0;
            case ">" -> values -> compare(values.get(index), literal, numeric) > 0;
            case ">=" -> values -> compare(values.get(index), literal, numeric) >= 0;
            default -> throw new InvalidExpressionException("Unsupported expression: unknown operator " + operator.text());
        };
    }

    private static int compare(String value, String literal, boolean numeric)
    {
        if (numeric) {
            try {
                return Long.compare(Long.parseLong(value.trim()), Long.parseLong(literal.trim()));
            }
            catch (NumberFormatException _) {
                // not both numbers: compare as written
            }
        }
        return value.compareTo(literal);
    }

    private int keyIndex(String name)
    {
        for (int i = 0; i < keys.size(); i++) {
            if (keys.get(i).name().equalsIgnoreCase(name)) {
                return i;
            }
        }
        throw new InvalidExpressionException("Unsupported expression: " + name + " is not a partition key");
    }

    private String literal()
    {
        Token token = next();
        if (token.kind() != Kind.STRING && token.kind() != Kind.NUMBER) {
            throw new InvalidExpressionException("Unsupported expression: expected a literal but found '" + token.text() + "'");
        }
        return token.text();
    }

    private void expect(String symbol)
    {
        if (!accept(Kind.SYMBOL, symbol)) {
            throw new InvalidExpressionException("Unsupported expression: expected '" + symbol + "' but found '" + peek().text() + "'");
        }
    }

    private boolean acceptKeyword(String keyword)
    {
        Token token = peek();
        if (token.kind() == Kind.IDENTIFIER && !token.quoted() && token.text().equalsIgnoreCase(keyword)) {
            position++;
            return true;
        }
        return false;
    }

    private boolean accept(Kind kind, String text)
    {
        Token token = peek();
        if (token.kind() == kind && token.text().equals(text)) {
            position++;
            return true;
        }
        return false;
    }

    private Token peek()
    {
        return tokens.get(position);
    }

    private Token next()
    {
        Token token = tokens.get(position);
        if (token.kind() != Kind.END) {
            position++;
        }
        return token;
    }

    private enum Kind
    {
        IDENTIFIER,
        STRING,
        NUMBER,
        OPERATOR,
        SYMBOL,
        END,
    }

    private record Token(Kind kind, String text, boolean quoted) {}

    private static List<Token> tokenize(String text)
    {
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            }
            else if (c == '\'') {
                StringBuilder value = new StringBuilder();
                i++;
                while (true) {
                    if (i >= text.length()) {
                        throw new InvalidExpressionException("Unsupported expression: unterminated string literal");
                    }
                    if (text.charAt(i) == '\'') {
                        if (i + 1 < text.length() && text.charAt(i + 1) == '\'') {
                            value.append('\'');
                            i += 2;
                            continue;
                        }
                        i++;
                        break;
                    }
                    value.append(text.charAt(i++));
                }
                tokens.add(new Token(Kind.STRING, value.toString(), true));
            }
            else if (c == '`' || c == '"') {
                int end = text.indexOf(c, i + 1);
                if (end < 0) {
                    throw new InvalidExpressionException("Unsupported expression: unterminated quoted name");
                }
                tokens.add(new Token(Kind.IDENTIFIER, text.substring(i + 1, end), true));
                i = end + 1;
            }
            else if (Character.isDigit(c) || (c == '-' && i + 1 < text.length() && Character.isDigit(text.charAt(i + 1)))) {
                int start = i++;
                while (i < text.length() && (Character.isDigit(text.charAt(i)) || text.charAt(i) == '.')) {
                    i++;
                }
                tokens.add(new Token(Kind.NUMBER, text.substring(start, i), false));
            }
            else if (Character.isLetter(c) || c == '_') {
                int start = i;
                while (i < text.length() && (Character.isLetterOrDigit(text.charAt(i)) || text.charAt(i) == '_')) {
                    i++;
                }
                tokens.add(new Token(Kind.IDENTIFIER, text.substring(start, i), false));
            }
            else if (c == '(' || c == ')' || c == ',') {
                tokens.add(new Token(Kind.SYMBOL, String.valueOf(c), false));
                i++;
            }
            else if ("=<>!".indexOf(c) >= 0) {
                String two = i + 1 < text.length() ? text.substring(i, i + 2) : "";
                if (Set.of("==", "<>", "!=", "<=", ">=").contains(two)) {
                    tokens.add(new Token(Kind.OPERATOR, two, false));
                    i += 2;
                }
                else if (c == '!') {
                    throw new InvalidExpressionException("Unsupported expression: unexpected '!'");
                }
                else {
                    tokens.add(new Token(Kind.OPERATOR, String.valueOf(c), false));
                    i++;
                }
            }
            else {
                throw new InvalidExpressionException("Unsupported expression: unexpected '" + c + "'");
            }
        }
        tokens.add(new Token(Kind.END, "end of expression", false));
        return tokens;
    }
}
