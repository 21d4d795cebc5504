package io.pallas.sql.params;

import io.trino.sql.tree.AliasedRelation;
import io.trino.sql.tree.AllColumns;
import io.trino.sql.tree.CreateTableAsSelect;
import io.trino.sql.tree.Except;
import io.trino.sql.tree.Execute;
import io.trino.sql.tree.Explain;
import io.trino.sql.tree.ExplainAnalyze;
import io.trino.sql.tree.Expression;
import io.trino.sql.tree.ExpressionRewriter;
import io.trino.sql.tree.ExpressionTreeRewriter;
import io.trino.sql.tree.FetchFirst;
import io.trino.sql.tree.FrameBound;
import io.trino.sql.tree.GroupBy;
import io.trino.sql.tree.GroupingElement;
import io.trino.sql.tree.GroupingSets;
import io.trino.sql.tree.Insert;
import io.trino.sql.tree.Intersect;
import io.trino.sql.tree.Join;
import io.trino.sql.tree.JoinCriteria;
import io.trino.sql.tree.JoinOn;
import io.trino.sql.tree.Lateral;
import io.trino.sql.tree.Limit;
import io.trino.sql.tree.Node;
import io.trino.sql.tree.Offset;
import io.trino.sql.tree.OrderBy;
import io.trino.sql.tree.Parameter;
import io.trino.sql.tree.Property;
import io.trino.sql.tree.Query;
import io.trino.sql.tree.QueryBody;
import io.trino.sql.tree.QuerySpecification;
import io.trino.sql.tree.Relation;
import io.trino.sql.tree.SampledRelation;
import io.trino.sql.tree.Select;
import io.trino.sql.tree.SelectItem;
import io.trino.sql.tree.SimpleGroupBy;
import io.trino.sql.tree.SingleColumn;
import io.trino.sql.tree.SortItem;
import io.trino.sql.tree.Statement;
import io.trino.sql.tree.SubqueryExpression;
import io.trino.sql.tree.TableSubquery;
import io.trino.sql.tree.Union;
import io.trino.sql.tree.Unnest;
import io.trino.sql.tree.Values;
import io.trino.sql.tree.WindowDefinition;
import io.trino.sql.tree.WindowFrame;
import io.trino.sql.tree.WindowSpecification;
import io.trino.sql.tree.With;
import io.trino.sql.tree.WithQuery;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

import static io.pallas.sql.params.ParameterBinder.location;
import static java.util.Objects.requireNonNull;

/**
 * Rebuilds the nodes of a statement that lie on a path to a {@link Parameter}, replacing each parameter by its
 * expression; subtrees without parameters are kept as they are, and rebuilt nodes keep their positions. Expressions
 * are rewritten by trino-parser's {@link ExpressionTreeRewriter}; the queries of subqueries inside them come back
 * here. A node kind this class does not rebuild is returned unchanged, so a parameter inside it survives and
 * {@link ParameterBinder} reports it.
 */
final class BindingRewriter
{
    private final Map<Parameter, Expression> replacements;
    private final ParameterFinder finder;
    private final ExpressionRewriter<Void> expressionRewriter = new ExpressionRewriter<>()
    {
        @Override
        public Expression rewriteParameter(Parameter node, Void context, ExpressionTreeRewriter<Void> treeRewriter)
        {
            Expression replacement = replacements.get(node);
            if (replacement == null) {
                throw ParameterBinder.notSupported(node);
            }
            return replacement;
        }

        @Override
        public Expression rewriteSubqueryExpression(SubqueryExpression node, Void context, ExpressionTreeRewriter<Void> treeRewriter)
        {
            if (unchanged(node)) {
                return node;
            }
            return new SubqueryExpression(location(node), query(node.getQuery()));
        }
    };

    /** {@code replacements} is keyed by identity of the parameter nodes in {@code root}. */
    BindingRewriter(Node root, Map<Parameter, Expression> replacements)
    {
        this.replacements = requireNonNull(replacements, "replacements is null");
        this.finder = ParameterFinder.find(requireNonNull(root, "root is null"));
    }

    private boolean unchanged(Node node)
    {
        return !finder.leadsToParameter(node);
    }

    Statement statement(Statement statement)
    {
        if (unchanged(statement)) {
            return statement;
        }
        return switch (statement) {
            case Query query -> query(query);
            case Insert insert -> new Insert(location(insert), insert.getTable(), insert.getColumns(), query(insert.getQuery()));
            case CreateTableAsSelect create -> new CreateTableAsSelect(
                    location(create),
                    create.getName(),
                    query(create.getQuery()),
                    create.getSaveMode(),
                    map(create.getProperties(), this::property),
                    create.isWithData(),
                    create.getColumnAliases(),
                    create.getComment());
            case Explain explain -> new Explain(location(explain), statement(explain.getStatement()), explain.getOptions());
            case ExplainAnalyze explain -> new ExplainAnalyze(location(explain), statement(explain.getStatement()), explain.isVerbose());
            case Execute execute -> new Execute(location(execute), execute.getName(), map(execute.getParameters(), this::expression));
            default -> statement;
        };
    }

    Query query(Query query)
    {
        if (unchanged(query)) {
            return query;
        }
        return new Query(
                location(query),
                query.getSessionProperties(),
                query.getFunctions(),
                query.getWith().map(this::with),
                queryBody(query.getQueryBody()),
                query.getOrderBy().map(this::orderBy),
                query.getOffset().map(this::offset),
                query.getLimit().map(this::limit));
    }

    private With with(With with)
    {
        if (unchanged(with)) {
            return with;
        }
        return new With(location(with), with.isRecursive(), map(with.getQueries(), this::withQuery));
    }

    private WithQuery withQuery(WithQuery withQuery)
    {
        if (unchanged(withQuery)) {
            return withQuery;
        }
        return new WithQuery(location(withQuery), withQuery.getName(), query(withQuery.getQuery()), withQuery.getColumnNames());
    }

    private QueryBody queryBody(QueryBody body)
    {
        return (QueryBody) relation(body);
    }

    private Relation relation(Relation relation)
    {
        if (unchanged(relation)) {
            return relation;
        }
        return switch (relation) {
            case QuerySpecification specification -> querySpecification(specification);
            case Union union -> new Union(location(union), map(union.getRelations(), this::relation), union.isDistinct(), union.getCorresponding());
            case Intersect intersect -> new Intersect(location(intersect), map(intersect.getRelations(), this::relation), intersect.isDistinct(), intersect.getCorresponding());
            case Except except -> new Except(
                    location(except),
                    (QueryBody) relation(except.getLeft()),
                    (QueryBody) relation(except.getRight()),
                    except.isDistinct(),
                    except.getCorresponding());
            case Values values -> new Values(location(values), map(values.getRows(), this::expression));
            case TableSubquery subquery -> new TableSubquery(location(subquery), query(subquery.getQuery()));
            case AliasedRelation aliased -> new AliasedRelation(location(aliased), relation(aliased.getRelation()), aliased.getAlias(), aliased.getColumnNames());
            case Join join -> new Join(join.getLocation(), join.getType(), relation(join.getLeft()), relation(join.getRight()), join.getCriteria().map(this::joinCriteria));
            case SampledRelation sampled -> new SampledRelation(
                    location(sampled),
                    relation(sampled.getRelation()),
                    sampled.getType(),
                    expression(sampled.getSamplePercentage()));
            case Unnest unnest -> new Unnest(location(unnest), map(unnest.getExpressions(), this::expression), unnest.isWithOrdinality());
            case Lateral lateral -> new Lateral(location(lateral), query(lateral.getQuery()));
            default -> relation;
        };
    }

    private JoinCriteria joinCriteria(JoinCriteria criteria)
    {
        if (criteria instanceof JoinOn on) {
            return new JoinOn(expression(on.getExpression()));
        }
        return criteria;
    }

    private QuerySpecification querySpecification(QuerySpecification specification)
    {
        return new QuerySpecification(
                location(specification),
                select(specification.getSelect()),
                specification.getFrom().map(this::relation),
                specification.getWhere().map(this::expression),
                specification.getGroupBy().map(this::groupBy),
                specification.getHaving().map(this::expression),
                map(specification.getWindows(), this::windowDefinition),
                specification.getOrderBy().map(this::orderBy),
                specification.getOffset().map(this::offset),
                specification.getLimit().map(this::limit));
    }

    private Select select(Select select)
    {
        if (unchanged(select)) {
            return select;
        }
        return new Select(location(select), select.isDistinct(), map(select.getSelectItems(), this::selectItem));
    }

    private SelectItem selectItem(SelectItem item)
    {
        if (unchanged(item)) {
            return item;
        }
        return switch (item) {
            case SingleColumn column -> new SingleColumn(location(column), expression(column.getExpression()), column.getAlias());
            case AllColumns all -> new AllColumns(location(all), all.getTarget().map(this::expression), all.getAliases());
            default -> item;
        };
    }

    private GroupBy groupBy(GroupBy groupBy)
    {
        if (unchanged(groupBy)) {
            return groupBy;
        }
        return new GroupBy(location(groupBy), groupBy.isDistinct(), map(groupBy.getGroupingElements(), this::groupingElement));
    }

    private GroupingElement groupingElement(GroupingElement element)
    {
        if (unchanged(element)) {
            return element;
        }
        return switch (element) {
            case SimpleGroupBy simple -> new SimpleGroupBy(location(simple), map(simple.getExpressions(), this::expression));
            case GroupingSets sets -> new GroupingSets(location(sets), sets.getType(), map(sets.getSets(), set -> map(set, this::expression)));
            default -> element;
        };
    }

    private WindowDefinition windowDefinition(WindowDefinition definition)
    {
        if (unchanged(definition)) {
            return definition;
        }
        return new WindowDefinition(location(definition), definition.getName(), windowSpecification(definition.getWindow()));
    }

    private WindowSpecification windowSpecification(WindowSpecification window)
    {
        if (unchanged(window)) {
            return window;
        }
        return new WindowSpecification(
                location(window),
                window.getExistingWindowName(),
                map(window.getPartitionBy(), this::expression),
                window.getOrderBy().map(this::orderBy),
                window.getFrame().map(this::windowFrame));
    }

    private WindowFrame windowFrame(WindowFrame frame)
    {
        if (unchanged(frame)) {
            return frame;
        }
        // measures, patterns and variable definitions of row pattern recognition are kept; a parameter there is reported
        return new WindowFrame(
                location(frame),
                frame.getType(),
                frameBound(frame.getStart()),
                frame.getEnd().map(this::frameBound),
                frame.getMeasures(),
                frame.getAfterMatchSkipTo(),
                frame.getPatternSearchMode(),
                frame.getPattern(),
                frame.getSubsets(),
                frame.getVariableDefinitions());
    }

    private FrameBound frameBound(FrameBound bound)
    {
        if (unchanged(bound) || bound.getValue().isEmpty()) {
            return bound;
        }
        return new FrameBound(location(bound), bound.getType(), expression(bound.getValue().get()));
    }

    private OrderBy orderBy(OrderBy orderBy)
    {
        if (unchanged(orderBy)) {
            return orderBy;
        }
        return new OrderBy(location(orderBy), map(orderBy.getSortItems(), this::sortItem));
    }

    private SortItem sortItem(SortItem item)
    {
        if (unchanged(item)) {
            return item;
        }
        return new SortItem(location(item), expression(item.getSortKey()), item.getOrdering(), item.getNullOrdering());
    }

    private Offset offset(Offset offset)
    {
        if (unchanged(offset)) {
            return offset;
        }
        return rowCount("OFFSET", offset, () -> new Offset(location(offset), expression(offset.getRowCount())));
    }

    private Node limit(Node limit)
    {
        if (unchanged(limit)) {
            return limit;
        }
        return switch (limit) {
            case Limit plain -> rowCount("LIMIT", plain, () -> new Limit(location(plain), expression(plain.getRowCount())));
            case FetchFirst fetch -> rowCount("FETCH FIRST", fetch, () -> new FetchFirst(fetch.getLocation(), fetch.getRowCount().map(this::expression), fetch.isWithTies()));
            default -> limit;
        };
    }

    /** LIMIT, OFFSET and FETCH FIRST take only an integer literal; their constructors refuse any other expression. */
    private static <T extends Node> T rowCount(String clause, Node node, Supplier<T> rebuild)
    {
        try {
            return rebuild.get();
        }
        catch (IllegalArgumentException e) {
            String position = node.getLocation()
                    .map(location -> "line %s:%s: ".formatted(location.getLineNumber(), location.getColumnNumber()))
                    .orElse("");
            throw new InvalidParameterUsageException(position + "Parameter value for " + clause + " must be an integer literal");
        }
    }

    private Property property(Property property)
    {
        if (unchanged(property) || property.isSetToDefault()) {
            return property;
        }
        return new Property(location(property), property.getName(), expression(property.getNonDefaultValue()));
    }

    private Expression expression(Expression expression)
    {
        if (unchanged(expression)) {
            return expression;
        }
        return ExpressionTreeRewriter.rewriteWith(expressionRewriter, expression);
    }

    private static <T> List<T> map(List<T> items, Function<T, T> function)
    {
        return items.stream().map(function).toList();
    }
}
