package io.pallas.server.query;

import io.pallas.core.ErrorCode;
import io.pallas.core.PallasException;
import io.pallas.core.catalog.CatalogStore;
import io.pallas.core.catalog.Table;
import io.pallas.core.catalog.TableResolver;
import io.pallas.core.engine.ExecutionControl;
import io.pallas.core.engine.ExecutionStats;
import io.pallas.core.engine.ResultSink;
import io.pallas.core.query.PreparedStatement;
import io.pallas.core.query.QueryExecution;
import io.pallas.core.query.QueryExecutionContext;
import io.pallas.core.query.StatementType;
import io.pallas.core.store.MetadataStore;
import io.pallas.server.catalog.HiveDdlExecutor;
import io.pallas.server.catalog.HiveDdlFailure;
import io.pallas.server.catalog.ViewCreator;
import io.pallas.server.protocol.AthenaErrorCode;
import io.pallas.server.results.HeaderRowSink;
import io.pallas.sql.SqlSyntaxException;
import io.pallas.sql.classify.RoutedStatement;
import io.pallas.sql.classify.StatementPath;
import io.pallas.sql.classify.StatementRouter;
import io.pallas.sql.engine.ParsedQuery;
import io.pallas.sql.engine.QueryEngine;
import io.pallas.sql.hive.HiveDdlParser;
import io.pallas.sql.hive.HiveParseException;
import io.pallas.sql.hive.HiveSemanticException;
import io.pallas.sql.hive.HiveStatement;
import io.pallas.sql.hive.QualifiedName;
import io.pallas.sql.params.InvalidParameterUsageException;
import io.pallas.sql.params.ParameterBinder;
import io.trino.sql.tree.CreateView;
import io.trino.sql.tree.Deallocate;
import io.trino.sql.tree.Execute;
import io.trino.sql.tree.Expression;
import io.trino.sql.tree.Prepare;
import io.trino.sql.tree.Statement;

import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import static java.util.Objects.requireNonNull;

/**
 * Decides how a routed statement runs, and runs it: queries and EXPLAIN on the engine, Hive DDL and SHOW /
 * DESCRIBE against the catalog, CREATE VIEW through the engine's typing. Also makes the checks Athena makes
 * before it accepts some statements.
 */
public final class StatementExecutor
{
    private final QueryEngine engine;
    private final TableResolver tables;
    private final CatalogStore catalog;
    private final HiveDdlExecutor hiveDdl;
    private final ViewCreator views;
    private final MetadataStore store;
    private final StatementRouter router;
    private final Clock clock;
    private final HiveDdlParser hiveParser = new HiveDdlParser();
    private final ParameterBinder parameterBinder = new ParameterBinder();

    public StatementExecutor(QueryEngine engine, TableResolver tables, CatalogStore catalog, HiveDdlExecutor hiveDdl, ViewCreator views, MetadataStore store,
            StatementRouter router, Clock clock)
    {
        this.store = requireNonNull(store, "store is null");
        this.router = requireNonNull(router, "router is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.engine = requireNonNull(engine, "engine is null");
        this.tables = requireNonNull(tables, "tables is null");
        this.catalog = requireNonNull(catalog, "catalog is null");
        this.hiveDdl = requireNonNull(hiveDdl, "hiveDdl is null");
        this.views = requireNonNull(views, "views is null");
    }

    /** A statement accepted for execution, with what the start-time checks learnt. */
    /**
     * @param routed what runs: for EXECUTE, the prepared statement
     * @param sql the text of what runs
     * @param using EXECUTE's USING values
     */
    public record Accepted(RoutedStatement routed, String sql, Optional<HiveStatement> hiveStatement, StatementType statementType, String substatementType, List<Expression> using)
    {
        public Accepted
        {
            requireNonNull(routed, "routed is null");
            requireNonNull(sql, "sql is null");
            requireNonNull(hiveStatement, "hiveStatement is null");
            requireNonNull(statementType, "statementType is null");
            requireNonNull(substatementType, "substatementType is null");
            using = List.copyOf(using);
        }

        static Accepted of(RoutedStatement routed, String sql)
        {
            return new Accepted(routed, sql, Optional.empty(), routed.statementType(), routed.substatementType(), List.of());
        }
    }

    /**
     * The checks Athena makes at StartQueryExecution for Hive-path statements (contract §4.4 step 7, §6.2): a table
     * without LOCATION is MALFORMED_QUERY, DESCRIBE / SHOW COLUMNS of a missing table is Glue's EntityNotFound.
     * A Hive statement that does not parse is accepted: it fails later, with Hive's ParseException, as in Athena.
     */
    public Accepted accept(RoutedStatement routed, QueryExecutionContext context, String workGroup, String sql)
    {
        if (routed.statement().orElse(null) instanceof Execute execute) {
            return acceptExecute(execute, workGroup);
        }
        if (routed.path() != StatementPath.HIVE_DDL) {
            return Accepted.of(routed, sql);
        }
        HiveStatement statement;
        try {
            statement = hiveParser.parse(sql);
        }
        catch (HiveParseException | HiveSemanticException e) {
            return Accepted.of(routed, sql);
        }
        String database = currentDatabase(context);
        String substatement = routed.substatementType();
        switch (statement) {
            case HiveStatement.CreateTable create when create.location().isEmpty() && create.partitionTransforms().isEmpty() ->
                    throw new QueryRequestException(AthenaErrorCode.MALFORMED_QUERY, "No location was specified for table. An S3 location must be specified");
            case HiveStatement.Describe describe -> {
                Table table = existingTable(describe.name(), database);
                if (table.isView()) {
                    substatement = "DESC_VIEW";
                }
            }
            case HiveStatement.ShowColumns show -> {
                Table table = existingTable(new QualifiedName(show.database().or(() -> show.name().database()), show.name().table()), database);
                if (table.isView()) {
                    substatement = "DESC_VIEW";
                }
            }
            default -> { }
        }
        return new Accepted(routed, sql, Optional.of(statement), routed.statementType(), substatement, List.of());
    }

    /** EXECUTE runs the workgroup's prepared statement, and reports that statement's types. */
    private Accepted acceptExecute(Execute execute, String workGroup)
    {
        String name = execute.getName().getValue();
        PreparedStatement prepared = store.getPreparedStatement(workGroup, name)
                .orElseThrow(() -> new QueryRequestException(AthenaErrorCode.INVALID_INPUT, "Prepared statement " + name + " was not found in workgroup " + workGroup + "."));
        RoutedStatement inner;
        try {
            inner = router.route(prepared.queryStatement());
        }
        catch (SqlSyntaxException e) {
            throw new QueryRequestException(AthenaErrorCode.MALFORMED_QUERY, e.getMessage());
        }
        return new Accepted(inner, prepared.queryStatement(), Optional.empty(), inner.statementType(), inner.substatementType(), execute.getParameters());
    }

    private Table existingTable(QualifiedName name, String currentDatabase)
    {
        return catalog.getTable(name.databaseOr(currentDatabase).toLowerCase(Locale.ROOT), name.table().toLowerCase(Locale.ROOT))
                .orElseThrow(() -> new QueryRequestException(AthenaErrorCode.INVALID_INPUT,
                        "Entity Not Found (Service: AmazonDataCatalog; Status Code: 400; Error Code: EntityNotFoundException; Request ID: " + UUID.randomUUID() + "; Proxy: null)"));
    }

    /** Runs the statement into the sink. Failures: {@link PallasException}, or {@link HiveDdlFailure} on the Hive path. */
    public ExecutionStats execute(QueryExecution execution, Accepted accepted, ResultSink sink, ExecutionControl control)
            throws IOException
    {
        RoutedStatement routed = accepted.routed();
        String sqlToRun = accepted.sql();
        String database = currentDatabase(execution.context());
        if (routed.path() == StatementPath.HIVE_DDL) {
            HiveStatement statement = accepted.hiveStatement().orElseGet(() -> parseHive(sqlToRun));
            hiveDdl.execute(statement, database, sink);
            return ExecutionStats.EMPTY;
        }
        if (routed.path() != StatementPath.TRINO) {
            throw notSupported(routed);
        }
        Statement statement = routed.statement().orElseThrow();
        switch (statement) {
            case CreateView createView -> {
                try (TableResolver.Scope scope = tables.openScope()) {
                    control.onCancel(scope::cancel);
                    views.create(createView, sqlToRun, currentCatalog(execution.context()), database, scope, control, sink);
                }
                return ExecutionStats.EMPTY;
            }
            case Prepare prepare -> {
                String text = ViewCreator.textOf(sqlToRun, prepare.getStatement().getLocation().orElseThrow());
                store.putPreparedStatement(new PreparedStatement(execution.workGroup(), prepare.getName().getValue(), text, Optional.empty(), clock.instant()));
                sink.columns(List.of());
                return ExecutionStats.EMPTY;
            }
            case Deallocate deallocate -> {
                if (!store.deletePreparedStatement(execution.workGroup(), deallocate.getName().getValue())) {
                    throw new PallasException(ErrorCode.NOT_FOUND, "Prepared statement not found: " + deallocate.getName().getValue());
                }
                sink.columns(List.of());
                return ExecutionStats.EMPTY;
            }
            default -> { }
        }
        boolean explain = routed.substatementType().equals("EXPLAIN");
        if (!routed.isSelect() && !explain && !isShowFunctions(routed)) {
            throw notSupported(routed);
        }
        Statement bound = accepted.using().isEmpty()
                ? bindParameters(statement, execution.executionParameters())
                : bindUsing(statement, accepted.using());
        // the table files the query reads stay in place until it has finished
        try (TableResolver.Scope scope = tables.openScope()) {
            control.onCancel(scope::cancel);
            ParsedQuery parsed = new ParsedQuery(sqlToRun, bound, currentCatalog(execution.context()), database, scope);
            return engine.execute(parsed, explain ? new HeaderRowSink(sink) : sink, control);
        }
    }

    /** SHOW FUNCTIONS: a UTILITY statement whose result is a CSV with a header row, like a query's (contract §5.1). */
    public static boolean isShowFunctions(RoutedStatement routed)
    {
        return routed.path() == StatementPath.TRINO && routed.substatementType().equals("SHOW_FUNCTIONS");
    }

    private HiveStatement parseHive(String sql)
    {
        try {
            return hiveParser.parse(sql);
        }
        catch (HiveParseException e) {
            throw HiveDdlFailure.parse(e.getMessage());
        }
        catch (HiveSemanticException e) {
            throw HiveDdlFailure.semantic(e.getMessage(), 1006);
        }
    }

    /** ExecutionParameters bound into the tree (contract §4.6); values for a query without {@code ?} are ignored. */
    private Statement bindParameters(Statement statement, List<String> values)
    {
        try {
            return parameterBinder.bind(statement, values);
        }
        catch (InvalidParameterUsageException e) {
            throw new PallasException(ErrorCode.INVALID_PARAMETER_USAGE, e.getMessage(), e);
        }
    }

    private Statement bindUsing(Statement statement, List<Expression> using)
    {
        try {
            return parameterBinder.bindExpressions(statement, using);
        }
        catch (InvalidParameterUsageException e) {
            throw new PallasException(ErrorCode.INVALID_PARAMETER_USAGE, e.getMessage(), e);
        }
    }

    private static PallasException notSupported(RoutedStatement routed)
    {
        return new PallasException(ErrorCode.NOT_SUPPORTED, "Statements of type " + routed.substatementType() + " are not supported by Pallas yet");
    }

    private static String currentDatabase(QueryExecutionContext context)
    {
        return context.database().map(name -> name.toLowerCase(Locale.ROOT)).orElse(ParsedQuery.DEFAULT_SCHEMA);
    }

    private static String currentCatalog(QueryExecutionContext context)
    {
        return context.catalog().map(name -> name.toLowerCase(Locale.ROOT)).orElse(ParsedQuery.DEFAULT_CATALOG);
    }
}
