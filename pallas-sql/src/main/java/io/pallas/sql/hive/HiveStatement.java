package io.pallas.sql.hive;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * A parsed Hive DDL or utility statement. Identifiers are lower-cased (backticks removed); string values, property
 * keys and values, comments and class names are unescaped and keep their case. Maps keep the written order.
 */
public sealed interface HiveStatement
{
    record CreateDatabase(String name, boolean ifNotExists, Optional<String> comment, Optional<String> location, Map<String, String> dbProperties)
            implements HiveStatement
    {
        public CreateDatabase
        {
            requireNonNull(name, "name is null");
            requireNonNull(comment, "comment is null");
            requireNonNull(location, "location is null");
            dbProperties = copy(dbProperties);
        }
    }

    record DropDatabase(String name, boolean ifExists, boolean cascade)
            implements HiveStatement
    {
        public DropDatabase
        {
            requireNonNull(name, "name is null");
        }
    }

    record AlterDatabaseSetProperties(String name, Map<String, String> dbProperties)
            implements HiveStatement
    {
        public AlterDatabaseSetProperties
        {
            requireNonNull(name, "name is null");
            dbProperties = copy(dbProperties);
        }
    }

    /**
     * {@code CREATE [EXTERNAL] TABLE}. A missing ROW FORMAT is {@link RowFormat.Delimited#none()}; a missing STORED AS
     * is empty (Hive then uses TEXTFILE). A missing LOCATION is accepted here: Athena refuses it for external tables
     * with its own message, which is the caller's to give. {@code partitionedBy} holds Hive partition columns
     * ({@code name type}); {@code partitionTransforms} holds Iceberg partition fields written without a type
     * ({@code country}, {@code day(ts)}, {@code bucket(16,id)}).
     */
    record CreateTable(
            QualifiedName name,
            boolean external,
            boolean ifNotExists,
            List<ColumnDefinition> columns,
            Optional<String> comment,
            List<ColumnDefinition> partitionedBy,
            List<String> partitionTransforms,
            Optional<Clustering> clustering,
            RowFormat rowFormat,
            Optional<StorageFormat> storedAs,
            Optional<String> location,
            Map<String, String> tblProperties)
            implements HiveStatement
    {
        public CreateTable
        {
            requireNonNull(name, "name is null");
            columns = List.copyOf(columns);
            requireNonNull(comment, "comment is null");
            partitionedBy = List.copyOf(partitionedBy);
            partitionTransforms = List.copyOf(partitionTransforms);
            requireNonNull(clustering, "clustering is null");
            requireNonNull(rowFormat, "rowFormat is null");
            requireNonNull(storedAs, "storedAs is null");
            requireNonNull(location, "location is null");
            tblProperties = copy(tblProperties);
        }
    }

    record DropTable(QualifiedName name, boolean ifExists)
            implements HiveStatement
    {
        public DropTable
        {
            requireNonNull(name, "name is null");
        }
    }

    record DropView(QualifiedName name, boolean ifExists)
            implements HiveStatement
    {
        public DropView
        {
            requireNonNull(name, "name is null");
        }
    }

    record AlterTableAddPartitions(QualifiedName name, boolean ifNotExists, List<PartitionSpecWithLocation> partitions)
            implements HiveStatement
    {
        public AlterTableAddPartitions
        {
            requireNonNull(name, "name is null");
            partitions = List.copyOf(partitions);
        }
    }

    record AlterTableDropPartitions(QualifiedName name, boolean ifExists, List<PartitionSpec> partitions)
            implements HiveStatement
    {
        public AlterTableDropPartitions
        {
            requireNonNull(name, "name is null");
            partitions = List.copyOf(partitions);
        }
    }

    record AlterTableRenamePartition(QualifiedName name, PartitionSpec from, PartitionSpec to)
            implements HiveStatement
    {
        public AlterTableRenamePartition
        {
            requireNonNull(name, "name is null");
            requireNonNull(from, "from is null");
            requireNonNull(to, "to is null");
        }
    }

    /** {@code cascade} is Hive's {@code CASCADE} suffix (apply to all partitions too); RESTRICT is the default. */
    record AlterTableAddColumns(QualifiedName name, Optional<PartitionSpec> partition, List<ColumnDefinition> columns, boolean cascade)
            implements HiveStatement
    {
        public AlterTableAddColumns
        {
            requireNonNull(name, "name is null");
            requireNonNull(partition, "partition is null");
            columns = List.copyOf(columns);
        }
    }

    record AlterTableReplaceColumns(QualifiedName name, Optional<PartitionSpec> partition, List<ColumnDefinition> columns, boolean cascade)
            implements HiveStatement
    {
        public AlterTableReplaceColumns
        {
            requireNonNull(name, "name is null");
            requireNonNull(partition, "partition is null");
            columns = List.copyOf(columns);
        }
    }

    /** {@code ALTER TABLE t CHANGE [COLUMN] old new type [COMMENT '…'] [FIRST | AFTER col]} (Iceberg tables). */
    record AlterTableChangeColumn(QualifiedName name, String oldName, ColumnDefinition column, Optional<Position> position)
            implements HiveStatement
    {
        public AlterTableChangeColumn
        {
            requireNonNull(name, "name is null");
            requireNonNull(oldName, "oldName is null");
            requireNonNull(column, "column is null");
            requireNonNull(position, "position is null");
        }

        /** {@code FIRST} when {@code after} is empty, else {@code AFTER column}. */
        public record Position(Optional<String> after)
        {
            public Position
            {
                requireNonNull(after, "after is null");
            }
        }
    }

    /** {@code ALTER TABLE t DROP [COLUMN] c} (Iceberg tables). */
    record AlterTableDropColumn(QualifiedName name, String column)
            implements HiveStatement
    {
        public AlterTableDropColumn
        {
            requireNonNull(name, "name is null");
            requireNonNull(column, "column is null");
        }
    }

    /** {@code ALTER TABLE t RENAME TO [db.]t2} (Glue refuses it for Hive tables; Iceberg tables allow it). */
    record AlterTableRename(QualifiedName name, QualifiedName target)
            implements HiveStatement
    {
        public AlterTableRename
        {
            requireNonNull(name, "name is null");
            requireNonNull(target, "target is null");
        }
    }

    record AlterTableSetLocation(QualifiedName name, Optional<PartitionSpec> partition, String location)
            implements HiveStatement
    {
        public AlterTableSetLocation
        {
            requireNonNull(name, "name is null");
            requireNonNull(partition, "partition is null");
            requireNonNull(location, "location is null");
        }
    }

    record AlterTableSetProperties(QualifiedName name, Map<String, String> tblProperties)
            implements HiveStatement
    {
        public AlterTableSetProperties
        {
            requireNonNull(name, "name is null");
            tblProperties = copy(tblProperties);
        }
    }

    record AlterTableUnsetProperties(QualifiedName name, boolean ifExists, List<String> keys)
            implements HiveStatement
    {
        public AlterTableUnsetProperties
        {
            requireNonNull(name, "name is null");
            keys = List.copyOf(keys);
        }
    }

    record MsckRepairTable(QualifiedName name)
            implements HiveStatement
    {
        public MsckRepairTable
        {
            requireNonNull(name, "name is null");
        }
    }

    /** The pattern is the unescaped string or identifier written after LIKE, not yet interpreted. */
    record ShowDatabases(Optional<String> likePattern)
            implements HiveStatement
    {
        public ShowDatabases
        {
            requireNonNull(likePattern, "likePattern is null");
        }
    }

    record ShowTables(Optional<String> database, Optional<String> pattern)
            implements HiveStatement
    {
        public ShowTables
        {
            requireNonNull(database, "database is null");
            requireNonNull(pattern, "pattern is null");
        }
    }

    record ShowViews(Optional<String> database, Optional<String> pattern)
            implements HiveStatement
    {
        public ShowViews
        {
            requireNonNull(database, "database is null");
            requireNonNull(pattern, "pattern is null");
        }
    }

    /** {@code SHOW COLUMNS {FROM|IN} [db.]t [{FROM|IN} db]}; {@code database} is the trailing {@code IN db}. */
    record ShowColumns(QualifiedName name, Optional<String> database)
            implements HiveStatement
    {
        public ShowColumns
        {
            requireNonNull(name, "name is null");
            requireNonNull(database, "database is null");
        }
    }

    record ShowPartitions(QualifiedName name)
            implements HiveStatement
    {
        public ShowPartitions
        {
            requireNonNull(name, "name is null");
        }
    }

    record ShowTblProperties(QualifiedName name, Optional<String> property)
            implements HiveStatement
    {
        public ShowTblProperties
        {
            requireNonNull(name, "name is null");
            requireNonNull(property, "property is null");
        }
    }

    record ShowCreateTable(QualifiedName name)
            implements HiveStatement
    {
        public ShowCreateTable
        {
            requireNonNull(name, "name is null");
        }
    }

    record ShowCreateView(QualifiedName name)
            implements HiveStatement
    {
        public ShowCreateView
        {
            requireNonNull(name, "name is null");
        }
    }

    /** {@code column} is the column path as written after the table name, dot-joined ({@code col.field}). */
    record Describe(QualifiedName name, DescribeMode mode, Optional<PartitionSpec> partition, Optional<String> column)
            implements HiveStatement
    {
        public Describe
        {
            requireNonNull(name, "name is null");
            requireNonNull(mode, "mode is null");
            requireNonNull(partition, "partition is null");
            requireNonNull(column, "column is null");
        }
    }

    enum DescribeMode
    {
        DEFAULT,
        EXTENDED,
        FORMATTED,
    }

    private static Map<String, String> copy(Map<String, String> map)
    {
        return Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }
}
