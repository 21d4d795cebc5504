package io.pallas.server.api;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.util.List;

/**
 * Response shapes of the Athena operations, member for member as the service model names them. Null members are
 * omitted on the wire. These are wire types only: the domain lives in {@code io.pallas.core.query}.
 */
public final class Wire
{
    private Wire() {}

    public record StartQueryExecutionResponse(@JsonProperty("QueryExecutionId") String queryExecutionId) {}

    public record GetQueryExecutionResponse(@JsonProperty("QueryExecution") QueryExecution queryExecution) {}

    public record BatchGetQueryExecutionResponse(
            @JsonProperty("QueryExecutions") List<QueryExecution> queryExecutions,
            @JsonProperty("UnprocessedQueryExecutionIds") List<UnprocessedQueryExecutionId> unprocessedQueryExecutionIds) {}

    public record UnprocessedQueryExecutionId(
            @JsonProperty("QueryExecutionId") String queryExecutionId,
            @JsonProperty("ErrorCode") String errorCode,
            @JsonProperty("ErrorMessage") String errorMessage) {}

    public record ListQueryExecutionsResponse(
            @JsonProperty("QueryExecutionIds") List<String> queryExecutionIds,
            @JsonProperty("NextToken") String nextToken) {}

    public record Empty() {}

    public record QueryExecution(
            @JsonProperty("QueryExecutionId") String queryExecutionId,
            @JsonProperty("Query") String query,
            @JsonProperty("StatementType") String statementType,
            @JsonProperty("ResultConfiguration") ResultConfiguration resultConfiguration,
            @JsonProperty("ResultReuseConfiguration") ResultReuseConfiguration resultReuseConfiguration,
            @JsonProperty("QueryExecutionContext") QueryExecutionContext queryExecutionContext,
            @JsonProperty("Status") QueryExecutionStatus status,
            @JsonProperty("Statistics") QueryExecutionStatistics statistics,
            @JsonProperty("WorkGroup") String workGroup,
            @JsonProperty("EngineVersion") EngineVersion engineVersion,
            @JsonProperty("ExecutionParameters") List<String> executionParameters,
            @JsonProperty("SubstatementType") String substatementType) {}

    public record ResultConfiguration(
            @JsonProperty("OutputLocation") String outputLocation,
            @JsonProperty("EncryptionConfiguration") EncryptionConfiguration encryptionConfiguration,
            @JsonProperty("ExpectedBucketOwner") String expectedBucketOwner,
            @JsonProperty("AclConfiguration") AclConfiguration aclConfiguration) {}

    public record EncryptionConfiguration(
            @JsonProperty("EncryptionOption") String encryptionOption,
            @JsonProperty("KmsKey") String kmsKey) {}

    public record AclConfiguration(@JsonProperty("S3AclOption") String s3AclOption) {}

    public record ResultReuseConfiguration(@JsonProperty("ResultReuseByAgeConfiguration") ResultReuseByAgeConfiguration resultReuseByAgeConfiguration) {}

    public record ResultReuseByAgeConfiguration(
            @JsonProperty("Enabled") boolean enabled,
            @JsonProperty("MaxAgeInMinutes") Integer maxAgeInMinutes) {}

    public record QueryExecutionContext(
            @JsonProperty("Database") String database,
            @JsonProperty("Catalog") String catalog) {}

    public record QueryExecutionStatus(
            @JsonProperty("State") String state,
            @JsonProperty("StateChangeReason") String stateChangeReason,
            @JsonProperty("SubmissionDateTime") Instant submissionDateTime,
            @JsonProperty("CompletionDateTime") Instant completionDateTime,
            @JsonProperty("AthenaError") AthenaError athenaError) {}

    public record AthenaError(
            @JsonProperty("ErrorCategory") int errorCategory,
            @JsonProperty("ErrorType") int errorType,
            @JsonProperty("Retryable") boolean retryable,
            @JsonProperty("ErrorMessage") String errorMessage) {}

    public record QueryExecutionStatistics(
            @JsonProperty("EngineExecutionTimeInMillis") long engineExecutionTimeInMillis,
            @JsonProperty("DataScannedInBytes") long dataScannedInBytes,
            @JsonProperty("TotalExecutionTimeInMillis") long totalExecutionTimeInMillis,
            @JsonProperty("QueryQueueTimeInMillis") long queryQueueTimeInMillis,
            @JsonProperty("ServicePreProcessingTimeInMillis") long servicePreProcessingTimeInMillis,
            @JsonProperty("ServiceProcessingTimeInMillis") long serviceProcessingTimeInMillis,
            @JsonProperty("ResultReuseInformation") ResultReuseInformation resultReuseInformation) {}

    public record ResultReuseInformation(@JsonProperty("ReusedPreviousResult") boolean reusedPreviousResult) {}

    public record EngineVersion(
            @JsonProperty("SelectedEngineVersion") String selectedEngineVersion,
            @JsonProperty("EffectiveEngineVersion") String effectiveEngineVersion) {}

    public record GetQueryResultsResponse(
            @JsonProperty("UpdateCount") Long updateCount,
            @JsonProperty("ResultSet") ResultSet resultSet,
            @JsonProperty("NextToken") String nextToken) {}

    public record ResultSet(
            @JsonProperty("Rows") List<Row> rows,
            @JsonProperty("ResultSetMetadata") ResultSetMetadata resultSetMetadata) {}

    public record Row(@JsonProperty("Data") List<Datum> data) {}

    /** A NULL value is a Datum without VarCharValue. */
    public record Datum(@JsonProperty("VarCharValue") String varCharValue) {}

    public record ResultSetMetadata(@JsonProperty("ColumnInfo") List<ColumnInfo> columnInfo) {}

    public record ColumnInfo(
            @JsonProperty("CatalogName") String catalogName,
            @JsonProperty("SchemaName") String schemaName,
            @JsonProperty("TableName") String tableName,
            @JsonProperty("Name") String name,
            @JsonProperty("Label") String label,
            @JsonProperty("Type") String type,
            @JsonProperty("Precision") int precision,
            @JsonProperty("Scale") int scale,
            @JsonProperty("Nullable") String nullable,
            @JsonProperty("CaseSensitive") boolean caseSensitive) {}

    public record GetWorkGroupResponse(@JsonProperty("WorkGroup") WorkGroup workGroup) {}

    public record WorkGroup(
            @JsonProperty("Name") String name,
            @JsonProperty("State") String state,
            @JsonProperty("Configuration") WorkGroupConfiguration configuration,
            @JsonProperty("Description") String description,
            @JsonProperty("CreationTime") Instant creationTime) {}

    public record WorkGroupConfiguration(
            @JsonProperty("ResultConfiguration") ResultConfiguration resultConfiguration,
            @JsonProperty("EnforceWorkGroupConfiguration") boolean enforceWorkGroupConfiguration,
            @JsonProperty("PublishCloudWatchMetricsEnabled") boolean publishCloudWatchMetricsEnabled,
            @JsonProperty("BytesScannedCutoffPerQuery") Long bytesScannedCutoffPerQuery,
            @JsonProperty("RequesterPaysEnabled") boolean requesterPaysEnabled,
            @JsonProperty("EngineVersion") EngineVersion engineVersion,
            @JsonProperty("EnableMinimumEncryptionConfiguration") boolean enableMinimumEncryptionConfiguration) {}

    public record ListWorkGroupsResponse(
            @JsonProperty("WorkGroups") List<WorkGroupSummary> workGroups,
            @JsonProperty("NextToken") String nextToken) {}

    public record WorkGroupSummary(
            @JsonProperty("Name") String name,
            @JsonProperty("State") String state,
            @JsonProperty("Description") String description,
            @JsonProperty("CreationTime") Instant creationTime,
            @JsonProperty("EngineVersion") EngineVersion engineVersion) {}

    public record ListTagsForResourceResponse(
            @JsonProperty("Tags") List<Tag> tags,
            @JsonProperty("NextToken") String nextToken) {}

    public record Tag(
            @JsonProperty("Key") String key,
            @JsonProperty("Value") String value) {}

    public record ListDataCatalogsResponse(
            @JsonProperty("DataCatalogsSummary") List<DataCatalogSummary> dataCatalogsSummary,
            @JsonProperty("NextToken") String nextToken) {}

    public record DataCatalogSummary(
            @JsonProperty("CatalogName") String catalogName,
            @JsonProperty("Type") String type,
            @JsonProperty("Status") String status,
            @JsonProperty("ConnectionType") String connectionType) {}

    public record GetDataCatalogResponse(@JsonProperty("DataCatalog") DataCatalog dataCatalog) {}

    public record DataCatalog(
            @JsonProperty("Name") String name,
            @JsonProperty("Description") String description,
            @JsonProperty("Type") String type,
            @JsonProperty("Parameters") java.util.Map<String, String> parameters,
            @JsonProperty("Status") String status,
            @JsonProperty("ConnectionType") String connectionType) {}

    public record CreateDataCatalogResponse(@JsonProperty("DataCatalog") DataCatalog dataCatalog) {}

    public record DeleteDataCatalogResponse(@JsonProperty("DataCatalog") DataCatalog dataCatalog) {}

    public record ListDatabasesResponse(
            @JsonProperty("DatabaseList") List<Database> databaseList,
            @JsonProperty("NextToken") String nextToken) {}

    public record GetDatabaseResponse(@JsonProperty("Database") Database database) {}

    public record Database(
            @JsonProperty("Name") String name,
            @JsonProperty("Description") String description,
            @JsonProperty("Parameters") java.util.Map<String, String> parameters) {}

    public record ListTableMetadataResponse(
            @JsonProperty("TableMetadataList") List<TableMetadata> tableMetadataList,
            @JsonProperty("NextToken") String nextToken) {}

    public record GetTableMetadataResponse(@JsonProperty("TableMetadata") TableMetadata tableMetadata) {}

    public record TableMetadata(
            @JsonProperty("Name") String name,
            @JsonProperty("CreateTime") Instant createTime,
            @JsonProperty("LastAccessTime") Instant lastAccessTime,
            @JsonProperty("TableType") String tableType,
            @JsonProperty("Columns") List<Column> columns,
            @JsonProperty("PartitionKeys") List<Column> partitionKeys,
            @JsonProperty("Parameters") java.util.Map<String, String> parameters) {}

    public record Column(
            @JsonProperty("Name") String name,
            @JsonProperty("Type") String type,
            @JsonProperty("Comment") String comment) {}

    public record GetPreparedStatementResponse(@JsonProperty("PreparedStatement") PreparedStatement preparedStatement) {}

    public record PreparedStatement(
            @JsonProperty("StatementName") String statementName,
            @JsonProperty("QueryStatement") String queryStatement,
            @JsonProperty("WorkGroupName") String workGroupName,
            @JsonProperty("Description") String description,
            @JsonProperty("LastModifiedTime") Instant lastModifiedTime) {}

    public record ListPreparedStatementsResponse(
            @JsonProperty("PreparedStatements") List<PreparedStatementSummary> preparedStatements,
            @JsonProperty("NextToken") String nextToken) {}

    public record PreparedStatementSummary(
            @JsonProperty("StatementName") String statementName,
            @JsonProperty("LastModifiedTime") Instant lastModifiedTime) {}

    public record BatchGetPreparedStatementResponse(
            @JsonProperty("PreparedStatements") List<PreparedStatement> preparedStatements,
            @JsonProperty("UnprocessedPreparedStatementNames") List<UnprocessedPreparedStatementName> unprocessedPreparedStatementNames) {}

    public record UnprocessedPreparedStatementName(
            @JsonProperty("StatementName") String statementName,
            @JsonProperty("ErrorCode") String errorCode,
            @JsonProperty("ErrorMessage") String errorMessage) {}

    public record CreateNamedQueryResponse(@JsonProperty("NamedQueryId") String namedQueryId) {}

    public record GetNamedQueryResponse(@JsonProperty("NamedQuery") NamedQuery namedQuery) {}

    public record NamedQuery(
            @JsonProperty("Name") String name,
            @JsonProperty("Description") String description,
            @JsonProperty("Database") String database,
            @JsonProperty("QueryString") String queryString,
            @JsonProperty("NamedQueryId") String namedQueryId,
            @JsonProperty("WorkGroup") String workGroup) {}

    public record ListNamedQueriesResponse(
            @JsonProperty("NamedQueryIds") List<String> namedQueryIds,
            @JsonProperty("NextToken") String nextToken) {}

    public record BatchGetNamedQueryResponse(
            @JsonProperty("NamedQueries") List<NamedQuery> namedQueries,
            @JsonProperty("UnprocessedNamedQueryIds") List<UnprocessedNamedQueryId> unprocessedNamedQueryIds) {}

    public record UnprocessedNamedQueryId(
            @JsonProperty("NamedQueryId") String namedQueryId,
            @JsonProperty("ErrorCode") String errorCode,
            @JsonProperty("ErrorMessage") String errorMessage) {}

    public record ListEngineVersionsResponse(
            @JsonProperty("EngineVersions") List<EngineVersion> engineVersions,
            @JsonProperty("NextToken") String nextToken) {}
}
