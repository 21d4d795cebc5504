package io.pallas.server.catalog;

import io.pallas.core.ErrorCode;
import io.pallas.core.PallasException;
import io.pallas.core.catalog.CatalogStore;
import io.pallas.core.catalog.SerDeInfo;
import io.pallas.core.catalog.StorageDescriptor;
import io.pallas.core.catalog.Table;
import io.pallas.core.catalog.TableColumn;
import io.pallas.core.catalog.TableResolver;
import io.pallas.core.catalog.TableType;
import io.pallas.core.engine.ExecutionControl;
import io.pallas.core.engine.ResultSink;
import io.pallas.core.type.Column;
import io.pallas.sql.TrinoSqlParser;
import io.pallas.sql.engine.ParsedQuery;
import io.pallas.sql.engine.QueryEngine;
import io.trino.sql.tree.CreateView;
import io.trino.sql.tree.Identifier;
import io.trino.sql.tree.NodeLocation;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * CREATE [OR REPLACE] VIEW: the view keeps its Trino SQL as written and the columns the engine derives for it; it is
 * expanded when a query names it.
 */
public final class ViewCreator
{
    private final CatalogStore catalog;
    private final QueryEngine engine;
    private final TrinoSqlParser parser;
    private final Clock clock;

    public ViewCreator(CatalogStore catalog, QueryEngine engine, TrinoSqlParser parser, Clock clock)
    {
        this.catalog = requireNonNull(catalog, "catalog is null");
        this.engine = requireNonNull(engine, "engine is null");
        this.parser = requireNonNull(parser, "parser is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    public void create(CreateView statement, String sql, String currentCatalog, String currentDatabase, TableResolver tables, ExecutionControl control, ResultSink sink)
            throws IOException
    {
        List<String> parts = statement.getName().getOriginalParts().stream().map(ViewCreator::canonical).toList();
        String location = "line " + statement.getLocation().map(NodeLocation::getLineNumber).orElse(1) + ":" + statement.getLocation().map(NodeLocation::getColumnNumber).orElse(1) + ": ";
        String catalogName = parts.size() == 3 ? parts.get(0) : currentCatalog;
        String database = parts.size() >= 2 ? parts.get(parts.size() - 2) : currentDatabase;
        String name = parts.getLast();
        TableResolver.CatalogAccess access = tables.catalog(catalogName)
                .orElseThrow(() -> new PallasException(ErrorCode.CATALOG_NOT_FOUND, location + "Catalog '" + catalogName + "' does not exist"));
        if (access.refusal().isPresent()) {
            throw new PallasException(ErrorCode.NOT_SUPPORTED, location + access.refusal().get());
        }
        if (catalog.getDatabase(database).isEmpty()) {
            throw new PallasException(ErrorCode.SCHEMA_NOT_FOUND, location + "Schema '" + database + "' does not exist");
        }
        String viewSql = textOf(sql, statement.getQuery().getLocation().orElseThrow());
        List<TableColumn> columns = columns(viewSql, catalogName, database, tables, control);

        Optional<Table> existing = catalog.getTable(database, name);
        String qualified = "'" + catalogName + "." + database + "." + name + "'";
        if (existing.isPresent() && !existing.get().isView()) {
            throw new PallasException(ErrorCode.TABLE_ALREADY_EXISTS, location + "Table " + qualified + " already exists");
        }
        if (existing.isPresent() && !statement.isReplace()) {
            throw new PallasException(ErrorCode.TABLE_ALREADY_EXISTS, location + "View " + qualified + " already exists");
        }
        Instant now = clock.instant();
        StorageDescriptor storage = new StorageDescriptor(Optional.empty(), "", "", new SerDeInfo("", Map.of()), List.of(), 0, false);
        Map<String, String> parameters = Map.of("presto_view", "true", "comment", "Presto View");
        if (existing.isPresent()) {
            Table old = existing.get();
            catalog.replaceTable(new Table(database, name, TableType.VIRTUAL_VIEW, columns, List.of(), storage, parameters, Optional.empty(),
                    Optional.of(viewSql), Optional.of("/* Presto View */"), old.owner(), old.createTime(), now, old.version() + 1));
        }
        else {
            catalog.createTable(new Table(database, name, TableType.VIRTUAL_VIEW, columns, List.of(), storage, parameters, Optional.empty(),
                    Optional.of(viewSql), Optional.of("/* Presto View */"), Optional.empty(), now, now, 1));
        }
        sink.columns(List.of());
    }

    /** The view's columns, as the engine types its query (no rows are read). */
    private List<TableColumn> columns(String viewSql, String catalogName, String database, TableResolver tables, ExecutionControl control)
            throws IOException
    {
        String probe = "SELECT * FROM (\n" + viewSql + "\n) LIMIT 0";
        List<TableColumn> columns = new ArrayList<>();
        engine.execute(new ParsedQuery(probe, parser.parse(probe), catalogName, database, tables), new ResultSink()
        {
            @Override
            public void columns(List<Column> resultColumns)
            {
                resultColumns.forEach(column -> columns.add(new TableColumn(column.name(), column.type().toString(), Optional.empty())));
            }

            @Override
            public void row(Object[] values)
            {
            }
        }, control);
        return columns;
    }

    /** The statement text from a node's position to the end, without a trailing semicolon. */
    public static String textOf(String sql, NodeLocation location)
    {
        int offset = 0;
        for (int line = 1; line < location.getLineNumber(); line++) {
            offset = sql.indexOf('\n', offset) + 1;
        }
        String text = sql.substring(offset + location.getColumnNumber() - 1).strip();
        return text.endsWith(";") ? text.substring(0, text.length() - 1).strip() : text;
    }

    private static String canonical(Identifier identifier)
    {
        return identifier.isDelimited() ? identifier.getValue() : identifier.getValue().toLowerCase(Locale.ROOT);
    }
}
