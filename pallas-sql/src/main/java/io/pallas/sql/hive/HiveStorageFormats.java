package io.pallas.sql.hive;

import io.pallas.core.catalog.SerDeInfo;
import io.pallas.core.catalog.StorageDescriptor;
import io.pallas.sql.hive.HiveStatement.CreateTable;
import io.pallas.sql.hive.RowFormat.Delimited;
import io.pallas.sql.hive.RowFormat.Serde;
import io.pallas.sql.hive.StorageFormat.InputOutputFormat;
import io.pallas.sql.hive.StorageFormat.StoredAs;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * The Hive class names Athena's catalog entries carry, and the storage triple (input format, output format, SerDe with
 * its parameters) Hive derives from a CREATE TABLE's ROW FORMAT and STORED AS clauses.
 */
public final class HiveStorageFormats
{
    public static final String TEXT_INPUT_FORMAT = "org.apache.hadoop.mapred.TextInputFormat";
    public static final String TEXT_OUTPUT_FORMAT = "org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat";
    public static final String SEQUENCE_FILE_INPUT_FORMAT = "org.apache.hadoop.mapred.SequenceFileInputFormat";
    public static final String SEQUENCE_FILE_OUTPUT_FORMAT = "org.apache.hadoop.hive.ql.io.HiveSequenceFileOutputFormat";
    public static final String RCFILE_INPUT_FORMAT = "org.apache.hadoop.hive.ql.io.RCFileInputFormat";
    public static final String RCFILE_OUTPUT_FORMAT = "org.apache.hadoop.hive.ql.io.RCFileOutputFormat";
    public static final String ORC_INPUT_FORMAT = "org.apache.hadoop.hive.ql.io.orc.OrcInputFormat";
    public static final String ORC_OUTPUT_FORMAT = "org.apache.hadoop.hive.ql.io.orc.OrcOutputFormat";
    public static final String PARQUET_INPUT_FORMAT = "org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat";
    public static final String PARQUET_OUTPUT_FORMAT = "org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat";
    public static final String AVRO_INPUT_FORMAT = "org.apache.hadoop.hive.ql.io.avro.AvroContainerInputFormat";
    public static final String AVRO_OUTPUT_FORMAT = "org.apache.hadoop.hive.ql.io.avro.AvroContainerOutputFormat";
    public static final String ION_INPUT_FORMAT = "com.amazon.ionhiveserde.formats.IonInputFormat";
    public static final String ION_OUTPUT_FORMAT = "com.amazon.ionhiveserde.formats.IonOutputFormat";

    public static final String LAZY_SIMPLE_SERDE = "org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe";
    public static final String LAZY_BINARY_COLUMNAR_SERDE = "org.apache.hadoop.hive.serde2.columnar.LazyBinaryColumnarSerDe";
    public static final String COLUMNAR_SERDE = "org.apache.hadoop.hive.serde2.columnar.ColumnarSerDe";
    public static final String ORC_SERDE = "org.apache.hadoop.hive.ql.io.orc.OrcSerde";
    public static final String PARQUET_SERDE = "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe";
    public static final String AVRO_SERDE = "org.apache.hadoop.hive.serde2.avro.AvroSerDe";
    public static final String ION_SERDE = "com.amazon.ionhiveserde.IonHiveSerDe";
    public static final String HIVE_JSON_SERDE = "org.apache.hive.hcatalog.data.JsonSerDe";
    public static final String OPENX_JSON_SERDE = "org.openx.data.jsonserde.JsonSerDe";
    public static final String OPEN_CSV_SERDE = "org.apache.hadoop.hive.serde2.OpenCSVSerde";
    public static final String REGEX_SERDE = "org.apache.hadoop.hive.serde2.RegexSerDe";
    public static final String GROK_SERDE = "com.amazonaws.glue.serde.GrokSerDe";
    public static final String CLOUDTRAIL_SERDE = "com.amazon.emr.hive.serde.CloudTrailSerde";
    public static final String CLOUDTRAIL_INPUT_FORMAT = "com.amazon.emr.cloudtrail.CloudTrailInputFormat";

    // SerDe parameter keys written for ROW FORMAT DELIMITED
    public static final String SERIALIZATION_FORMAT = "serialization.format";
    public static final String FIELD_DELIM = "field.delim";
    public static final String ESCAPE_DELIM = "escape.delim";
    // Hive 2/3 spell this key "colelction.delim"; Glue tables written by Athena and readers (Trino) use this spelling
    public static final String COLLECTION_DELIM = "collection.delim";
    public static final String MAPKEY_DELIM = "mapkey.delim";
    public static final String LINE_DELIM = "line.delim";
    public static final String SERIALIZATION_NULL_FORMAT = "serialization.null.format";

    /** Input format, output format and SerDe of a table, as Glue's StorageDescriptor holds them. */
    public record HiveStorage(String inputFormat, String outputFormat, SerDeInfo serDeInfo)
    {
        public HiveStorage
        {
            requireNonNull(inputFormat, "inputFormat is null");
            requireNonNull(outputFormat, "outputFormat is null");
            requireNonNull(serDeInfo, "serDeInfo is null");
        }
    }

    private record FormatDefaults(String inputFormat, String outputFormat, String serde) {}

    private HiveStorageFormats() {}

    /**
     * Hive's rules: STORED AS picks the input and output formats and a default SerDe (TEXTFILE when absent); ROW
     * FORMAT SERDE replaces that SerDe; delimiters and SERDEPROPERTIES become SerDe parameters on top of
     * {@code serialization.format=1}, which a field delimiter replaces.
     */
    public static HiveStorage storage(RowFormat rowFormat, Optional<StorageFormat> storedAs)
    {
        requireNonNull(rowFormat, "rowFormat is null");
        requireNonNull(storedAs, "storedAs is null");
        FormatDefaults defaults = storedAs.map(HiveStorageFormats::defaults).orElseGet(() -> defaults(FileFormat.TEXTFILE));

        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put(SERIALIZATION_FORMAT, "1");
        String serde = defaults.serde();
        switch (rowFormat) {
            case Delimited delimited -> {
                delimited.fieldsTerminatedBy().ifPresent(delimiter -> {
                    parameters.put(FIELD_DELIM, delimiter);
                    parameters.put(SERIALIZATION_FORMAT, delimiter);
                });
                delimited.escapedBy().ifPresent(value -> parameters.put(ESCAPE_DELIM, value));
                delimited.collectionItemsTerminatedBy().ifPresent(value -> parameters.put(COLLECTION_DELIM, value));
                delimited.mapKeysTerminatedBy().ifPresent(value -> parameters.put(MAPKEY_DELIM, value));
                delimited.linesTerminatedBy().ifPresent(value -> parameters.put(LINE_DELIM, value));
                delimited.nullDefinedAs().ifPresent(value -> parameters.put(SERIALIZATION_NULL_FORMAT, value));
            }
            case Serde explicit -> {
                serde = explicit.className();
                parameters.putAll(explicit.serdeProperties());
            }
        }
        return new HiveStorage(defaults.inputFormat(), defaults.outputFormat(), new SerDeInfo(serde, parameters));
    }

    public static HiveStorage storage(CreateTable table)
    {
        return storage(table.rowFormat(), table.storedAs());
    }

    /** The table's StorageDescriptor: its location, storage triple and buckets. */
    public static StorageDescriptor storageDescriptor(CreateTable table)
    {
        HiveStorage storage = storage(table);
        List<String> bucketColumns = table.clustering().map(Clustering::columns).orElse(List.of());
        // Glue reports 0 buckets for tables without CLUSTERED BY
        int buckets = table.clustering().map(Clustering::buckets).orElse(0);
        return new StorageDescriptor(table.location(), storage.inputFormat(), storage.outputFormat(), storage.serDeInfo(), bucketColumns, buckets, false);
    }

    private static FormatDefaults defaults(StorageFormat format)
    {
        return switch (format) {
            case StoredAs(FileFormat fileFormat) -> defaults(fileFormat);
            case InputOutputFormat(String input, String output) -> new FormatDefaults(input, output, LAZY_SIMPLE_SERDE);
        };
    }

    private static FormatDefaults defaults(FileFormat format)
    {
        return switch (format) {
            case TEXTFILE -> new FormatDefaults(TEXT_INPUT_FORMAT, TEXT_OUTPUT_FORMAT, LAZY_SIMPLE_SERDE);
            case SEQUENCEFILE -> new FormatDefaults(SEQUENCE_FILE_INPUT_FORMAT, SEQUENCE_FILE_OUTPUT_FORMAT, LAZY_SIMPLE_SERDE);
            case RCFILE -> new FormatDefaults(RCFILE_INPUT_FORMAT, RCFILE_OUTPUT_FORMAT, LAZY_BINARY_COLUMNAR_SERDE);
            case ORC -> new FormatDefaults(ORC_INPUT_FORMAT, ORC_OUTPUT_FORMAT, ORC_SERDE);
            case PARQUET -> new FormatDefaults(PARQUET_INPUT_FORMAT, PARQUET_OUTPUT_FORMAT, PARQUET_SERDE);
            case AVRO -> new FormatDefaults(AVRO_INPUT_FORMAT, AVRO_OUTPUT_FORMAT, AVRO_SERDE);
            // Hive 3 would pick org.apache.hadoop.hive.serde2.JsonSerDe; Athena documents the HCatalog class
            case JSONFILE -> new FormatDefaults(TEXT_INPUT_FORMAT, TEXT_OUTPUT_FORMAT, HIVE_JSON_SERDE);
            case ION -> new FormatDefaults(ION_INPUT_FORMAT, ION_OUTPUT_FORMAT, ION_SERDE);
        };
    }
}
