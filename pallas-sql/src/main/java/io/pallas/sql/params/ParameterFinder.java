package io.pallas.sql.params;

import io.trino.sql.tree.DefaultTraversalVisitor;
import io.trino.sql.tree.Expression;
import io.trino.sql.tree.GroupingSets;
import io.trino.sql.tree.Node;
import io.trino.sql.tree.NodeLocation;
import io.trino.sql.tree.Parameter;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * Finds the {@link Parameter}s of a tree and the nodes on the paths to them. Neither {@link Node#getChildren()} nor
 * {@link DefaultTraversalVisitor} reaches every node in trino-parser 483 ({@code GroupingSets} reports no children),
 * so both are followed, each node once.
 */
final class ParameterFinder
        extends DefaultTraversalVisitor<Void>
{
    private static final Comparator<Parameter> TEXT_ORDER = Comparator
            .comparing((Parameter parameter) -> parameter.getLocation().map(NodeLocation::getLineNumber).orElse(Integer.MAX_VALUE))
            .thenComparing(parameter -> parameter.getLocation().map(NodeLocation::getColumnNumber).orElse(Integer.MAX_VALUE))
            .thenComparingInt(Parameter::getId);

    private final List<Parameter> parameters = new ArrayList<>();
    private final Set<Node> visited = Collections.newSetFromMap(new IdentityHashMap<>());
    private final Set<Node> onPath = Collections.newSetFromMap(new IdentityHashMap<>());
    private final Deque<Node> path = new ArrayDeque<>();

    private ParameterFinder() {}

    static ParameterFinder find(Node root)
    {
        ParameterFinder finder = new ParameterFinder();
        finder.process(requireNonNull(root, "root is null"), null);
        return finder;
    }

    /**
     * The parameters in order of their position in the text. The parser numbers them in the order it builds the tree,
     * which is not the text order when a WITH clause follows the main query's placeholders in the tree.
     */
    List<Parameter> parameters()
    {
        List<Parameter> sorted = new ArrayList<>(parameters);
        sorted.sort(TEXT_ORDER);
        return sorted;
    }

    /** Whether {@code node} is a parameter or has one below it. */
    boolean leadsToParameter(Node node)
    {
        return onPath.contains(node);
    }

    @Override
    public Void process(Node node, Void context)
    {
        if (!visited.add(node)) {
            return null;
        }
        path.push(node);
        try {
            super.process(node, context);
            for (Node child : node.getChildren()) {
                process(child, context);
            }
        }
        finally {
            path.pop();
        }
        return null;
    }

    @Override
    protected Void visitGroupingSets(GroupingSets node, Void context)
    {
        // neither traversal enters the sets of GROUPING SETS, ROLLUP and CUBE
        for (List<Expression> set : node.getSets()) {
            for (Expression expression : set) {
                process(expression, context);
            }
        }
        return null;
    }

    @Override
    protected Void visitParameter(Parameter node, Void context)
    {
        parameters.add(node);
        onPath.addAll(path);
        return null;
    }
}
