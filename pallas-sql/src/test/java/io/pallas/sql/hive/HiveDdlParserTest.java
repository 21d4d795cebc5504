package io.pallas.sql.hive;

import io.pallas.core.catalog.StorageDescriptor;
import io.pallas.sql.hive.HiveStatement.AlterDatabaseSetProperties;
import io.pallas.sql.hive.HiveStatement.AlterTableAddColumns;
import io.pallas.sql.hive.HiveStatement.AlterTableAddPartitions;
import io.pallas.sql.hive.HiveStatement.AlterTableChangeColumn;
import io.pallas.sql.hive.HiveStatement.AlterTableDropColumn;
import io.pallas.sql.hive.HiveStatement.AlterTableDropPartitions;
import io.pallas.sql.hive.HiveStatement.AlterTableRename;
import io.pallas.sql.hive.HiveStatement.AlterTableRenamePartition;
import io.pallas.sql.hive.HiveStatement.AlterTableReplaceColumns;
import io.pallas.sql.hive.HiveStatement.AlterTableSetLocation;
import io.pallas.sql.hive.HiveStatement.AlterTableSetProperties;
import io.pallas.sql.hive.HiveStatement.AlterTableUnsetProperties;
import io.pallas.sql.hive.HiveStatement.CreateDatabase;
import io.pallas.sql.hive.HiveStatement.CreateTable;
import io.pallas.sql.hive.HiveStatement.Describe;
import io.pallas.sql.hive.HiveStatement.DescribeMode;
import io.pallas.sql.hive.HiveStatement.DropDatabase;
import io.pallas.sql.hive.HiveStatement.DropTable;
import io.pallas.sql.hive.HiveStatement.DropView;
import io.pallas.sql.hive.HiveStatement.MsckRepairTable;
import io.pallas.sql.hive.HiveStatement.ShowColumns;
import io.pallas.sql.hive.HiveStatement.ShowCreateTable;
import io.pallas.sql.hive.HiveStatement.ShowCreateView;
import io.pallas.sql.hive.HiveStatement.ShowDatabases;
import io.pallas.sql.hive.HiveStatement.ShowPartitions;
import io.pallas.sql.hive.HiveStatement.ShowTables;
import io.pallas.sql.hive.HiveStatement.ShowTblProperties;
import io.pallas.sql.hive.HiveStatement.ShowViews;
import io.pallas.sql.hive.HiveStorageFormats.HiveStorage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static io.pallas.sql.hive.HiveStorageFormats.HIVE_JSON_SERDE;
import static io.pallas.sql.hive.HiveStorageFormats.LAZY_SIMPLE_SERDE;
import static io.pallas.sql.hive.HiveStorageFormats.OPENX_JSON_SERDE;
import static io.pallas.sql.hive.HiveStorageFormats.OPEN_CSV_SERDE;
import static io.pallas.sql.hive.HiveStorageFormats.PARQUET_SERDE;
import static io.pallas.sql.hive.HiveStorageFormats.REGEX_SERDE;
import static io.pallas.sql.hive.HiveStorageFormats.TEXT_INPUT_FORMAT;
import static io.pallas.sql.hive.HiveStorageFormats.TEXT_OUTPUT_FORMAT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HiveDdlParserTest
{
    private final HiveDdlParser parser = new HiveDdlParser();

    private static final QualifiedName T = QualifiedName.of("t");
    private static final QualifiedName DB_T = QualifiedName.of("db", "t");

    static Stream<Arguments> statements()
    {
        return Stream.of(
                // databases
                row("CREATE DATABASE db", new CreateDatabase("db", false, Optional.empty(), Optional.empty(), Map.of())),
                row("create schema IF NOT EXISTS `My_Db` COMMENT 'sales' LOCATION 's3://b/db/' WITH DBPROPERTIES ('creator'='Jane', 'dept'='x');",
                        new CreateDatabase("my_db", true, Optional.of("sales"), Optional.of("s3://b/db/"), ordered("creator", "Jane", "dept", "x"))),
                row("DROP DATABASE db", new DropDatabase("db", false, false)),
                row("DROP SCHEMA IF EXISTS db CASCADE", new DropDatabase("db", true, true)),
                row("DROP DATABASE db RESTRICT", new DropDatabase("db", false, false)),
                row("ALTER DATABASE db SET DBPROPERTIES ('k'='v')", new AlterDatabaseSetProperties("db", Map.of("k", "v"))),
                row("ALTER SCHEMA db SET DBPROPERTIES ('a'='1', 'b'='2')", new AlterDatabaseSetProperties("db", ordered("a", "1", "b", "2"))),
                // tables and views
                row("DROP TABLE t", new DropTable(T, false)),
                row("DROP TABLE IF EXISTS db.t;", new DropTable(DB_T, true)),
                row("drop table `db`.`T`", new DropTable(DB_T, false)),
                row("DROP VIEW IF EXISTS db.v", new DropView(QualifiedName.of("db", "v"), true)),
                row("MSCK REPAIR TABLE db.t", new MsckRepairTable(DB_T)),
                // ALTER TABLE
                row("ALTER TABLE t ADD PARTITION (year='2021', month=01)",
                        new AlterTableAddPartitions(T, false, List.of(new PartitionSpecWithLocation(spec("year", "2021", "month", "01"), Optional.empty())))),
                row("ALTER TABLE db.t ADD IF NOT EXISTS PARTITION (dt = '2021-01-01', country = 'IN') LOCATION 's3://b/t/2021-01-01/IN/' "
                                + "PARTITION (dt = '2021-01-02', country = 'IN') LOCATION 's3://b/t/2021-01-02/IN/'",
                        new AlterTableAddPartitions(DB_T, true, List.of(
                                new PartitionSpecWithLocation(spec("dt", "2021-01-01", "country", "IN"), Optional.of("s3://b/t/2021-01-01/IN/")),
                                new PartitionSpecWithLocation(spec("dt", "2021-01-02", "country", "IN"), Optional.of("s3://b/t/2021-01-02/IN/"))))),
                row("ALTER TABLE t ADD PARTITION (flag=true, d=DATE '2021-01-01')",
                        new AlterTableAddPartitions(T, false, List.of(new PartitionSpecWithLocation(spec("flag", "true", "d", "2021-01-01"), Optional.empty())))),
                row("ALTER TABLE t DROP PARTITION (dt='2014-05-14', country='IN')",
                        new AlterTableDropPartitions(T, false, List.of(spec("dt", "2014-05-14", "country", "IN")))),
                row("ALTER TABLE t DROP IF EXISTS PARTITION (dt='a'), PARTITION (dt=\"b\")",
                        new AlterTableDropPartitions(T, true, List.of(spec("dt", "a"), spec("dt", "b")))),
                row("ALTER TABLE orders PARTITION (dt = '2014-05-14', country = 'IN') RENAME TO PARTITION (dt = '2014-05-15', country = 'IN')",
                        new AlterTableRenamePartition(QualifiedName.of("orders"), spec("dt", "2014-05-14", "country", "IN"), spec("dt", "2014-05-15", "country", "IN"))),
                row("ALTER TABLE t ADD COLUMNS (a int COMMENT 'x', `date` string)",
                        new AlterTableAddColumns(T, Optional.empty(), List.of(column("a", "int", "x"), column("date", "string")), false)),
                row("ALTER TABLE t PARTITION (y='1') ADD COLUMNS (b map<string, array<int>>) CASCADE",
                        new AlterTableAddColumns(T, Optional.of(spec("y", "1")), List.of(column("b", "map<string,array<int>>")), true)),
                row("ALTER TABLE t REPLACE COLUMNS (a bigint, b string)",
                        new AlterTableReplaceColumns(T, Optional.empty(), List.of(column("a", "bigint"), column("b", "string")), false)),
                row("ALTER TABLE t PARTITION (y=2020) REPLACE COLUMNS (a bigint)",
                        new AlterTableReplaceColumns(T, Optional.of(spec("y", "2020")), List.of(column("a", "bigint")), false)),
                row("ALTER TABLE t SET LOCATION 's3://b/new/'", new AlterTableSetLocation(T, Optional.empty(), "s3://b/new/")),
                row("ALTER TABLE t PARTITION (y='2020') SET LOCATION 's3://b/y=2020/'", new AlterTableSetLocation(T, Optional.of(spec("y", "2020")), "s3://b/y=2020/")),
                row("ALTER TABLE t SET TBLPROPERTIES ('projection.enabled'='false', 'classification'='csv')",
                        new AlterTableSetProperties(T, ordered("projection.enabled", "false", "classification", "csv"))),
                row("ALTER TABLE t UNSET TBLPROPERTIES ('a', 'b')", new AlterTableUnsetProperties(T, false, List.of("a", "b"))),
                row("ALTER TABLE t UNSET TBLPROPERTIES IF EXISTS ('a')", new AlterTableUnsetProperties(T, true, List.of("a"))),
                row("ALTER TABLE t RENAME TO db.t2", new AlterTableRename(T, QualifiedName.of("db", "t2"))),
                row("ALTER TABLE t DROP COLUMN c", new AlterTableDropColumn(T, "c")),
                row("ALTER TABLE t CHANGE COLUMN a b decimal(10,2) COMMENT 'money' AFTER c",
                        new AlterTableChangeColumn(T, "a", column("b", "decimal(10,2)", "money"), Optional.of(new AlterTableChangeColumn.Position(Optional.of("c"))))),
                row("ALTER TABLE t CHANGE a a string FIRST",
                        new AlterTableChangeColumn(T, "a", column("a", "string"), Optional.of(new AlterTableChangeColumn.Position(Optional.empty())))),
                // SHOW
                row("SHOW DATABASES", new ShowDatabases(Optional.empty())),
                row("SHOW SCHEMAS LIKE 'sales.*'", new ShowDatabases(Optional.of("sales.*"))),
                row("SHOW TABLES", new ShowTables(Optional.empty(), Optional.empty())),
                row("SHOW TABLES IN db", new ShowTables(Optional.of("db"), Optional.empty())),
                row("SHOW TABLES IN db '*'", new ShowTables(Optional.of("db"), Optional.of("*"))),
                row("SHOW TABLES FROM db LIKE 'tab.*|other'", new ShowTables(Optional.of("db"), Optional.of("tab.*|other"))),
                row("SHOW TABLES 'a*'", new ShowTables(Optional.empty(), Optional.of("a*"))),
                row("SHOW VIEWS", new ShowViews(Optional.empty(), Optional.empty())),
                row("SHOW VIEWS IN db LIKE 'v*'", new ShowViews(Optional.of("db"), Optional.of("v*"))),
                row("SHOW COLUMNS IN t", new ShowColumns(T, Optional.empty())),
                row("SHOW COLUMNS FROM db.t", new ShowColumns(DB_T, Optional.empty())),
                row("SHOW COLUMNS IN t FROM db", new ShowColumns(T, Optional.of("db"))),
                row("SHOW PARTITIONS db.t", new ShowPartitions(DB_T)),
                row("SHOW TBLPROPERTIES t", new ShowTblProperties(T, Optional.empty())),
                row("SHOW TBLPROPERTIES db.t ('has_encrypted_data')", new ShowTblProperties(DB_T, Optional.of("has_encrypted_data"))),
                row("SHOW CREATE TABLE db.t", new ShowCreateTable(DB_T)),
                row("SHOW CREATE VIEW v", new ShowCreateView(QualifiedName.of("v"))),
                // DESCRIBE
                row("DESCRIBE t", new Describe(T, DescribeMode.DEFAULT, Optional.empty(), Optional.empty())),
                row("DESC db.t", new Describe(DB_T, DescribeMode.DEFAULT, Optional.empty(), Optional.empty())),
                row("DESCRIBE EXTENDED db.t", new Describe(DB_T, DescribeMode.EXTENDED, Optional.empty(), Optional.empty())),
                row("DESCRIBE FORMATTED t", new Describe(T, DescribeMode.FORMATTED, Optional.empty(), Optional.empty())),
                row("DESCRIBE formatted", new Describe(QualifiedName.of("formatted"), DescribeMode.DEFAULT, Optional.empty(), Optional.empty())),
                row("DESCRIBE t PARTITION (y='2020')", new Describe(T, DescribeMode.DEFAULT, Optional.of(spec("y", "2020")), Optional.empty())),
                row("DESCRIBE FORMATTED db.t col", new Describe(DB_T, DescribeMode.FORMATTED, Optional.empty(), Optional.of("col"))),
                row("DESCRIBE t useridentity.sessioncontext", new Describe(T, DescribeMode.DEFAULT, Optional.empty(), Optional.of("useridentity.sessioncontext"))),
                // lexical
                row("  -- leading comment\n/* block\n comment */ SHOW /* inside */ TABLES -- trailing\n", new ShowTables(Optional.empty(), Optional.empty())),
                row("drop TABLE `we``ird`", new DropTable(QualifiedName.of("we`ird"), false)));
    }

    @ParameterizedTest
    @MethodSource("statements")
    void parses(String sql, HiveStatement expected)
    {
        assertThat(parser.parse(sql)).isEqualTo(expected);
    }

    static Stream<Arguments> types()
    {
        return Stream.of(
                Arguments.of("TINYINT", "tinyint"),
                Arguments.of("SmallInt", "smallint"),
                Arguments.of("INT", "int"),
                Arguments.of("integer", "int"),
                Arguments.of("BIGINT", "bigint"),
                Arguments.of("boolean", "boolean"),
                Arguments.of("float", "float"),
                Arguments.of("double", "double"),
                Arguments.of("DOUBLE PRECISION", "double"),
                Arguments.of("STRING", "string"),
                Arguments.of("varchar(10)", "varchar(10)"),
                Arguments.of("char( 1 )", "char(1)"),
                Arguments.of("decimal", "decimal(10,0)"),
                Arguments.of("decimal(5)", "decimal(5,0)"),
                Arguments.of("DECIMAL(38, 18)", "decimal(38,18)"),
                Arguments.of("date", "date"),
                Arguments.of("TIMESTAMP", "timestamp"),
                Arguments.of("binary", "binary"),
                Arguments.of("ARRAY<STRING>", "array<string>"),
                Arguments.of("array<array<int>>", "array<array<int>>"),
                Arguments.of("MAP < STRING , INT >", "map<string,int>"),
                Arguments.of("map<string,map<string,array<bigint>>>", "map<string,map<string,array<bigint>>>"),
                Arguments.of("STRUCT<a:INT, b : STRING>", "struct<a:int,b:string>"),
                Arguments.of("struct<userName:string COMMENT 'who', `date`:date, nested:struct<x:double>>", "struct<userName:string,date:date,nested:struct<x:double>>"),
                Arguments.of("array<struct<k:string,v:map<string,string>>>", "array<struct<k:string,v:map<string,string>>>"));
    }

    @ParameterizedTest
    @MethodSource("types")
    void normalisesTypes(String written, String normalised)
    {
        CreateTable table = createTable("CREATE EXTERNAL TABLE t (c " + written + ") LOCATION 's3://b/'");
        assertThat(table.columns()).containsExactly(new ColumnDefinition("c", normalised, Optional.empty()));
    }

    @Test
    void contractCreateTable()
    {
        CreateTable table = createTable("""
                CREATE EXTERNAL TABLE IF NOT EXISTS db.t (a int COMMENT 'the a', b string)
                COMMENT 'a table'
                PARTITIONED BY (dt string COMMENT 'day')
                CLUSTERED BY (a) INTO 8 BUCKETS
                ROW FORMAT DELIMITED FIELDS TERMINATED BY ',' ESCAPED BY '\\\\' COLLECTION ITEMS TERMINATED BY '|'
                  MAP KEYS TERMINATED BY ':' LINES TERMINATED BY '\\n' NULL DEFINED AS ''
                STORED AS TEXTFILE
                LOCATION 's3://bucket/folder/'
                TBLPROPERTIES ('has_encrypted_data'='false', 'classification'='csv', 'compression_level'='3');
                """);
        assertThat(table).isEqualTo(new CreateTable(
                DB_T,
                true,
                true,
                List.of(column("a", "int", "the a"), column("b", "string")),
                Optional.of("a table"),
                List.of(column("dt", "string", "day")),
                List.of(),
                Optional.of(new Clustering(List.of("a"), 8)),
                new RowFormat.Delimited(Optional.of(","), Optional.of("\\"), Optional.of("|"), Optional.of(":"), Optional.of("\n"), Optional.of("")),
                Optional.of(new StorageFormat.StoredAs(FileFormat.TEXTFILE)),
                Optional.of("s3://bucket/folder/"),
                ordered("has_encrypted_data", "false", "classification", "csv", "compression_level", "3")));

        StorageDescriptor storage = HiveStorageFormats.storageDescriptor(table);
        assertThat(storage.location()).contains("s3://bucket/folder/");
        assertThat(storage.inputFormat()).isEqualTo(TEXT_INPUT_FORMAT);
        assertThat(storage.outputFormat()).isEqualTo(TEXT_OUTPUT_FORMAT);
        assertThat(storage.serDeInfo().serializationLibrary()).isEqualTo(LAZY_SIMPLE_SERDE);
        assertThat(storage.serDeInfo().parameters()).containsExactly(
                Map.entry("serialization.format", ","),
                Map.entry("field.delim", ","),
                Map.entry("escape.delim", "\\"),
                Map.entry("collection.delim", "|"),
                Map.entry("mapkey.delim", ":"),
                Map.entry("line.delim", "\n"),
                Map.entry("serialization.null.format", ""));
        assertThat(storage.bucketColumns()).containsExactly("a");
        assertThat(storage.numberOfBuckets()).isEqualTo(8);
    }

    @Test
    void minimalTableIsTextWithDefaults()
    {
        CreateTable table = createTable("CREATE EXTERNAL TABLE t (a int)");
        assertThat(table.location()).isEmpty();
        assertThat(table.rowFormat()).isEqualTo(RowFormat.Delimited.none());
        assertThat(table.storedAs()).isEmpty();
        assertThat(HiveStorageFormats.storage(table)).isEqualTo(new HiveStorage(
                TEXT_INPUT_FORMAT, TEXT_OUTPUT_FORMAT, new io.pallas.core.catalog.SerDeInfo(LAZY_SIMPLE_SERDE, Map.of("serialization.format", "1"))));
        assertThat(HiveStorageFormats.storageDescriptor(table).numberOfBuckets()).isZero();

        CreateTable managed = createTable("CREATE TABLE t (a int) LOCATION 's3://b/' TBLPROPERTIES ('table_type'='ICEBERG')");
        assertThat(managed.external()).isFalse();
        assertThat(managed.tblProperties()).containsEntry("table_type", "ICEBERG");

        assertThat(createTable("CREATE EXTERNAL TABLE t LOCATION 's3://b/'").columns()).isEmpty();
    }

    @Test
    void icebergPartitionTransforms()
    {
        CreateTable table = createTable("""
                CREATE TABLE iceberg_db.events (id bigint, ts timestamp, country string, name string)
                PARTITIONED BY (country, day(ts), bucket(16, id), TRUNCATE(10, name))
                LOCATION 's3://bucket/events/'
                TBLPROPERTIES ('table_type'='ICEBERG', 'format'='parquet')
                """);
        assertThat(table.external()).isFalse();
        assertThat(table.partitionedBy()).isEmpty();
        assertThat(table.partitionTransforms()).containsExactly("country", "day(ts)", "bucket(16,id)", "truncate(10,name)");
    }

    static Stream<Arguments> delimiters()
    {
        return Stream.of(
                Arguments.of("'\\t'", "\t"),
                Arguments.of("'\\001'", "\u0001"),
                Arguments.of("'\\u0001'", "\u0001"),
                Arguments.of("'|'", "|"),
                Arguments.of("\",\"", ","),
                Arguments.of("'\\''", "'"),
                Arguments.of("'\\\\'", "\\"),
                Arguments.of("'a''b'", "ab"),
                Arguments.of("'\\;'", ";"));
    }

    @ParameterizedTest
    @MethodSource("delimiters")
    void unescapesDelimiters(String literal, String value)
    {
        CreateTable table = createTable("CREATE EXTERNAL TABLE t (a int) ROW FORMAT DELIMITED FIELDS TERMINATED BY " + literal + " LOCATION 's3://b/'");
        assertThat(((RowFormat.Delimited) table.rowFormat()).fieldsTerminatedBy()).contains(value);
        assertThat(HiveStorageFormats.storage(table).serDeInfo().parameters())
                .containsEntry("field.delim", value)
                .containsEntry("serialization.format", value);
    }

    static Stream<Arguments> storedAs()
    {
        return Stream.of(
                Arguments.of("PARQUET", "org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat", "org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat", PARQUET_SERDE),
                Arguments.of("orc", "org.apache.hadoop.hive.ql.io.orc.OrcInputFormat", "org.apache.hadoop.hive.ql.io.orc.OrcOutputFormat", "org.apache.hadoop.hive.ql.io.orc.OrcSerde"),
                Arguments.of("AVRO", "org.apache.hadoop.hive.ql.io.avro.AvroContainerInputFormat", "org.apache.hadoop.hive.ql.io.avro.AvroContainerOutputFormat", "org.apache.hadoop.hive.serde2.avro.AvroSerDe"),
                Arguments.of("TEXTFILE", TEXT_INPUT_FORMAT, TEXT_OUTPUT_FORMAT, LAZY_SIMPLE_SERDE),
                Arguments.of("JSONFILE", TEXT_INPUT_FORMAT, TEXT_OUTPUT_FORMAT, HIVE_JSON_SERDE),
                Arguments.of("ION", "com.amazon.ionhiveserde.formats.IonInputFormat", "com.amazon.ionhiveserde.formats.IonOutputFormat", "com.amazon.ionhiveserde.IonHiveSerDe"),
                Arguments.of("SEQUENCEFILE", "org.apache.hadoop.mapred.SequenceFileInputFormat", "org.apache.hadoop.hive.ql.io.HiveSequenceFileOutputFormat", LAZY_SIMPLE_SERDE),
                Arguments.of("RCFILE", "org.apache.hadoop.hive.ql.io.RCFileInputFormat", "org.apache.hadoop.hive.ql.io.RCFileOutputFormat", "org.apache.hadoop.hive.serde2.columnar.LazyBinaryColumnarSerDe"),
                Arguments.of("INPUTFORMAT 'com.amazon.emr.cloudtrail.CloudTrailInputFormat' OUTPUTFORMAT 'org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat'",
                        "com.amazon.emr.cloudtrail.CloudTrailInputFormat", TEXT_OUTPUT_FORMAT, LAZY_SIMPLE_SERDE));
    }

    @ParameterizedTest
    @MethodSource("storedAs")
    void derivesStorageFromStoredAs(String storedAs, String inputFormat, String outputFormat, String serde)
    {
        HiveStorage storage = HiveStorageFormats.storage(createTable("CREATE EXTERNAL TABLE t (a int) STORED AS " + storedAs + " LOCATION 's3://b/'"));
        assertThat(storage.inputFormat()).isEqualTo(inputFormat);
        assertThat(storage.outputFormat()).isEqualTo(outputFormat);
        assertThat(storage.serDeInfo().serializationLibrary()).isEqualTo(serde);
        assertThat(storage.serDeInfo().parameters()).isEqualTo(Map.of("serialization.format", "1"));
    }

    @Test
    void parquetPartitionedByYearAndMonth()
    {
        CreateTable table = createTable("""
                CREATE EXTERNAL TABLE `sales`.`orders` (
                  `order_id` bigint,
                  `amount` decimal(12,2),
                  `tags` array<string>)
                PARTITIONED BY (year string, month string)
                STORED AS PARQUET
                LOCATION 's3://bucket/orders/'
                TBLPROPERTIES (
                  'parquet.compression'='SNAPPY',
                  'projection.enabled'='true',
                  'projection.year.type'='integer',
                  'projection.year.range'='2020,2030',
                  'projection.month.type'='integer',
                  'projection.month.range'='1,12',
                  'projection.month.digits'='2',
                  'storage.location.template'='s3://bucket/orders/${year}/${month}/')
                """);
        assertThat(table.name()).isEqualTo(QualifiedName.of("sales", "orders"));
        assertThat(table.columns()).containsExactly(column("order_id", "bigint"), column("amount", "decimal(12,2)"), column("tags", "array<string>"));
        assertThat(table.partitionedBy()).containsExactly(column("year", "string"), column("month", "string"));
        assertThat(table.tblProperties()).hasSize(8).containsEntry("storage.location.template", "s3://bucket/orders/${year}/${month}/");
        assertThat(table.tblProperties().keySet()).first().isEqualTo("parquet.compression");
        assertThat(HiveStorageFormats.storage(table).serDeInfo().serializationLibrary()).isEqualTo(PARQUET_SERDE);
    }

    @Test
    void cloudTrail()
    {
        CreateTable table = createTable("""
                CREATE EXTERNAL TABLE cloudtrail_logs (
                    eventversion STRING,
                    useridentity STRUCT<
                                   type:STRING,
                                   principalid:STRING,
                                   arn:STRING,
                                   accountid:STRING,
                                   invokedby:STRING,
                                   accesskeyid:STRING,
                                   userName:STRING,
                      sessioncontext:STRUCT<
                        attributes:STRUCT<
                                   mfaauthenticated:STRING,
                                   creationdate:STRING>,
                        sessionissuer:STRUCT<
                                   type:STRING,
                                   principalId:STRING,
                                   arn:STRING,
                                   accountId:STRING,
                                   userName:STRING>,
                        sourceIdentity:STRING,
                        ec2RoleDelivery:STRING,
                        webIdFederationData:MAP<STRING,STRING>>>,
                    eventtime STRING,
                    eventsource STRING,
                    resources ARRAY<STRUCT<
                                   arn:STRING,
                                   accountid:STRING,
                                   type:STRING>>,
                    readonly STRING,
                    requestparameters STRING,
                    additionaleventdata STRING,
                    tlsDetails STRUCT<
                        tlsVersion:STRING,
                        cipherSuite:STRING,
                        clientProvidedHostHeader:STRING>
                  )
                COMMENT 'CloudTrail table for my-bucket'
                ROW FORMAT SERDE 'org.apache.hive.hcatalog.data.JsonSerDe'
                STORED AS INPUTFORMAT 'com.amazon.emr.cloudtrail.CloudTrailInputFormat'
                OUTPUTFORMAT 'org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat'
                LOCATION 's3://my-bucket/AWSLogs/111122223333/CloudTrail/'
                TBLPROPERTIES ('classification'='cloudtrail');
                """);
        assertThat(table.columns()).extracting(ColumnDefinition::name)
                .containsExactly("eventversion", "useridentity", "eventtime", "eventsource", "resources", "readonly", "requestparameters", "additionaleventdata", "tlsdetails");
        assertThat(table.columns().get(1).hiveType()).isEqualTo(
                "struct<type:string,principalid:string,arn:string,accountid:string,invokedby:string,accesskeyid:string,userName:string,"
                        + "sessioncontext:struct<attributes:struct<mfaauthenticated:string,creationdate:string>,"
                        + "sessionissuer:struct<type:string,principalId:string,arn:string,accountId:string,userName:string>,"
                        + "sourceIdentity:string,ec2RoleDelivery:string,webIdFederationData:map<string,string>>>");
        assertThat(table.columns().get(4).hiveType()).isEqualTo("array<struct<arn:string,accountid:string,type:string>>");
        HiveStorage storage = HiveStorageFormats.storage(table);
        assertThat(storage.inputFormat()).isEqualTo("com.amazon.emr.cloudtrail.CloudTrailInputFormat");
        assertThat(storage.serDeInfo().serializationLibrary()).isEqualTo(HIVE_JSON_SERDE);
    }

    @Test
    void albLogsWithRegexSerDe()
    {
        CreateTable table = createTable("""
                CREATE EXTERNAL TABLE IF NOT EXISTS alb_logs (
                    type string,
                    time string,
                    elb string,
                    client_ip string,
                    client_port int,
                    request_processing_time double,
                    elb_status_code int,
                    received_bytes bigint,
                    request_verb string,
                    request_url string,
                    user_agent string
                    )
                    PARTITIONED BY
                    (
                     day STRING
                    )
                    ROW FORMAT SERDE 'org.apache.hadoop.hive.serde2.RegexSerDe'
                    WITH SERDEPROPERTIES (
                    'serialization.format' = '1',
                    'input.regex' =
                '([^ ]*) ([^ ]*) ([^ ]*) ([^ ]*):([0-9]*) ([-.0-9]*) (|[-0-9]*) ([-0-9]*) \\"([^ ]*) (.*) (- |[^ ]*)\\" \\"([^\\"]*)\\"')
                    LOCATION 's3://amzn-s3-demo-bucket/AWSLogs/<ACCOUNT-NUMBER>/elasticloadbalancing/<REGION>/'
                    TBLPROPERTIES
                    (
                     "projection.enabled" = "true",
                     "projection.day.type" = "date",
                     "projection.day.range" = "2022/01/01,NOW",
                     "projection.day.format" = "yyyy/MM/dd",
                     "projection.day.interval" = "1",
                     "projection.day.interval.unit" = "DAYS",
                     "storage.location.template" = "s3://amzn-s3-demo-bucket/AWSLogs/<ACCOUNT-NUMBER>/elasticloadbalancing/<REGION>/${day}"
                    )
                """);
        assertThat(table.columns()).contains(column("type", "string"), column("time", "string"), column("received_bytes", "bigint"));
        assertThat(table.partitionedBy()).containsExactly(column("day", "string"));
        RowFormat.Serde serde = (RowFormat.Serde) table.rowFormat();
        assertThat(serde.className()).isEqualTo(REGEX_SERDE);
        assertThat(serde.serdeProperties()).containsEntry("input.regex",
                "([^ ]*) ([^ ]*) ([^ ]*) ([^ ]*):([0-9]*) ([-.0-9]*) (|[-0-9]*) ([-0-9]*) \"([^ ]*) (.*) (- |[^ ]*)\" \"([^\"]*)\"");
        assertThat(table.tblProperties()).containsEntry("projection.day.range", "2022/01/01,NOW").hasSize(7);
        HiveStorage storage = HiveStorageFormats.storage(table);
        assertThat(storage.inputFormat()).isEqualTo(TEXT_INPUT_FORMAT);
        assertThat(storage.serDeInfo()).isEqualTo(new io.pallas.core.catalog.SerDeInfo(REGEX_SERDE, serde.serdeProperties()));
    }

    @Test
    void vpcFlowLogs()
    {
        CreateTable table = createTable("""
                CREATE EXTERNAL TABLE IF NOT EXISTS `vpc_flow_logs` (
                  version int,
                  account_id string,
                  interface_id string,
                  srcaddr string,
                  dstaddr string,
                  srcport int,
                  dstport int,
                  protocol bigint,
                  packets bigint,
                  bytes bigint,
                  start bigint,
                  `end` bigint,
                  action string,
                  log_status string
                )
                PARTITIONED BY (`date` date)
                ROW FORMAT DELIMITED
                FIELDS TERMINATED BY ' '
                LOCATION 's3://amzn-s3-demo-bucket/prefix/AWSLogs/{account_id}/vpcflowlogs/{region_code}/'
                TBLPROPERTIES ("skip.header.line.count"="1");
                """);
        assertThat(table.columns()).hasSize(14).contains(column("end", "bigint"), column("start", "bigint"));
        assertThat(table.partitionedBy()).containsExactly(column("date", "date"));
        assertThat(HiveStorageFormats.storage(table).serDeInfo().parameters()).containsExactly(
                Map.entry("serialization.format", " "), Map.entry("field.delim", " "));
        assertThat(table.tblProperties()).isEqualTo(Map.of("skip.header.line.count", "1"));
    }

    @Test
    void openCsvSerde()
    {
        CreateTable table = createTable("""
                CREATE EXTERNAL TABLE flights (year int, carrier string, origin string)
                ROW FORMAT SERDE 'org.apache.hadoop.hive.serde2.OpenCSVSerde'
                WITH SERDEPROPERTIES (
                  'separatorChar' = ',',
                  'quoteChar' = '\\"',
                  'escapeChar' = '\\\\'
                  )
                STORED AS TEXTFILE
                LOCATION 's3://bucket/flight/csv/'
                TBLPROPERTIES ('skip.header.line.count'='1', 'has_encrypted_data'='false')
                """);
        HiveStorage storage = HiveStorageFormats.storage(table);
        assertThat(storage.serDeInfo().serializationLibrary()).isEqualTo(OPEN_CSV_SERDE);
        assertThat(storage.serDeInfo().parameters()).containsExactly(
                Map.entry("serialization.format", "1"),
                Map.entry("separatorChar", ","),
                Map.entry("quoteChar", "\""),
                Map.entry("escapeChar", "\\"));
        assertThat(table.tblProperties()).containsExactly(Map.entry("skip.header.line.count", "1"), Map.entry("has_encrypted_data", "false"));
    }

    @Test
    void openxJson()
    {
        CreateTable table = createTable("""
                CREATE EXTERNAL TABLE json_events (
                  `timestamp` string,
                  ts_mapped string,
                  payload struct<`user`:string,ids:array<bigint>>)
                ROW FORMAT SERDE 'org.openx.data.jsonserde.JsonSerDe'
                WITH SERDEPROPERTIES (
                  'ignore.malformed.json' = 'true',
                  'case.insensitive' = 'false',
                  'mapping.ts_mapped' = 'ts-mapped')
                LOCATION 's3://bucket/events/'
                """);
        assertThat(table.columns()).containsExactly(
                column("timestamp", "string"), column("ts_mapped", "string"), column("payload", "struct<user:string,ids:array<bigint>>"));
        HiveStorage storage = HiveStorageFormats.storage(table);
        assertThat(storage.serDeInfo().serializationLibrary()).isEqualTo(OPENX_JSON_SERDE);
        assertThat(storage.serDeInfo().parameters()).containsEntry("mapping.ts_mapped", "ts-mapped").containsEntry("ignore.malformed.json", "true");
        assertThat(storage.inputFormat()).isEqualTo(TEXT_INPUT_FORMAT);
    }

    @Test
    void delimitedRowFormatKeepsStoredAsSerde()
    {
        HiveStorage storage = HiveStorageFormats.storage(createTable("CREATE EXTERNAL TABLE t (a int) ROW FORMAT DELIMITED FIELDS TERMINATED BY '\\t' STORED AS SEQUENCEFILE"));
        assertThat(storage.serDeInfo().serializationLibrary()).isEqualTo(LAZY_SIMPLE_SERDE);
        assertThat(storage.inputFormat()).isEqualTo("org.apache.hadoop.mapred.SequenceFileInputFormat");
        assertThat(storage.serDeInfo().parameters()).containsEntry("field.delim", "\t");
    }

    static Stream<Arguments> parseErrors()
    {
        return Stream.of(
                Arguments.of("", "line 1:0 cannot recognize input near '<EOF>' '<EOF>' '<EOF>'"),
                Arguments.of("FOO BAR", "line 1:0 cannot recognize input near 'FOO' 'BAR' '<EOF>'"),
                Arguments.of("CREATE FOO t", "line 1:0 cannot recognize input near 'CREATE' 'FOO' 't'"),
                Arguments.of("CREATE EXTERNAL TABLE t (date string) LOCATION 's3://b/'",
                        "line 1:25 cannot recognize input near 'date' 'string' ')' in column specification"),
                Arguments.of("CREATE EXTERNAL TABLE t (a foo) LOCATION 's3://b/'",
                        "line 1:27 cannot recognize input near 'foo' ')' 'LOCATION' in primitive type specification"),
                Arguments.of("CREATE EXTERNAL TABLE t (a int",
                        "line 1:30 mismatched input '<EOF>' expecting ) near 'int' in column name type list"),
                Arguments.of("CREATE EXTERNAL TABLE (a int)",
                        "line 1:22 cannot recognize input near '(' 'a' 'int' in table name"),
                Arguments.of("CREATE EXTERNAL TABLE t (a int) LOCATION s3://b/",
                        "line 1:41 mismatched input 's3' expecting StringLiteral near 'LOCATION' in table location specification"),
                Arguments.of("CREATE EXTERNAL TABLE t (a int) LOCATION 's3://b/' foo",
                        "line 1:51 missing EOF at 'foo' near ''s3://b/''"),
                Arguments.of("CREATE EXTERNAL TABLE t (a int)\nROW FORMAT SERDE org.openx",
                        "line 2:17 mismatched input 'org' expecting StringLiteral near 'SERDE' in serde format specification"),
                Arguments.of("CREATE EXTERNAL TABLE t (a map<string int>)",
                        "line 1:38 mismatched input 'int' expecting , near 'string' in map type"),
                Arguments.of("CREATE EXTERNAL TABLE t (a int) TBLPROPERTIES ('k'='v',)",
                        "line 1:55 mismatched input ')' expecting StringLiteral near ',' in specifying key/value property"),
                Arguments.of("DROP TABLE db.", "line 1:14 cannot recognize input near '<EOF>' '<EOF>' '<EOF>' in table name"),
                Arguments.of("SHOW TABLESPACES", "line 1:0 cannot recognize input near 'SHOW' 'TABLESPACES' '<EOF>' in show statement"),
                Arguments.of("ALTER TABLE t TOUCH", "line 1:14 cannot recognize input near 'TOUCH' '<EOF>' '<EOF>' in alter table statement"),
                Arguments.of("ALTER TABLE t ADD PARTITION (dt)",
                        "line 1:31 mismatched input ')' expecting = near 'dt' in partition specification"),
                Arguments.of("SHOW TABLES; SHOW TABLES", "line 1:13 missing EOF at 'SHOW' near ';'"),
                Arguments.of("SHOW TABLES IN db #", "line 1:18 character '#' not supported here"),
                Arguments.of("DROP TABLE 'unterminated", "line 1:11 character ''' not supported here"),
                Arguments.of("MSCK TABLE t", "line 1:5 mismatched input 'TABLE' expecting REPAIR near 'MSCK' in metastore check statement"));
    }

    @ParameterizedTest
    @MethodSource("parseErrors")
    void reportsParseErrorsAsHiveDoes(String sql, String message)
    {
        assertThatThrownBy(() -> parser.parse(sql))
                .isInstanceOf(HiveParseException.class)
                .hasMessage(message)
                .satisfies(e -> assertThat(((HiveParseException) e).failureText()).isEqualTo("FAILED: ParseException " + message));
    }

    static Stream<Arguments> semanticErrors()
    {
        return Stream.of(
                Arguments.of("CREATE EXTERNAL TABLE t (a int, b string) PARTITIONED BY (b string) LOCATION 's3://b/'",
                        "FAILED: SemanticException [Error 10035]: Column repeated in partitioning columns"),
                Arguments.of("CREATE EXTERNAL TABLE t (a int, A string) LOCATION 's3://b/'",
                        "FAILED: SemanticException [Error 10036]: Duplicate column name: a"),
                Arguments.of("CREATE EXTERNAL TABLE t (a int) STORED AS CSV LOCATION 's3://b/'",
                        "FAILED: SemanticException Unrecognized file format in STORED AS clause: 'CSV'"),
                Arguments.of("CREATE EXTERNAL TABLE t (a decimal(39,2))",
                        "FAILED: SemanticException Decimal precision out of allowed range [1,38]"),
                Arguments.of("CREATE EXTERNAL TABLE t (a varchar(0))",
                        "FAILED: SemanticException Varchar length 0 out of allowed range [1, 65535]"));
    }

    @ParameterizedTest
    @MethodSource("semanticErrors")
    void reportsSemanticErrorsAsHiveDoes(String sql, String failureText)
    {
        assertThatThrownBy(() -> parser.parse(sql))
                .isInstanceOf(HiveSemanticException.class)
                .satisfies(e -> assertThat(((HiveSemanticException) e).failureText()).isEqualTo(failureText));
    }

    private CreateTable createTable(String sql)
    {
        return (CreateTable) parser.parse(sql);
    }

    private static Arguments row(String sql, HiveStatement expected)
    {
        return Arguments.of(sql, expected);
    }

    private static ColumnDefinition column(String name, String type)
    {
        return new ColumnDefinition(name, type, Optional.empty());
    }

    private static ColumnDefinition column(String name, String type, String comment)
    {
        return new ColumnDefinition(name, type, Optional.of(comment));
    }

    private static PartitionSpec spec(String... keysAndValues)
    {
        List<Map.Entry<String, String>> entries = new java.util.ArrayList<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            entries.add(Map.entry(keysAndValues[i], keysAndValues[i + 1]));
        }
        return new PartitionSpec(entries);
    }

    private static Map<String, String> ordered(String... keysAndValues)
    {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
