package io.pallas.server.api;

import io.pallas.core.query.QueryExecution;
import io.pallas.core.storage.ObjectStore;
import io.pallas.core.storage.S3Location;
import io.pallas.server.encryption.ClientSideEncryption;
import io.pallas.server.encryption.SegmentedAesGcm;
import io.pallas.server.protocol.ApiException;
import io.pallas.server.protocol.AthenaErrorCode;
import io.pallas.server.protocol.Violations;
import io.pallas.server.protocol.WireObject;
import io.pallas.server.query.QueryManager;
import io.pallas.server.results.MalformedNextTokenException;
import io.pallas.server.results.ResultColumn;
import io.pallas.server.results.ResultCompanion;
import io.pallas.server.results.ResultFormat;
import io.pallas.server.results.ResultMetadataCodec;
import io.pallas.server.results.ResultPage;
import io.pallas.server.results.ResultReader;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * GetQueryResults: pages through the stored result object, which is the source of truth as in Athena. Checks run
 * in the measured order: framework validation, the query's existence, MaxResults above 1000, the query's state,
 * then the NextToken.
 */
public final class QueryResultsReader
{
    /** UpdateCount is 0 for queries and SHOW-like statements, and absent for EXPLAIN and column-less DDL (contract §4.14). */
    private static Long updateCount(QueryExecution execution)
    {
        boolean rowsStatement = switch (execution.statementType()) {
            case DML -> execution.substatementType().equals("SELECT");
            case UTILITY -> true;
            case DDL -> false;
        };
        return rowsStatement ? 0L : null;
    }

    private static final int MAX_PAGE = 1000;

    private final QueryManager queryManager;
    private final ObjectStore objectStore;
    private final ResultReader resultReader;
    private final ClientSideEncryption clientSideEncryption;

    /** @param objectStore where results are read, decrypting client-side encrypted ones (as {@code resultReader} does) */
    public QueryResultsReader(QueryManager queryManager, ObjectStore objectStore, ResultReader resultReader, ClientSideEncryption clientSideEncryption)
    {
        this.queryManager = requireNonNull(queryManager, "queryManager is null");
        this.objectStore = requireNonNull(objectStore, "objectStore is null");
        this.resultReader = requireNonNull(resultReader, "resultReader is null");
        this.clientSideEncryption = requireNonNull(clientSideEncryption, "clientSideEncryption is null");
    }

    public Wire.GetQueryResultsResponse getQueryResults(WireObject request)
    {
        Optional<String> id = request.string("QueryExecutionId");
        Optional<String> nextToken = request.string("NextToken");
        Optional<Integer> maxResults = request.integer("MaxResults");
        Optional<String> resultType = request.string("QueryResultType");
        Violations violations = new Violations();
        violations.required(request.pathOf("QueryExecutionId"), id);
        violations.length(request.pathOf("QueryExecutionId"), id, 1, 128);
        violations.length(request.pathOf("NextToken"), nextToken, 1, 1024);
        violations.range(request.pathOf("MaxResults"), maxResults, 1, Integer.MAX_VALUE);
        violations.oneOf(request.pathOf("QueryResultType"), resultType, Set.of("DATA_MANIFEST", "DATA_ROWS"));
        violations.check();

        QueryExecution execution = queryManager.get(id.orElseThrow())
                .orElseThrow(() -> ApiException.invalidRequest(AthenaErrorCode.QUERY_EXECUTION_NOT_FOUND, "QueryExecution " + id.get() + " was not found"));
        if (maxResults.orElse(MAX_PAGE) > MAX_PAGE) {
            throw ApiException.invalidInput("MaxResults is more than maximum allowed length " + MAX_PAGE);
        }
        switch (execution.state()) {
            case QUEUED, RUNNING -> throw ApiException.invalidRequest(AthenaErrorCode.INVALID_QUERY_EXECUTION_STATE,
                    "Query has not yet finished. Current state: " + execution.state());
            case FAILED -> throw ApiException.invalidRequest(AthenaErrorCode.INVALID_QUERY_EXECUTION_STATE,
                    "Query did not finish successfully. Final query state: FAILED");
            case CANCELLED -> throw ApiException.invalidRequest(AthenaErrorCode.RESULT_NOT_FOUND, "Could not find results");
            case SUCCEEDED -> { }
        }
        if (resultType.filter("DATA_MANIFEST"::equals).isPresent()) {
            throw ApiException.invalidInput("DATA_MANIFEST results are only available for CTAS, INSERT INTO and UNLOAD statements");
        }

        S3Location object = S3Location.parse(execution.resultConfiguration().outputLocation().orElseThrow()).orElseThrow();
        ResultFormat format = object.key().endsWith("." + ResultFormat.CSV.extension()) ? ResultFormat.CSV : ResultFormat.TXT;
        boolean clientSideEncrypted = execution.resultConfiguration().encryptionConfiguration()
                .filter(encryption -> encryption.encryptionOption().equals("CSE_KMS")).isPresent();
        try {
            if (clientSideEncrypted) {
                clientSideEncryption.checkEncrypted(objectStore, object);
            }
            // column-less DDL has no .metadata: an empty ResultSet with empty ColumnInfo, as in Athena
            List<ResultColumn> columnInfo = ResultCompanion.forStatement(execution.statementType(), execution.substatementType()) == ResultCompanion.NONE
                    ? List.of()
                    : ResultMetadataCodec.read(objectStore, ResultFormat.metadataLocation(object)).columns();
            ResultPage page = resultReader.readPage(object, format, execution.queryExecutionId(), nextToken, maxResults.orElse(MAX_PAGE));
            List<Wire.Row> rows = new ArrayList<>(page.rows().size());
            for (List<String> values : page.rows()) {
                List<Wire.Datum> data = new ArrayList<>(values.size());
                for (String value : values) {
                    data.add(new Wire.Datum(value));
                }
                rows.add(new Wire.Row(data));
            }
            List<Wire.ColumnInfo> columns = columnInfo.stream()
                    .map(column -> new Wire.ColumnInfo(column.catalogName(), "", "", column.name(), column.label(), column.type(),
                            column.precision(), column.scale(), column.nullableName(), column.caseSensitive()))
                    .toList();
            return new Wire.GetQueryResultsResponse(updateCount(execution), new Wire.ResultSet(rows, new Wire.ResultSetMetadata(columns)), page.nextToken().orElse(null));
        }
        catch (MalformedNextTokenException e) {
            throw ApiException.invalidInput("Malformed nextPageToken " + nextToken.orElse(""));
        }
        catch (NoSuchFileException e) {
            throw ApiException.invalidRequest(AthenaErrorCode.RESULT_NOT_FOUND, "Could not find results");
        }
        catch (ClientSideEncryption.KeyUnavailableException e) {
            // the caller's configuration (the key registry), not a fault of the service
            throw ApiException.invalidInput(e.getMessage());
        }
        catch (SegmentedAesGcm.CiphertextException e) {
            throw ApiException.internal("The query results of " + execution.queryExecutionId() + " cannot be decrypted: " + e.getMessage());
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot read the result of " + execution.queryExecutionId() + " at " + object, e);
        }
    }
}
