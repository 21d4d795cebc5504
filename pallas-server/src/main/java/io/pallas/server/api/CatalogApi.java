package io.pallas.server.api;

import io.pallas.core.catalog.CatalogStore;
import io.pallas.core.catalog.Database;
import io.pallas.core.catalog.Table;
import io.pallas.core.catalog.TableColumn;
import io.pallas.server.protocol.ApiException;
import io.pallas.server.protocol.Operation;
import io.pallas.server.protocol.PageToken;
import io.pallas.server.protocol.Violations;
import io.pallas.server.protocol.WireObject;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import static java.util.Objects.requireNonNull;

/**
 * The Athena metadata operations over the one built-in catalog, {@code AwsDataCatalog}: ListDataCatalogs,
 * GetDataCatalog, ListDatabases, GetDatabase, ListTableMetadata and GetTableMetadata.
 */
public final class CatalogApi
{
    public static final String CATALOG = "AwsDataCatalog";

    private final CatalogStore catalog;
    private final String accountId;

    public CatalogApi(CatalogStore catalog, String accountId)
    {
        this.catalog = requireNonNull(catalog, "catalog is null");
        this.accountId = requireNonNull(accountId, "accountId is null");
    }

    public Map<String, Operation> operations()
    {
        Map<String, Operation> operations = new LinkedHashMap<>();
        operations.put("ListDataCatalogs", this::listDataCatalogs);
        operations.put("GetDataCatalog", this::getDataCatalog);
        operations.put("ListDatabases", this::listDatabases);
        operations.put("GetDatabase", this::getDatabase);
        operations.put("ListTableMetadata", this::listTableMetadata);
        operations.put("GetTableMetadata", this::getTableMetadata);
        return operations;
    }

    private Wire.ListDataCatalogsResponse listDataCatalogs(WireObject request)
    {
        Optional<String> nextToken = request.string("NextToken");
        Optional<Integer> maxResults = request.integer("MaxResults");
        Violations violations = new Violations();
        violations.length(request.pathOf("NextToken"), nextToken, 1, 1024);
        violations.range(request.pathOf("MaxResults"), maxResults, 2, 50);
        violations.check();
        nextToken.ifPresent(token -> {
            throw PageToken.malformed(token);
        });
        return new Wire.ListDataCatalogsResponse(List.of(new Wire.DataCatalogSummary(CATALOG, "GLUE")), null);
    }

    private Wire.GetDataCatalogResponse getDataCatalog(WireObject request)
    {
        Optional<String> name = request.string("Name");
        Violations violations = new Violations();
        violations.required(request.pathOf("Name"), name);
        violations.length(request.pathOf("Name"), name, 1, 256);
        violations.check();
        checkCatalog(name.orElseThrow());
        return new Wire.GetDataCatalogResponse(new Wire.DataCatalog(CATALOG, "AWS Glue Data Catalog", "GLUE", Map.of("catalog-id", accountId)));
    }

    private Wire.ListDatabasesResponse listDatabases(WireObject request)
    {
        Optional<String> catalogName = request.string("CatalogName");
        Optional<String> nextToken = request.string("NextToken");
        Optional<Integer> maxResults = request.integer("MaxResults");
        Violations violations = new Violations();
        violations.required(request.pathOf("CatalogName"), catalogName);
        violations.length(request.pathOf("CatalogName"), catalogName, 1, 256);
        violations.length(request.pathOf("NextToken"), nextToken, 1, 1024);
        violations.range(request.pathOf("MaxResults"), maxResults, 1, 50);
        violations.check();
        checkCatalog(catalogName.orElseThrow());
        Page<Database> page = page(catalog.listDatabases(), Database::name, "d1", nextToken, maxResults.orElse(50));
        return new Wire.ListDatabasesResponse(page.items().stream().map(CatalogApi::database).toList(), page.nextToken());
    }

    private Wire.GetDatabaseResponse getDatabase(WireObject request)
    {
        Optional<String> catalogName = request.string("CatalogName");
        Optional<String> databaseName = request.string("DatabaseName");
        Violations violations = new Violations();
        violations.required(request.pathOf("CatalogName"), catalogName);
        violations.length(request.pathOf("CatalogName"), catalogName, 1, 256);
        violations.required(request.pathOf("DatabaseName"), databaseName);
        violations.length(request.pathOf("DatabaseName"), databaseName, 1, 128);
        violations.check();
        checkCatalog(catalogName.orElseThrow());
        Database database = catalog.getDatabase(databaseName.orElseThrow().toLowerCase(Locale.ROOT)).orElseThrow(CatalogApi::entityNotFound);
        return new Wire.GetDatabaseResponse(database(database));
    }

    private Wire.ListTableMetadataResponse listTableMetadata(WireObject request)
    {
        Optional<String> catalogName = request.string("CatalogName");
        Optional<String> databaseName = request.string("DatabaseName");
        Optional<String> expression = request.string("Expression");
        Optional<String> nextToken = request.string("NextToken");
        Optional<Integer> maxResults = request.integer("MaxResults");
        Violations violations = new Violations();
        violations.required(request.pathOf("CatalogName"), catalogName);
        violations.length(request.pathOf("CatalogName"), catalogName, 1, 256);
        violations.required(request.pathOf("DatabaseName"), databaseName);
        violations.length(request.pathOf("DatabaseName"), databaseName, 1, 128);
        violations.length(request.pathOf("Expression"), expression, 0, 256);
        violations.length(request.pathOf("NextToken"), nextToken, 1, 1024);
        violations.range(request.pathOf("MaxResults"), maxResults, 1, 50);
        violations.check();
        checkCatalog(catalogName.orElseThrow());
        String database = databaseName.orElseThrow().toLowerCase(Locale.ROOT);
        if (catalog.getDatabase(database).isEmpty()) {
            throw entityNotFound();
        }
        List<Table> tables = catalog.listTables(database);
        if (expression.isPresent() && !expression.get().isEmpty()) {
            Pattern pattern = tableNamePattern(expression.get());
            tables = tables.stream().filter(table -> pattern.matcher(table.name()).matches()).toList();
        }
        Page<Table> page = page(tables, Table::name, "t1", nextToken, maxResults.orElse(50));
        return new Wire.ListTableMetadataResponse(page.items().stream().map(CatalogApi::tableMetadata).toList(), page.nextToken());
    }

    private Wire.GetTableMetadataResponse getTableMetadata(WireObject request)
    {
        Optional<String> catalogName = request.string("CatalogName");
        Optional<String> databaseName = request.string("DatabaseName");
        Optional<String> tableName = request.string("TableName");
        Violations violations = new Violations();
        violations.required(request.pathOf("CatalogName"), catalogName);
        violations.length(request.pathOf("CatalogName"), catalogName, 1, 256);
        violations.required(request.pathOf("DatabaseName"), databaseName);
        violations.length(request.pathOf("DatabaseName"), databaseName, 1, 128);
        violations.required(request.pathOf("TableName"), tableName);
        violations.length(request.pathOf("TableName"), tableName, 1, 128);
        violations.check();
        checkCatalog(catalogName.orElseThrow());
        Table table = catalog.getTable(databaseName.orElseThrow().toLowerCase(Locale.ROOT), tableName.orElseThrow().toLowerCase(Locale.ROOT))
                .orElseThrow(CatalogApi::entityNotFound);
        return new Wire.GetTableMetadataResponse(tableMetadata(table));
    }

    /** ListTableMetadata's Expression: a regex on table names where {@code *} also works as a wildcard, as in Glue. */
    private static Pattern tableNamePattern(String expression)
    {
        String regex = expression.equals("*") ? ".*" : expression.replaceAll("(?<![.\\\\])\\*", ".*");
        try {
            return Pattern.compile(regex, Pattern.CASE_INSENSITIVE);
        }
        catch (PatternSyntaxException e) {
            throw ApiException.invalidInput("Expression is not a valid regular expression: " + expression);
        }
    }

    private record Page<T>(List<T> items, String nextToken) {}

    /** A page of a name-ordered list: the token carries the name to resume from. */
    private static <T> Page<T> page(List<T> all, Function<T, String> name, String kind, Optional<String> nextToken, int size)
    {
        String after = nextToken.map(token -> PageToken.decode(kind, token).orElseThrow(() -> PageToken.malformed(token))).orElse("");
        List<T> items = new ArrayList<>();
        for (T item : all) {
            if (name.apply(item).compareTo(after) < 0) {
                continue;
            }
            if (items.size() == size) {
                return new Page<>(items, PageToken.encode(kind, name.apply(item)));
            }
            items.add(item);
        }
        return new Page<>(items, null);
    }

    private static void checkCatalog(String name)
    {
        if (!name.equalsIgnoreCase(CATALOG)) {
            throw ApiException.invalidRequest(io.pallas.server.protocol.AthenaErrorCode.DATACATALOG_NOT_FOUND, "Data catalog " + name + " was not found.");
        }
    }

    /** Athena passes Glue's refusal through as a MetadataException. */
    private static ApiException entityNotFound()
    {
        return ApiException.of("MetadataException", 400,
                "Entity Not Found (Service: AmazonDataCatalog; Status Code: 400; Error Code: EntityNotFoundException; Request ID: " + UUID.randomUUID() + "; Proxy: null)");
    }

    private static Wire.Database database(Database database)
    {
        return new Wire.Database(database.name(), database.description().orElse(null), database.parameters().isEmpty() ? null : database.parameters());
    }

    static Wire.TableMetadata tableMetadata(Table table)
    {
        return new Wire.TableMetadata(
                table.name(),
                table.createTime(),
                table.updateTime(),
                table.tableType().name(),
                table.columns().stream().map(CatalogApi::column).toList(),
                table.partitionKeys().stream().map(CatalogApi::column).toList(),
                flattenedParameters(table));
    }

    /** TableMetadata.Parameters: the table's parameters plus its storage descriptor, flattened as Athena shows them. */
    private static Map<String, String> flattenedParameters(Table table)
    {
        Map<String, String> parameters = new LinkedHashMap<>(table.parameters());
        if (!table.isView()) {
            parameters.putIfAbsent("EXTERNAL", "TRUE");
            parameters.put("inputformat", table.storage().inputFormat());
            parameters.put("outputformat", table.storage().outputFormat());
            table.storage().location().ifPresent(location -> parameters.put("location", location));
            parameters.put("serde.serialization.lib", table.storage().serDeInfo().serializationLibrary());
            table.storage().serDeInfo().parameters().forEach((key, value) -> parameters.put("serde.param." + key, value));
        }
        parameters.putIfAbsent("transient_lastDdlTime", String.valueOf(table.updateTime().getEpochSecond()));
        return parameters;
    }

    private static Wire.Column column(TableColumn column)
    {
        return new Wire.Column(column.name(), column.type(), column.comment().orElse(null));
    }
}
