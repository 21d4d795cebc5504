package io.pallas.sql.params;

import io.trino.sql.parser.ParsingException;
import io.trino.sql.parser.SqlParser;
import io.trino.sql.tree.DataType;
import io.trino.sql.tree.DereferenceExpression;
import io.trino.sql.tree.Expression;
import io.trino.sql.tree.FieldReference;
import io.trino.sql.tree.Identifier;
import io.trino.sql.tree.LambdaArgumentDeclaration;
import io.trino.sql.tree.Node;
import io.trino.sql.tree.NodeLocation;
import io.trino.sql.tree.Parameter;
import io.trino.sql.tree.Query;
import io.trino.sql.tree.Statement;
import io.trino.sql.tree.StringLiteral;
import io.trino.sql.tree.Table;

import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * Binds positional {@code ?} parameters of a parsed statement (contract §4.6, §4.7). The tree is rebuilt with each
 * {@link Parameter} replaced by an expression; values are never pasted into query text, so a value can neither add a
 * statement nor change the statement's structure outside the parameter's own position.
 *
 * <p>A value of {@code ExecutionParameters} is classified as Athena was measured to do it: when it parses as an
 * expression that references nothing (no identifier, dereference, lambda argument or subquery), that expression
 * takes the parameter's place; otherwise the value's exact text becomes a string literal. Type names inside a
 * {@code CAST} or a typed literal are not references. A value that parses but later fails analysis, such as
 * {@code nosuchfunc(1)}, stays an expression, so the query fails later.
 *
 * <p>Choices where the contract has no measurement:
 * <ul>
 * <li>A value containing a subquery ({@code (SELECT count(*) FROM t)}) is a string literal: it would read a table.
 * <li>A value that is itself {@code ?} is a string literal.
 * <li>Replacement expressions keep the positions of their own value text; a string literal takes the position of
 * the {@code ?} it replaces, and every rebuilt node keeps its original position.
 * <li>{@code EXECUTE … USING} follows Trino: the number of expressions must match exactly, also when the prepared
 * statement has no {@code ?}. Extra {@code ExecutionParameters} for a statement without {@code ?} are ignored, as
 * measured.
 * </ul>
 */
public final class ParameterBinder
{
    private final SqlParser parser = new SqlParser();

    /**
     * Binds {@code ExecutionParameters} values, in order, to the {@code ?} placeholders of {@code statement}.
     * Values for a statement without placeholders are ignored and the statement is returned as it is.
     *
     * @throws InvalidParameterUsageException when the statement has placeholders and the number of values differs,
     * or when a placeholder stands where binding is not supported
     */
    public Statement bind(Statement statement, List<String> values)
    {
        requireNonNull(statement, "statement is null");
        requireNonNull(values, "values is null");
        List<Parameter> parameters = parameters(statement);
        if (parameters.isEmpty()) {
            return statement;
        }
        checkCount(parameters.size(), values.size());
        Map<Parameter, Expression> replacements = new IdentityHashMap<>();
        for (int i = 0; i < parameters.size(); i++) {
            Parameter parameter = parameters.get(i);
            replacements.put(parameter, classify(requireNonNull(values.get(i), "value is null"), parameter));
        }
        return rewrite(statement, replacements);
    }

    /**
     * Binds the already parsed expressions of {@code EXECUTE name USING e1, e2, …}, in order, to the {@code ?}
     * placeholders of the prepared statement. The expressions are used as they are, without classification.
     *
     * @throws InvalidParameterUsageException when the number of expressions differs from the number of placeholders
     */
    public Statement bindExpressions(Statement prepared, List<Expression> using)
    {
        requireNonNull(prepared, "prepared is null");
        requireNonNull(using, "using is null");
        List<Parameter> parameters = parameters(prepared);
        checkCount(parameters.size(), using.size());
        if (parameters.isEmpty()) {
            return prepared;
        }
        Map<Parameter, Expression> replacements = new IdentityHashMap<>();
        for (int i = 0; i < parameters.size(); i++) {
            replacements.put(parameters.get(i), requireNonNull(using.get(i), "expression is null"));
        }
        return rewrite(prepared, replacements);
    }

    /**
     * The {@code ?} placeholders of a statement in order of their position in the text, which is not always the order
     * of {@link Parameter#getId()}: the parser numbers the main query's placeholders before those of its WITH clause.
     *
     * @throws InvalidParameterUsageException when the parser's numbering has a gap, that is a placeholder stands
     * where neither traversal of the tree reaches
     */
    public static List<Parameter> parameters(Node node)
    {
        List<Parameter> parameters = ParameterFinder.find(node).parameters();
        // the parser numbers parameters 0, 1, 2, …; a gap means one stands where the traversal does not reach
        Set<Integer> ids = new HashSet<>();
        for (Parameter parameter : parameters) {
            if (parameter.getId() >= parameters.size() || !ids.add(parameter.getId())) {
                throw new InvalidParameterUsageException("Parameters are not supported in this position");
            }
        }
        return parameters;
    }

    /**
     * The expression that a value of {@code ExecutionParameters} stands for (contract §4.6): the parsed value when it
     * references nothing, otherwise a string literal holding the value's exact text, positioned at {@code parameter}.
     */
    public Expression classify(String value, Parameter parameter)
    {
        requireNonNull(value, "value is null");
        requireNonNull(parameter, "parameter is null");
        Expression expression;
        try {
            expression = parser.createExpression(value);
            if (referencesAnything(expression)) {
                return stringLiteral(value, parameter);
            }
        }
        catch (ParsingException | IllegalArgumentException | StackOverflowError e) {
            // the parser refuses a malformed literal, such as an out-of-range integer, with IllegalArgumentException
            return stringLiteral(value, parameter);
        }
        return expression;
    }

    private static Statement rewrite(Statement statement, Map<Parameter, Expression> replacements)
    {
        Statement bound;
        try {
            bound = new BindingRewriter(statement, replacements).statement(statement);
        }
        catch (StackOverflowError e) {
            throw new InvalidParameterUsageException("Query is too deeply nested to bind parameters");
        }
        // every parameter must be gone; one left means it stood where the rewrite does not reach
        List<Parameter> left = parameters(bound);
        if (!left.isEmpty()) {
            throw notSupported(left.getFirst());
        }
        return bound;
    }

    static InvalidParameterUsageException notSupported(Parameter parameter)
    {
        String position = parameter.getLocation()
                .map(location -> "line %s:%s: ".formatted(location.getLineNumber(), location.getColumnNumber()))
                .orElse("");
        return new InvalidParameterUsageException(position + "Parameters are not supported in this position");
    }

    private static void checkCount(int expected, int found)
    {
        if (expected != found) {
            throw new InvalidParameterUsageException("Incorrect number of parameters: expected %s but found %s".formatted(expected, found));
        }
    }

    private static StringLiteral stringLiteral(String value, Parameter parameter)
    {
        return parameter.getLocation()
                .map(location -> new StringLiteral(location, value))
                .orElseGet(() -> new StringLiteral(value));
    }

    /** Whether an expression names a column, a table or a lambda argument anywhere outside a type name. */
    private static boolean referencesAnything(Node node)
    {
        if (node instanceof DataType) {
            return false;
        }
        if (node instanceof Identifier
                || node instanceof DereferenceExpression
                || node instanceof LambdaArgumentDeclaration
                || node instanceof FieldReference
                || node instanceof Parameter
                || node instanceof Query
                || node instanceof Table) {
            return true;
        }
        for (Node child : node.getChildren()) {
            if (referencesAnything(child)) {
                return true;
            }
        }
        return false;
    }

    static NodeLocation location(Node node)
    {
        return node.getLocation().orElseThrow(() -> new IllegalArgumentException("Node has no location: " + node));
    }
}
