package io.pallas.sql.classify;

import io.pallas.core.query.StatementType;
import io.pallas.sql.SqlSyntaxException;
import io.pallas.sql.TrinoSqlParser;
import io.pallas.sql.classify.SqlTokenizer.Token;
import io.trino.sql.tree.CreateTableAsSelect;
import io.trino.sql.tree.CreateView;
import io.trino.sql.tree.Deallocate;
import io.trino.sql.tree.Delete;
import io.trino.sql.tree.Execute;
import io.trino.sql.tree.Explain;
import io.trino.sql.tree.ExplainAnalyze;
import io.trino.sql.tree.Insert;
import io.trino.sql.tree.Merge;
import io.trino.sql.tree.Prepare;
import io.trino.sql.tree.Query;
import io.trino.sql.tree.ShowFunctions;
import io.trino.sql.tree.Statement;
import io.trino.sql.tree.Update;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import static io.pallas.core.query.StatementType.DDL;
import static io.pallas.core.query.StatementType.DML;
import static io.pallas.core.query.StatementType.UTILITY;
import static java.util.Objects.requireNonNull;

/**
 * Decides from a raw QueryString which path runs it and which StatementType/SubstatementType Athena reports
 * (contract §4.12, §6). Leading keywords pick the path, so Hive DDL is classified even when it would not parse;
 * Trino-grammar statements are parsed here and classified from their AST, and their syntax errors propagate as
 * {@link SqlSyntaxException} with Trino's {@code line L:C: …} text.
 *
 * <p>Choices where the contract has no measurement:
 * <ul>
 * <li>More than one statement is {@link StatementPath#UNSUPPORTED} on every path (§4.4 names multi-statement input
 * among the {@code Queries of this type are not supported} cases), rather than Trino's {@code mismatched input ';'}.
 * <li>{@code PREPARE} is DDL/PREPARE and {@code DEALLOCATE PREPARE} DDL/DEALLOCATE: they change stored workgroup
 * state, like CREATE and DROP. {@code EXECUTE} is DML/EXECUTE here; the caller, which can look up the prepared
 * statement, should report the type of the prepared statement's text instead (§4.12).
 * <li>{@code ALTER TABLE t PARTITION (…) RENAME TO PARTITION (…)} is DDL/ALTER_TABLE_RENAME_PARTITION; an ALTER TABLE
 * action Athena does not document is DDL/ALTER_TABLE on the Hive path, whose parser then fails it.
 * <li>DESCRIBE of a view is reported as DESCRIBE_TABLE; only the catalog knows it is a view (DESC_VIEW).
 * <li>{@code CREATE OR REPLACE TABLE} is refused with a syntax error as Athena's grammar does; the expected-token list
 * is trino-parser's own without TABLE and BRANCH.
 * <li>Refused statements carry UTILITY/UNSUPPORTED, which never reaches the wire since no query ID is created.
 * </ul>
 */
public final class StatementRouter
{
    public static final String UNSUPPORTED_MESSAGE = "Queries of this type are not supported";

    /** Reported for refused statements; Athena refuses them before a query ID exists, so these never reach the wire. */
    static final String UNSUPPORTED_SUBSTATEMENT = "UNSUPPORTED";

    private static final String CTAS = "CREATE_TABLE_AS_SELECT";

    private static final Set<String> UNSUPPORTED_LEADING = Set.of(
            "START", "BEGIN", "COMMIT", "ROLLBACK", "CALL", "GRANT", "REVOKE", "DENY", "SET", "RESET", "USE",
            "LOCK", "UNLOCK", "DFS", "EXPORT", "IMPORT", "TRUNCATE", "COMMENT", "REFRESH", "ANALYZE", "RELOAD");
    private static final Set<String> UNSUPPORTED_CREATE_DROP = Set.of(
            "INDEX", "ROLE", "TEMPORARY", "FUNCTION", "MACRO", "MATERIALIZED", "CATALOG", "BRANCH");
    private static final Set<String> UNSUPPORTED_SHOW = Set.of(
            "SESSION", "STATS", "GRANT", "GRANTS", "ROLE", "ROLES", "CURRENT", "COMPACTIONS", "INDEX", "INDEXES",
            "LOCKS", "PRINCIPALS", "TRANSACTIONS", "CATALOGS", "BRANCHES", "CONF");
    private static final Set<String> UNSUPPORTED_ALTER_TABLE = Set.of(
            "ARCHIVE", "UNARCHIVE", "CLUSTERED", "EXCHANGE", "NOT", "SKEWED", "TOUCH", "COMPACT", "CONCATENATE", "INTO");
    private static final Set<String> UNSUPPORTED_ALTER_TABLE_SET = Set.of(
            "SERDEPROPERTIES", "SERDE", "SKEWED", "FILEFORMAT", "OWNER");

    private final TrinoSqlParser parser;

    public StatementRouter(TrinoSqlParser parser)
    {
        this.parser = requireNonNull(parser, "parser is null");
    }

    /**
     * Routes one QueryString. A single trailing {@code ;} is allowed; more than one statement is unsupported.
     *
     * @throws SqlSyntaxException when a Trino-grammar statement does not parse
     */
    public RoutedStatement route(String queryString)
    {
        requireNonNull(queryString, "queryString is null");
        List<Token> tokens = SqlTokenizer.tokenize(queryString, false);
        if (!tokens.isEmpty() && tokens.getFirst().isKeyword("ALTER")) {
            // partition specs are read before the action keyword, and their Hive literals may hold \'
            tokens = SqlTokenizer.tokenize(queryString, true);
        }
        Optional<RoutedStatement> byKeywords = routeByKeywords(new Cursor(queryString, tokens));
        if (byKeywords.isPresent() && byKeywords.get().path() == StatementPath.HIVE_DDL) {
            tokens = SqlTokenizer.tokenize(queryString, true);
        }

        int terminator = firstSemicolon(tokens);
        if (terminator >= 0 && terminator < tokens.size() - 1) {
            return unsupported();
        }
        String text = queryString;
        if (terminator >= 0) {
            // blanked rather than cut so that comments may follow it and error positions stay those of the original text
            int offset = tokens.get(terminator).start();
            text = queryString.substring(0, offset) + " " + queryString.substring(offset + 1);
        }

        if (byKeywords.isEmpty()) {
            return fromAst(parser.parse(text));
        }
        RoutedStatement routed = byKeywords.get();
        if (routed.substatementType().equals("UNLOAD")) {
            return routeUnload(text, tokens, routed);
        }
        return routed;
    }

    private static Optional<RoutedStatement> routeByKeywords(Cursor cursor)
    {
        String first = cursor.nextWord();
        return switch (first) {
            case "CREATE" -> routeCreate(cursor);
            case "DROP" -> routeDrop(cursor);
            case "ALTER" -> routeAlter(cursor);
            case "SHOW" -> routeShow(cursor);
            case "DESCRIBE", "DESC" -> Optional.of(routeDescribe(cursor));
            case "MSCK" -> hive(DDL, "MSCK_REPAIR");
            case "UNLOAD" -> Optional.of(new RoutedStatement(DML, "UNLOAD", StatementPath.ATHENA_EXTENSION, Optional.empty()));
            case "OPTIMIZE" -> Optional.of(new RoutedStatement(DDL, CTAS, StatementPath.ATHENA_EXTENSION, Optional.empty()));
            case "VACUUM" -> Optional.of(new RoutedStatement(DML, "VACUUM_TABLE", StatementPath.ATHENA_EXTENSION, Optional.empty()));
            default -> UNSUPPORTED_LEADING.contains(first) ? Optional.of(unsupported()) : Optional.empty();
        };
    }

    private static Optional<RoutedStatement> routeCreate(Cursor cursor)
    {
        String object = cursor.nextWord();
        return switch (object) {
            case "OR" -> {
                if (!cursor.nextWord().equals("REPLACE")) {
                    yield Optional.empty();
                }
                Token kind = cursor.peek();
                if (kind != null && kind.isKeyword("TABLE")) {
                    // trino-parser accepts CREATE OR REPLACE TABLE; Athena's grammar does not (contract §6.1)
                    throw new SqlSyntaxException(
                            "line %s: mismatched input '%s'. Expecting: 'FUNCTION', 'MATERIALIZED', 'VIEW'".formatted(cursor.position(kind), kind.text()),
                            null);
                }
                yield Optional.empty();
            }
            case "EXTERNAL" -> hive(DDL, "CREATE_TABLE");
            case "TABLE" -> routeCreateTable(cursor);
            case "DATABASE", "SCHEMA" -> hive(DDL, "CREATE_DATABASE");
            default -> UNSUPPORTED_CREATE_DROP.contains(object) ? Optional.of(unsupported()) : Optional.empty();
        };
    }

    /** {@code CREATE TABLE name [(…)] [COMMENT '…'] [WITH (…)] AS …} is Trino CTAS; anything else is Hive DDL. */
    private static Optional<RoutedStatement> routeCreateTable(Cursor cursor)
    {
        cursor.skipKeywords("IF", "NOT", "EXISTS");
        cursor.skipQualifiedName();
        if (cursor.peekIsKeyword("LIKE")) {
            return Optional.of(unsupported());
        }
        if (cursor.peekIsSymbol('(')) {
            Token inside = cursor.peekAt(1);
            if (inside != null && inside.isKeyword("LIKE")) {
                return Optional.of(unsupported());
            }
            cursor.skipParenthesized();
        }
        if (cursor.peekIsKeyword("COMMENT")) {
            cursor.next();
            cursor.next();
        }
        if (cursor.peekIsKeyword("WITH")) {
            cursor.next();
            cursor.skipParenthesized();
        }
        if (cursor.peekIsKeyword("AS")) {
            return Optional.empty();
        }
        return hive(DDL, "CREATE_TABLE");
    }

    private static Optional<RoutedStatement> routeDrop(Cursor cursor)
    {
        String object = cursor.nextWord();
        return switch (object) {
            case "TABLE" -> hive(DDL, "DROP_TABLE");
            case "VIEW" -> hive(DDL, "DROP_VIEW");
            case "DATABASE", "SCHEMA" -> hive(DDL, "DROP_DATABASE");
            default -> UNSUPPORTED_CREATE_DROP.contains(object) ? Optional.of(unsupported()) : Optional.empty();
        };
    }

    private static Optional<RoutedStatement> routeAlter(Cursor cursor)
    {
        return switch (cursor.nextWord()) {
            case "DATABASE", "SCHEMA" -> hive(DDL, "ALTER_DATABASE");
            case "TABLE" -> routeAlterTable(cursor);
            case "INDEX" -> Optional.of(unsupported());
            default -> Optional.empty();
        };
    }

    private static Optional<RoutedStatement> routeAlterTable(Cursor cursor)
    {
        cursor.skipQualifiedName();
        boolean partitionSpec = false;
        if (cursor.peekIsKeyword("PARTITION")) {
            cursor.next();
            cursor.skipParenthesized();
            partitionSpec = true;
        }
        String action = cursor.nextWord();
        if (UNSUPPORTED_ALTER_TABLE.contains(action)) {
            return Optional.of(unsupported());
        }
        String substatement = switch (action) {
            case "ADD" -> {
                cursor.skipKeywords("IF", "NOT", "EXISTS");
                yield cursor.peekIsKeyword("PARTITION") ? "ALTER_TABLE_ADD_PARTITION" : "ALTER_TABLE_ADD_COLUMN";
            }
            case "DROP" -> {
                cursor.skipKeywords("IF", "EXISTS");
                yield cursor.peekIsKeyword("PARTITION") ? "ALTER_TABLE_DROP_PARTITION" : "ALTER_TABLE_DROP_COLUMN";
            }
            case "REPLACE" -> "ALTER_TABLE_REPLACE_COLUMN";
            case "CHANGE" -> partitionSpec ? null : "ALTER_TABLE_CHANGE_COLUMN";
            case "RENAME" -> partitionSpec ? "ALTER_TABLE_RENAME_PARTITION" : "ALTER_TABLE_RENAME";
            case "SET" -> {
                String property = cursor.nextWord();
                if (UNSUPPORTED_ALTER_TABLE_SET.contains(property)) {
                    yield null;
                }
                yield property.equals("LOCATION") ? "ALTER_TABLE_SET_LOCATION" : "ALTER_TABLE_PROPERTIES";
            }
            case "UNSET" -> "ALTER_TABLE_PROPERTIES";
            // not a form Athena documents; the Hive path reports the parse error
            default -> "ALTER_TABLE";
        };
        if (substatement == null) {
            return Optional.of(unsupported());
        }
        return hive(DDL, substatement);
    }

    private static Optional<RoutedStatement> routeShow(Cursor cursor)
    {
        String object = cursor.nextWord();
        return switch (object) {
            case "TABLES" -> hive(UTILITY, "SHOW_TABLES");
            case "DATABASES", "SCHEMAS" -> hive(UTILITY, "SHOW_DATABASES");
            case "COLUMNS" -> hive(UTILITY, "SHOW_COLUMNS");
            case "PARTITIONS" -> hive(UTILITY, "SHOW_PARTITIONS");
            case "TBLPROPERTIES" -> hive(UTILITY, "SHOW_TABLE_PROPERTIES");
            case "VIEWS" -> hive(UTILITY, "SHOW_VIEWS");
            case "CREATE" -> switch (cursor.nextWord()) {
                case "TABLE" -> hive(UTILITY, "SHOW_CREATE_TABLE");
                case "VIEW" -> hive(UTILITY, "SHOW_CREATE_VIEW");
                default -> Optional.of(unsupported());
            };
            default -> UNSUPPORTED_SHOW.contains(object) ? Optional.of(unsupported()) : Optional.empty();
        };
    }

    private static RoutedStatement routeDescribe(Cursor cursor)
    {
        // DESCRIBE INPUT p / DESCRIBE DATABASE d are unsupported, but DESCRIBE input names a table called input
        Token second = cursor.next();
        Token third = cursor.peek();
        if (second != null && third != null && third.isIdentifier()
                && (second.isKeyword("INPUT") || second.isKeyword("OUTPUT") || second.isKeyword("DATABASE") || second.isKeyword("SCHEMA"))) {
            return unsupported();
        }
        return new RoutedStatement(UTILITY, "DESCRIBE_TABLE", StatementPath.HIVE_DDL, Optional.empty());
    }

    /** {@code UNLOAD (query) TO …}: the query is parsed in place so that its syntax errors point into the original text. */
    private RoutedStatement routeUnload(String text, List<Token> tokens, RoutedStatement routed)
    {
        if (tokens.size() < 2 || !tokens.get(1).isSymbol('(')) {
            return routed;
        }
        int close = matchingParenthesis(tokens, 1);
        if (close < 0) {
            return routed;
        }
        int start = tokens.get(1).start() + 1;
        int end = tokens.get(close).start();
        String query = blankOutside(text, 0, start) + text.substring(start, end) + blankOutside(text, end, text.length());
        Statement statement = parser.parse(query);
        return new RoutedStatement(routed.statementType(), routed.substatementType(), routed.path(), Optional.of(statement));
    }

    private static RoutedStatement fromAst(Statement statement)
    {
        return switch (statement) {
            case Query _ -> trino(DML, "SELECT", statement);
            case Insert _ -> trino(DML, "INSERT", statement);
            case Update _ -> trino(DML, "UPDATE", statement);
            case Delete _ -> trino(DML, "DELETE", statement);
            case Merge _ -> trino(DML, "MERGE", statement);
            case Explain _, ExplainAnalyze _ -> trino(DML, "EXPLAIN", statement);
            case CreateTableAsSelect _ -> trino(DDL, CTAS, statement);
            case CreateView _ -> trino(DDL, "CREATE_VIEW", statement);
            case ShowFunctions _ -> trino(UTILITY, "SHOW_FUNCTIONS", statement);
            // Athena prepares only SELECT, CTAS, INSERT INTO and UNLOAD (contract §4.7)
            case Prepare prepare when prepare.getStatement() instanceof Query
                    || prepare.getStatement() instanceof Insert
                    || prepare.getStatement() instanceof CreateTableAsSelect -> trino(DDL, "PREPARE", statement);
            case Execute _ -> trino(DML, "EXECUTE", statement);
            case Deallocate _ -> trino(DDL, "DEALLOCATE", statement);
            default -> unsupported();
        };
    }

    private static RoutedStatement trino(StatementType type, String substatementType, Statement statement)
    {
        return new RoutedStatement(type, substatementType, StatementPath.TRINO, Optional.of(statement));
    }

    private static Optional<RoutedStatement> hive(StatementType type, String substatementType)
    {
        return Optional.of(new RoutedStatement(type, substatementType, StatementPath.HIVE_DDL, Optional.empty()));
    }

    private static RoutedStatement unsupported()
    {
        return new RoutedStatement(UTILITY, UNSUPPORTED_SUBSTATEMENT, StatementPath.UNSUPPORTED, Optional.empty());
    }

    private static int firstSemicolon(List<Token> tokens)
    {
        for (int i = 0; i < tokens.size(); i++) {
            if (tokens.get(i).isSymbol(';')) {
                return i;
            }
        }
        return -1;
    }

    private static int matchingParenthesis(List<Token> tokens, int open)
    {
        int depth = 0;
        for (int i = open; i < tokens.size(); i++) {
            if (tokens.get(i).isSymbol('(')) {
                depth++;
            }
            else if (tokens.get(i).isSymbol(')')) {
                depth--;
                if (depth == 0) {
                    return i;
                }
            }
        }
        return -1;
    }

    /** Replaces each code point of {@code text[start, end)} with a space, keeping line breaks, so parser positions do not move. */
    private static String blankOutside(String text, int start, int end)
    {
        StringBuilder blank = new StringBuilder(end - start);
        text.substring(start, end).codePoints()
                .forEach(codePoint -> blank.append(codePoint == '\n' || codePoint == '\r' ? (char) codePoint : ' '));
        return blank.toString();
    }

    private static final class Cursor
    {
        private final String text;
        private final List<Token> tokens;
        private int index;

        Cursor(String text, List<Token> tokens)
        {
            this.text = requireNonNull(text, "text is null");
            this.tokens = requireNonNull(tokens, "tokens is null");
        }

        Token peek()
        {
            return peekAt(0);
        }

        Token peekAt(int ahead)
        {
            return index + ahead < tokens.size() ? tokens.get(index + ahead) : null;
        }

        Token next()
        {
            Token token = peek();
            if (token != null) {
                index++;
            }
            return token;
        }

        /** The next token upper-cased if it is a bare word, otherwise an empty string; consumes the token either way. */
        String nextWord()
        {
            Token token = next();
            return token != null && token.kind() == SqlTokenizer.Kind.WORD ? token.text().toUpperCase(Locale.ROOT) : "";
        }

        boolean peekIsKeyword(String keyword)
        {
            Token token = peek();
            return token != null && token.isKeyword(keyword);
        }

        boolean peekIsSymbol(char symbol)
        {
            Token token = peek();
            return token != null && token.isSymbol(symbol);
        }

        /** Skips the given keyword sequence only when all of it is there, as in {@code IF NOT EXISTS}. */
        void skipKeywords(String... keywords)
        {
            for (int i = 0; i < keywords.length; i++) {
                Token token = peekAt(i);
                if (token == null || !token.isKeyword(keywords[i])) {
                    return;
                }
            }
            index += keywords.length;
        }

        void skipQualifiedName()
        {
            if (peek() == null || !peek().isIdentifier()) {
                return;
            }
            index++;
            while (peekIsSymbol('.') && peekAt(1) != null && peekAt(1).isIdentifier()) {
                index += 2;
            }
        }

        void skipParenthesized()
        {
            if (!peekIsSymbol('(')) {
                return;
            }
            int close = matchingParenthesis(tokens, index);
            index = close < 0 ? tokens.size() : close + 1;
        }

        /** {@code L:C} of a token as trino-parser reports it: 1-based line, 1-based column in code points. */
        String position(Token token)
        {
            int lineStart = text.lastIndexOf('\n', token.start() - 1) + 1;
            long line = text.substring(0, lineStart).chars().filter(c -> c == '\n').count() + 1;
            int column = text.codePointCount(lineStart, token.start()) + 1;
            return line + ":" + column;
        }
    }
}
