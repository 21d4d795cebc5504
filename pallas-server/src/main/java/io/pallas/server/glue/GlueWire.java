package io.pallas.server.glue;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Response shapes of the Glue catalog operations, member for member as the Glue service model names them. Null
 * members are omitted on the wire. These are wire types only: the domain lives in {@code io.pallas.core.catalog}.
 */
public final class GlueWire
{
    private GlueWire() {}

    public record Empty() {}

    public record GetDatabasesResponse(
            @JsonProperty("DatabaseList") List<Database> databaseList,
            @JsonProperty("NextToken") String nextToken) {}

    public record GetDatabaseResponse(@JsonProperty("Database") Database database) {}

    public record Database(
            @JsonProperty("Name") String name,
            @JsonProperty("Description") String description,
            @JsonProperty("LocationUri") String locationUri,
            @JsonProperty("Parameters") Map<String, String> parameters,
            @JsonProperty("CreateTime") Instant createTime,
            @JsonProperty("CatalogId") String catalogId) {}

    public record GetTablesResponse(
            @JsonProperty("TableList") List<Table> tableList,
            @JsonProperty("NextToken") String nextToken) {}

    public record GetTableResponse(@JsonProperty("Table") Table table) {}

    public record Table(
            @JsonProperty("Name") String name,
            @JsonProperty("DatabaseName") String databaseName,
            @JsonProperty("Description") String description,
            @JsonProperty("Owner") String owner,
            @JsonProperty("CreateTime") Instant createTime,
            @JsonProperty("UpdateTime") Instant updateTime,
            @JsonProperty("Retention") int retention,
            @JsonProperty("StorageDescriptor") StorageDescriptor storageDescriptor,
            @JsonProperty("PartitionKeys") List<Column> partitionKeys,
            @JsonProperty("ViewOriginalText") String viewOriginalText,
            @JsonProperty("ViewExpandedText") String viewExpandedText,
            @JsonProperty("TableType") String tableType,
            @JsonProperty("Parameters") Map<String, String> parameters,
            @JsonProperty("IsRegisteredWithLakeFormation") boolean isRegisteredWithLakeFormation,
            @JsonProperty("CatalogId") String catalogId,
            @JsonProperty("VersionId") String versionId) {}

    public record StorageDescriptor(
            @JsonProperty("Columns") List<Column> columns,
            @JsonProperty("Location") String location,
            @JsonProperty("InputFormat") String inputFormat,
            @JsonProperty("OutputFormat") String outputFormat,
            @JsonProperty("Compressed") boolean compressed,
            @JsonProperty("NumberOfBuckets") int numberOfBuckets,
            @JsonProperty("SerdeInfo") SerDeInfo serdeInfo,
            @JsonProperty("BucketColumns") List<String> bucketColumns,
            @JsonProperty("SortColumns") List<Object> sortColumns,
            @JsonProperty("StoredAsSubDirectories") boolean storedAsSubDirectories) {}

    public record SerDeInfo(
            @JsonProperty("SerializationLibrary") String serializationLibrary,
            @JsonProperty("Parameters") Map<String, String> parameters) {}

    public record Column(
            @JsonProperty("Name") String name,
            @JsonProperty("Type") String type,
            @JsonProperty("Comment") String comment) {}

    public record BatchDeleteTableResponse(@JsonProperty("Errors") List<TableError> errors) {}

    public record TableError(
            @JsonProperty("TableName") String tableName,
            @JsonProperty("ErrorDetail") ErrorDetail errorDetail) {}

    public record ErrorDetail(
            @JsonProperty("ErrorCode") String errorCode,
            @JsonProperty("ErrorMessage") String errorMessage) {}

    public record GetPartitionsResponse(
            @JsonProperty("Partitions") List<Partition> partitions,
            @JsonProperty("NextToken") String nextToken) {}

    public record GetPartitionResponse(@JsonProperty("Partition") Partition partition) {}

    public record BatchGetPartitionResponse(
            @JsonProperty("Partitions") List<Partition> partitions,
            @JsonProperty("UnprocessedKeys") List<PartitionValueList> unprocessedKeys) {}

    public record PartitionValueList(@JsonProperty("Values") List<String> values) {}

    public record Partition(
            @JsonProperty("Values") List<String> values,
            @JsonProperty("DatabaseName") String databaseName,
            @JsonProperty("TableName") String tableName,
            @JsonProperty("CreationTime") Instant creationTime,
            @JsonProperty("StorageDescriptor") StorageDescriptor storageDescriptor,
            @JsonProperty("Parameters") Map<String, String> parameters,
            @JsonProperty("CatalogId") String catalogId) {}

    public record PartitionErrorsResponse(@JsonProperty("Errors") List<PartitionError> errors) {}

    public record PartitionError(
            @JsonProperty("PartitionValues") List<String> partitionValues,
            @JsonProperty("ErrorDetail") ErrorDetail errorDetail) {}
}
