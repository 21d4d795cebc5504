package io.pallas.sql.hive;

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
import io.pallas.sql.hive.HiveToken.Kind;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

import static io.pallas.sql.hive.HiveSemanticException.COLUMN_REPEATED_IN_PARTITIONING_COLUMNS;
import static io.pallas.sql.hive.HiveSemanticException.DUPLICATE_COLUMN_NAMES;
import static java.util.Objects.requireNonNull;

/**
 * Recursive-descent parser for the Hive DDL and utility statements Athena runs on its Hive path (contract §6.2, §6.3).
 * Errors imitate Hive's ANTLR messages: {@code cannot recognize input near …} where Hive chooses between
 * alternatives, {@code mismatched input … expecting …} where one token is required, and {@code missing EOF at …}
 * after a complete statement; {@code in <rule>} names the innermost rule as Hive describes it.
 */
public final class HiveDdlParser
{
    // Athena's documented list of DDL reserved words, except TIME and START: AWS's own ALB and VPC flow log DDL use
    // them unquoted as column names, as Hive 2 (which did not reserve them) allows
    private static final Set<String> RESERVED = Set.of(
            "ALL", "ALTER", "AND", "ARRAY", "AS", "AUTHORIZATION", "BETWEEN", "BIGINT", "BINARY", "BOOLEAN", "BOTH", "BY",
            "CASE", "CASHE", "CAST", "CHAR", "COLUMN", "CONF", "CONSTRAINT", "COMMIT", "CREATE", "CROSS", "CUBE", "CURRENT",
            "CURRENT_DATE", "CURRENT_TIMESTAMP", "CURSOR", "DATABASE", "DATE", "DAYOFWEEK", "DECIMAL", "DELETE", "DESCRIBE",
            "DISTINCT", "DIV", "DOUBLE", "DROP", "ELSE", "END", "EXCHANGE", "EXISTS", "EXTENDED", "EXTERNAL", "EXTRACT",
            "FALSE", "FETCH", "FLOAT", "FLOOR", "FOLLOWING", "FOR", "FOREIGN", "FROM", "FULL", "FUNCTION", "GRANT", "GROUP",
            "GROUPING", "HAVING", "IF", "IMPORT", "IN", "INNER", "INSERT", "INT", "INTEGER", "INTERSECT", "INTERVAL", "INTO",
            "IS", "JOIN", "LATERAL", "LEFT", "LESS", "LIKE", "LOCAL", "MACRO", "MAP", "MORE", "NONE", "NOT", "NULL",
            "NUMERIC", "OF", "ON", "ONLY", "OR", "ORDER", "OUT", "OUTER", "OVER", "PARTIALSCAN", "PARTITION", "PERCENT",
            "PRECEDING", "PRECISION", "PRESERVE", "PRIMARY", "PROCEDURE", "RANGE", "READS", "REDUCE", "REGEXP",
            "REFERENCES", "REVOKE", "RIGHT", "RLIKE", "ROLLBACK", "ROLLUP", "ROW", "ROWS", "SELECT", "SET", "SMALLINT",
            "TABLE", "TABLESAMPLE", "THEN", "TIMESTAMP", "TO", "TRANSFORM", "TRIGGER", "TRUE", "TRUNCATE",
            "UNBOUNDED", "UNION", "UNIQUEJOIN", "UPDATE", "USER", "USING", "UTC_TIMESTAMP", "VALUES", "VARCHAR", "VIEWS",
            "WHEN", "WHERE", "WINDOW", "WITH");

    private static final Map<String, String> SIMPLE_TYPES = Map.ofEntries(
            Map.entry("TINYINT", "tinyint"),
            Map.entry("SMALLINT", "smallint"),
            Map.entry("INT", "int"),
            Map.entry("INTEGER", "int"),
            Map.entry("BIGINT", "bigint"),
            Map.entry("BOOLEAN", "boolean"),
            Map.entry("FLOAT", "float"),
            Map.entry("DOUBLE", "double"),
            Map.entry("STRING", "string"),
            Map.entry("DATE", "date"),
            Map.entry("TIMESTAMP", "timestamp"),
            Map.entry("BINARY", "binary"));

    public HiveStatement parse(String sql)
    {
        requireNonNull(sql, "sql is null");
        return new Parser(HiveLexer.tokenize(sql)).statement();
    }

    private static final class Parser
    {
        private final List<HiveToken> tokens;
        private final Deque<String> rules = new ArrayDeque<>();
        private int index;

        Parser(List<HiveToken> tokens)
        {
            this.tokens = tokens;
        }

        HiveStatement statement()
        {
            HiveToken first = peek();
            HiveStatement statement;
            if (first.isKeyword("CREATE")) {
                statement = create();
            }
            else if (first.isKeyword("DROP")) {
                statement = drop();
            }
            else if (first.isKeyword("ALTER")) {
                statement = alter();
            }
            else if (first.isKeyword("MSCK")) {
                statement = rule("metastore check statement", this::msck);
            }
            else if (first.isKeyword("SHOW")) {
                statement = rule("show statement", this::show);
            }
            else if (first.isKeyword("DESCRIBE") || first.isKeyword("DESC")) {
                statement = rule("describe statement", this::describe);
            }
            else {
                throw cannotRecognize();
            }
            acceptSymbol(";");
            if (peek().kind() != Kind.EOF) {
                throw error(peek(), "missing EOF at " + peek().display() + near());
            }
            return statement;
        }

        // CREATE

        private HiveStatement create()
        {
            int start = index;
            expectKeyword("CREATE");
            if (peek().isKeyword("DATABASE") || peek().isKeyword("SCHEMA")) {
                return rule("create database statement", this::createDatabase);
            }
            if (peek().isKeyword("EXTERNAL") || peek().isKeyword("TABLE")) {
                return rule("create table statement", this::createTable);
            }
            index = start;
            throw cannotRecognize();
        }

        private CreateDatabase createDatabase()
        {
            next();
            boolean ifNotExists = ifNotExists();
            String name = identifier();
            Optional<String> comment = Optional.empty();
            if (acceptKeyword("COMMENT")) {
                comment = Optional.of(rule("database's comment", this::string));
            }
            Optional<String> location = Optional.empty();
            if (acceptKeyword("LOCATION")) {
                location = Optional.of(rule("database location specification", this::string));
            }
            Map<String, String> properties = Map.of();
            if (acceptKeyword("WITH")) {
                properties = rule("dbproperties", () -> {
                    expectKeyword("DBPROPERTIES");
                    return properties();
                });
            }
            return new CreateDatabase(name, ifNotExists, comment, location, properties);
        }

        private CreateTable createTable()
        {
            boolean external = acceptKeyword("EXTERNAL");
            expectKeyword("TABLE");
            boolean ifNotExists = ifNotExists();
            QualifiedName name = tableName();

            List<ColumnDefinition> columns = List.of();
            if (peek().isSymbol("(")) {
                columns = columnList();
            }
            Optional<String> comment = Optional.empty();
            if (acceptKeyword("COMMENT")) {
                comment = Optional.of(rule("table's comment", this::string));
            }
            List<ColumnDefinition> partitionedBy = new ArrayList<>();
            List<String> partitionTransforms = new ArrayList<>();
            if (acceptKeyword("PARTITIONED")) {
                rule("table partition specification", () -> {
                    expectKeyword("BY");
                    expectSymbol("(");
                    do {
                        partitionElement(partitionedBy, partitionTransforms);
                    }
                    while (acceptSymbol(","));
                    expectSymbol(")");
                    return null;
                });
            }
            Optional<Clustering> clustering = Optional.empty();
            if (acceptKeyword("CLUSTERED")) {
                clustering = Optional.of(rule("table buckets specification", this::clustering));
            }
            RowFormat rowFormat = RowFormat.Delimited.none();
            if (acceptKeyword("ROW")) {
                rowFormat = rule("table row format specification", this::rowFormat);
            }
            Optional<StorageFormat> storedAs = Optional.empty();
            if (acceptKeyword("STORED")) {
                storedAs = Optional.of(rule("table file format specification", this::storedAs));
            }
            Optional<String> location = Optional.empty();
            if (acceptKeyword("LOCATION")) {
                location = Optional.of(rule("table location specification", this::string));
            }
            Map<String, String> tblProperties = Map.of();
            if (acceptKeyword("TBLPROPERTIES")) {
                tblProperties = rule("table properties", this::properties);
            }

            checkColumns(columns, partitionedBy);
            return new CreateTable(name, external, ifNotExists, columns, comment, partitionedBy, partitionTransforms, clustering, rowFormat, storedAs, location, tblProperties);
        }

        /**
         * A Hive partition column ({@code name type}) or an Iceberg partition field: a bare column name or a transform
         * such as {@code day(ts)}, {@code bucket(16, id)} or {@code truncate(10, name)}, kept as lower-case text without spaces.
         */
        private void partitionElement(List<ColumnDefinition> columns, List<String> transforms)
        {
            HiveToken following = peek(1);
            if (peek().kind() == Kind.WORD && following.isSymbol("(")) {
                // transform names may be reserved words (TRUNCATE)
                StringBuilder transform = new StringBuilder(next().text().toLowerCase(Locale.ROOT)).append('(');
                expectSymbol("(");
                do {
                    if (transform.charAt(transform.length() - 1) != '(') {
                        transform.append(',');
                    }
                    transform.append(peek().kind() == Kind.NUMBER ? next().text() : identifier());
                }
                while (acceptSymbol(","));
                expectSymbol(")");
                transforms.add(transform.append(')').toString());
            }
            else if (following.isSymbol(",") || following.isSymbol(")")) {
                transforms.add(identifier());
            }
            else {
                columns.add(columnDefinition());
            }
        }

        private static void checkColumns(List<ColumnDefinition> columns, List<ColumnDefinition> partitionedBy)
        {
            Set<String> names = new HashSet<>();
            for (ColumnDefinition column : columns) {
                if (!names.add(column.name())) {
                    throw new HiveSemanticException(DUPLICATE_COLUMN_NAMES, "Duplicate column name: " + column.name());
                }
            }
            Set<String> partitionNames = new HashSet<>();
            for (ColumnDefinition column : partitionedBy) {
                if (names.contains(column.name())) {
                    throw new HiveSemanticException(COLUMN_REPEATED_IN_PARTITIONING_COLUMNS, "Column repeated in partitioning columns");
                }
                if (!partitionNames.add(column.name())) {
                    throw new HiveSemanticException(DUPLICATE_COLUMN_NAMES, "Duplicate column name: " + column.name());
                }
            }
        }

        private Clustering clustering()
        {
            expectKeyword("BY");
            expectSymbol("(");
            List<String> columns = new ArrayList<>();
            do {
                columns.add(identifier());
            }
            while (acceptSymbol(","));
            expectSymbol(")");
            expectKeyword("INTO");
            HiveToken count = expect(Kind.NUMBER, "Number");
            expectKeyword("BUCKETS");
            return new Clustering(columns, Integer.parseInt(count.text()));
        }

        private RowFormat rowFormat()
        {
            expectKeyword("FORMAT");
            if (acceptKeyword("DELIMITED")) {
                return rule("serde properties specification", this::delimited);
            }
            if (acceptKeyword("SERDE")) {
                return rule("serde format specification", () -> {
                    String className = string();
                    Map<String, String> properties = Map.of();
                    if (acceptKeyword("WITH")) {
                        expectKeyword("SERDEPROPERTIES");
                        properties = properties();
                    }
                    return new RowFormat.Serde(className, properties);
                });
            }
            throw cannotRecognize();
        }

        private RowFormat.Delimited delimited()
        {
            Optional<String> fields = Optional.empty();
            Optional<String> escaped = Optional.empty();
            if (acceptKeyword("FIELDS")) {
                fields = Optional.of(terminatedBy());
                if (acceptKeyword("ESCAPED")) {
                    expectKeyword("BY");
                    escaped = Optional.of(string());
                }
            }
            Optional<String> collectionItems = Optional.empty();
            if (acceptKeyword("COLLECTION")) {
                expectKeyword("ITEMS");
                collectionItems = Optional.of(terminatedBy());
            }
            Optional<String> mapKeys = Optional.empty();
            if (acceptKeyword("MAP")) {
                expectKeyword("KEYS");
                mapKeys = Optional.of(terminatedBy());
            }
            Optional<String> lines = Optional.empty();
            if (acceptKeyword("LINES")) {
                lines = Optional.of(terminatedBy());
            }
            Optional<String> nullDefinedAs = Optional.empty();
            if (acceptKeyword("NULL")) {
                expectKeyword("DEFINED");
                expectKeyword("AS");
                nullDefinedAs = Optional.of(string());
            }
            return new RowFormat.Delimited(fields, escaped, collectionItems, mapKeys, lines, nullDefinedAs);
        }

        private String terminatedBy()
        {
            expectKeyword("TERMINATED");
            expectKeyword("BY");
            return string();
        }

        private StorageFormat storedAs()
        {
            expectKeyword("AS");
            if (acceptKeyword("INPUTFORMAT")) {
                String input = string();
                expectKeyword("OUTPUTFORMAT");
                String output = string();
                return new StorageFormat.InputOutputFormat(input, output);
            }
            HiveToken token = peek();
            String name = identifier().toUpperCase(Locale.ROOT);
            for (FileFormat format : FileFormat.values()) {
                if (format.name().equals(name)) {
                    return new StorageFormat.StoredAs(format);
                }
            }
            throw new HiveSemanticException("Unrecognized file format in STORED AS clause: '%s'".formatted(token.kind() == Kind.QUOTED_IDENTIFIER ? token.value() : token.text()));
        }

        // DROP

        private HiveStatement drop()
        {
            int start = index;
            expectKeyword("DROP");
            if (acceptKeyword("DATABASE") || acceptKeyword("SCHEMA")) {
                return rule("drop database statement", () -> {
                    boolean ifExists = ifExists();
                    String name = identifier();
                    boolean cascade = false;
                    if (acceptKeyword("CASCADE")) {
                        cascade = true;
                    }
                    else {
                        acceptKeyword("RESTRICT");
                    }
                    return new DropDatabase(name, ifExists, cascade);
                });
            }
            if (acceptKeyword("TABLE")) {
                return rule("drop statement", () -> {
                    boolean ifExists = ifExists();
                    return new DropTable(tableName(), ifExists);
                });
            }
            if (acceptKeyword("VIEW")) {
                return rule("drop view statement", () -> {
                    boolean ifExists = ifExists();
                    return new DropView(tableName(), ifExists);
                });
            }
            index = start;
            throw cannotRecognize();
        }

        // ALTER

        private HiveStatement alter()
        {
            return rule("alter statement", () -> {
                expectKeyword("ALTER");
                if (acceptKeyword("DATABASE") || acceptKeyword("SCHEMA")) {
                    return rule("alter database statement", () -> {
                        String name = identifier();
                        expectKeyword("SET");
                        expectKeyword("DBPROPERTIES");
                        return new AlterDatabaseSetProperties(name, properties());
                    });
                }
                if (acceptKeyword("TABLE")) {
                    return rule("alter table statement", this::alterTable);
                }
                throw cannotRecognize();
            });
        }

        private HiveStatement alterTable()
        {
            QualifiedName name = tableName();
            if (acceptKeyword("ADD")) {
                if (peek().isKeyword("COLUMNS")) {
                    return rule("add column statement", () -> addColumns(name, Optional.empty()));
                }
                return rule("add partition statement", () -> {
                    boolean ifNotExists = ifNotExists();
                    List<PartitionSpecWithLocation> partitions = new ArrayList<>();
                    do {
                        PartitionSpec partition = partitionSpec();
                        Optional<String> location = Optional.empty();
                        if (acceptKeyword("LOCATION")) {
                            location = Optional.of(string());
                        }
                        partitions.add(new PartitionSpecWithLocation(partition, location));
                    }
                    while (peek().isKeyword("PARTITION"));
                    return new AlterTableAddPartitions(name, ifNotExists, partitions);
                });
            }
            if (acceptKeyword("DROP")) {
                if (peek().isKeyword("IF") || peek().isKeyword("PARTITION")) {
                    return rule("drop partition statement", () -> {
                        boolean ifExists = ifExists();
                        List<PartitionSpec> partitions = new ArrayList<>();
                        do {
                            partitions.add(partitionSpec());
                        }
                        while (acceptSymbol(","));
                        return new AlterTableDropPartitions(name, ifExists, partitions);
                    });
                }
                acceptKeyword("COLUMN");
                return new AlterTableDropColumn(name, identifier());
            }
            if (peek().isKeyword("PARTITION")) {
                PartitionSpec partition = partitionSpec();
                if (acceptKeyword("RENAME")) {
                    return rule("rename partition statement", () -> {
                        expectKeyword("TO");
                        return new AlterTableRenamePartition(name, partition, partitionSpec());
                    });
                }
                if (acceptKeyword("ADD")) {
                    return rule("add column statement", () -> addColumns(name, Optional.of(partition)));
                }
                if (acceptKeyword("REPLACE")) {
                    return rule("replace column statement", () -> replaceColumns(name, Optional.of(partition)));
                }
                if (acceptKeyword("SET")) {
                    return rule("alter location", () -> {
                        expectKeyword("LOCATION");
                        return new AlterTableSetLocation(name, Optional.of(partition), string());
                    });
                }
                throw cannotRecognize();
            }
            if (acceptKeyword("REPLACE")) {
                return rule("replace column statement", () -> replaceColumns(name, Optional.empty()));
            }
            if (acceptKeyword("SET")) {
                if (acceptKeyword("LOCATION")) {
                    return rule("alter location", () -> new AlterTableSetLocation(name, Optional.empty(), string()));
                }
                if (acceptKeyword("TBLPROPERTIES")) {
                    return rule("alter properties statement", () -> new AlterTableSetProperties(name, properties()));
                }
                throw cannotRecognize();
            }
            if (acceptKeyword("UNSET")) {
                return rule("alter properties statement", () -> {
                    expectKeyword("TBLPROPERTIES");
                    boolean ifExists = ifExists();
                    return new AlterTableUnsetProperties(name, ifExists, keyList());
                });
            }
            if (acceptKeyword("RENAME")) {
                return rule("rename statement", () -> {
                    expectKeyword("TO");
                    return new AlterTableRename(name, tableName());
                });
            }
            if (acceptKeyword("CHANGE")) {
                return rule("rename column name", () -> changeColumn(name));
            }
            throw cannotRecognize();
        }

        private AlterTableAddColumns addColumns(QualifiedName name, Optional<PartitionSpec> partition)
        {
            expectKeyword("COLUMNS");
            List<ColumnDefinition> columns = columnList();
            return new AlterTableAddColumns(name, partition, columns, cascadeOrRestrict());
        }

        private AlterTableReplaceColumns replaceColumns(QualifiedName name, Optional<PartitionSpec> partition)
        {
            expectKeyword("COLUMNS");
            List<ColumnDefinition> columns = columnList();
            return new AlterTableReplaceColumns(name, partition, columns, cascadeOrRestrict());
        }

        private AlterTableChangeColumn changeColumn(QualifiedName name)
        {
            acceptKeyword("COLUMN");
            String oldName = identifier();
            ColumnDefinition column = columnDefinition();
            Optional<AlterTableChangeColumn.Position> position = Optional.empty();
            if (acceptKeyword("FIRST")) {
                position = Optional.of(new AlterTableChangeColumn.Position(Optional.empty()));
            }
            else if (acceptKeyword("AFTER")) {
                position = Optional.of(new AlterTableChangeColumn.Position(Optional.of(identifier())));
            }
            cascadeOrRestrict();
            return new AlterTableChangeColumn(name, oldName, column, position);
        }

        private boolean cascadeOrRestrict()
        {
            if (acceptKeyword("CASCADE")) {
                return true;
            }
            acceptKeyword("RESTRICT");
            return false;
        }

        // MSCK, SHOW, DESCRIBE

        private MsckRepairTable msck()
        {
            expectKeyword("MSCK");
            expectKeyword("REPAIR");
            expectKeyword("TABLE");
            return new MsckRepairTable(tableName());
        }

        private HiveStatement show()
        {
            int start = index;
            expectKeyword("SHOW");
            if (acceptKeyword("DATABASES") || acceptKeyword("SCHEMAS")) {
                Optional<String> pattern = Optional.empty();
                if (acceptKeyword("LIKE")) {
                    pattern = Optional.of(showPattern());
                }
                return new ShowDatabases(pattern);
            }
            if (acceptKeyword("TABLES")) {
                Optional<String> database = showDatabase();
                return new ShowTables(database, optionalShowPattern());
            }
            if (acceptKeyword("VIEWS")) {
                Optional<String> database = showDatabase();
                return new ShowViews(database, optionalShowPattern());
            }
            if (acceptKeyword("COLUMNS")) {
                if (!acceptKeyword("FROM") && !acceptKeyword("IN")) {
                    throw cannotRecognize();
                }
                QualifiedName name = tableName();
                return new ShowColumns(name, showDatabase());
            }
            if (acceptKeyword("PARTITIONS")) {
                return new ShowPartitions(tableName());
            }
            if (acceptKeyword("TBLPROPERTIES")) {
                QualifiedName name = tableName();
                Optional<String> property = Optional.empty();
                if (acceptSymbol("(")) {
                    property = Optional.of(string());
                    expectSymbol(")");
                }
                return new ShowTblProperties(name, property);
            }
            if (peek().isKeyword("CREATE")) {
                if (peek(1).isKeyword("TABLE")) {
                    index += 2;
                    return new ShowCreateTable(tableName());
                }
                if (peek(1).isKeyword("VIEW")) {
                    index += 2;
                    return new ShowCreateView(tableName());
                }
            }
            index = start;
            throw cannotRecognize();
        }

        private Optional<String> showDatabase()
        {
            if (acceptKeyword("FROM") || acceptKeyword("IN")) {
                return Optional.of(identifier());
            }
            return Optional.empty();
        }

        private Optional<String> optionalShowPattern()
        {
            if (acceptKeyword("LIKE")) {
                return Optional.of(showPattern());
            }
            HiveToken token = peek();
            if (token.kind() == Kind.STRING || token.kind() == Kind.QUOTED_IDENTIFIER || (token.kind() == Kind.WORD && !isReserved(token))) {
                return Optional.of(showPattern());
            }
            return Optional.empty();
        }

        private String showPattern()
        {
            HiveToken token = peek();
            if (token.kind() == Kind.STRING || token.kind() == Kind.QUOTED_IDENTIFIER) {
                next();
                return token.value();
            }
            if (token.kind() == Kind.WORD && !isReserved(token)) {
                next();
                return token.text();
            }
            throw cannotRecognize();
        }

        private Describe describe()
        {
            next();
            DescribeMode mode = DescribeMode.DEFAULT;
            if (acceptKeyword("EXTENDED")) {
                mode = DescribeMode.EXTENDED;
            }
            // FORMATTED is not reserved, so it names a table when nothing follows it
            else if (peek().isKeyword("FORMATTED") && isIdentifierStart(peek(1))) {
                next();
                mode = DescribeMode.FORMATTED;
            }
            QualifiedName name = tableName();
            Optional<PartitionSpec> partition = Optional.empty();
            if (peek().isKeyword("PARTITION")) {
                partition = Optional.of(partitionSpec());
            }
            Optional<String> column = Optional.empty();
            if (isIdentifierStart(peek())) {
                StringBuilder path = new StringBuilder(identifier());
                while (acceptSymbol(".")) {
                    path.append('.').append(identifier());
                }
                column = Optional.of(path.toString());
            }
            return new Describe(name, mode, partition, column);
        }

        // shared clauses

        private QualifiedName tableName()
        {
            return rule("table name", () -> {
                String first = identifier();
                if (acceptSymbol(".")) {
                    return QualifiedName.of(first, identifier());
                }
                return QualifiedName.of(first);
            });
        }

        private List<ColumnDefinition> columnList()
        {
            return rule("column name type list", () -> {
                expectSymbol("(");
                List<ColumnDefinition> columns = new ArrayList<>();
                do {
                    columns.add(columnDefinition());
                }
                while (acceptSymbol(","));
                expectSymbol(")");
                return columns;
            });
        }

        private ColumnDefinition columnDefinition()
        {
            return rule("column specification", () -> {
                String name = identifier();
                String type = type();
                Optional<String> comment = Optional.empty();
                if (acceptKeyword("COMMENT")) {
                    comment = Optional.of(string());
                }
                return new ColumnDefinition(name, type, comment);
            });
        }

        private String type()
        {
            return rule("column type", () -> {
                HiveToken token = peek();
                if (token.isKeyword("ARRAY")) {
                    return rule("list type", () -> {
                        next();
                        expectSymbol("<");
                        String element = type();
                        expectSymbol(">");
                        return "array<" + element + ">";
                    });
                }
                if (token.isKeyword("MAP")) {
                    return rule("map type", () -> {
                        next();
                        expectSymbol("<");
                        String key = primitiveType();
                        expectSymbol(",");
                        String value = type();
                        expectSymbol(">");
                        return "map<" + key + "," + value + ">";
                    });
                }
                if (token.isKeyword("STRUCT")) {
                    return rule("struct type", this::structType);
                }
                return primitiveType();
            });
        }

        private String structType()
        {
            next();
            expectSymbol("<");
            StringBuilder type = new StringBuilder("struct<");
            do {
                if (type.length() > "struct<".length()) {
                    type.append(',');
                }
                // field names keep their case, as Hive writes them into the type string
                type.append(identifier(false));
                expectSymbol(":");
                type.append(':').append(type());
                if (acceptKeyword("COMMENT")) {
                    string();
                }
            }
            while (acceptSymbol(","));
            expectSymbol(">");
            return type.append('>').toString();
        }

        private String primitiveType()
        {
            return rule("primitive type specification", () -> {
                HiveToken token = peek();
                if (token.kind() != Kind.WORD) {
                    throw cannotRecognize();
                }
                String word = token.text().toUpperCase(Locale.ROOT);
                String simple = SIMPLE_TYPES.get(word);
                if (simple != null) {
                    next();
                    if (word.equals("DOUBLE")) {
                        acceptKeyword("PRECISION");
                    }
                    return simple;
                }
                switch (word) {
                    case "VARCHAR" -> {
                        next();
                        return "varchar(" + length("Varchar", 65535) + ")";
                    }
                    case "CHAR" -> {
                        next();
                        return "char(" + length("Char", 255) + ")";
                    }
                    case "DECIMAL", "DEC", "NUMERIC" -> {
                        next();
                        return decimal();
                    }
                    default -> throw cannotRecognize();
                }
            });
        }

        private int length(String typeName, int maximum)
        {
            expectSymbol("(");
            HiveToken token = expect(Kind.NUMBER, "Number");
            expectSymbol(")");
            int length = parseInt(token);
            if (length < 1 || length > maximum) {
                throw new HiveSemanticException("%s length %s out of allowed range [1, %s]".formatted(typeName, token.text(), maximum));
            }
            return length;
        }

        private String decimal()
        {
            // Hive's defaults for a bare DECIMAL and for DECIMAL(p)
            int precision = 10;
            int scale = 0;
            if (acceptSymbol("(")) {
                precision = parseInt(expect(Kind.NUMBER, "Number"));
                if (acceptSymbol(",")) {
                    scale = parseInt(expect(Kind.NUMBER, "Number"));
                }
                expectSymbol(")");
            }
            if (precision < 1 || precision > 38) {
                throw new HiveSemanticException("Decimal precision out of allowed range [1,38]");
            }
            if (scale > precision) {
                throw new HiveSemanticException("Decimal scale must be less than or equal to precision");
            }
            return "decimal(%s,%s)".formatted(precision, scale);
        }

        private static int parseInt(HiveToken token)
        {
            try {
                return Integer.parseInt(token.text());
            }
            catch (NumberFormatException e) {
                return Integer.MAX_VALUE;
            }
        }

        private PartitionSpec partitionSpec()
        {
            return rule("partition specification", () -> {
                expectKeyword("PARTITION");
                expectSymbol("(");
                List<Map.Entry<String, String>> entries = new ArrayList<>();
                do {
                    String key = identifier();
                    expectSymbol("=");
                    entries.add(Map.entry(key, partitionValue()));
                }
                while (acceptSymbol(","));
                expectSymbol(")");
                return new PartitionSpec(entries);
            });
        }

        private String partitionValue()
        {
            HiveToken token = peek();
            switch (token.kind()) {
                case STRING -> {
                    next();
                    return token.value();
                }
                case NUMBER -> {
                    next();
                    return token.text();
                }
                case WORD -> {
                    if (token.isKeyword("TRUE") || token.isKeyword("FALSE")) {
                        next();
                        return token.text().toLowerCase(Locale.ROOT);
                    }
                    if ((token.isKeyword("DATE") || token.isKeyword("TIMESTAMP")) && peek(1).kind() == Kind.STRING) {
                        next();
                        return next().value();
                    }
                }
                default -> {}
            }
            throw cannotRecognize();
        }

        private Map<String, String> properties()
        {
            return rule("table properties list", () -> {
                expectSymbol("(");
                Map<String, String> properties = new LinkedHashMap<>();
                do {
                    rule("specifying key/value property", () -> {
                        String key = string();
                        expectSymbol("=");
                        properties.put(key, string());
                        return null;
                    });
                }
                while (acceptSymbol(","));
                expectSymbol(")");
                return properties;
            });
        }

        private List<String> keyList()
        {
            return rule("table properties list", () -> {
                expectSymbol("(");
                List<String> keys = new ArrayList<>();
                do {
                    keys.add(rule("specifying key property", this::string));
                }
                while (acceptSymbol(","));
                expectSymbol(")");
                return keys;
            });
        }

        private boolean ifNotExists()
        {
            if (acceptKeyword("IF")) {
                expectKeyword("NOT");
                expectKeyword("EXISTS");
                return true;
            }
            return false;
        }

        private boolean ifExists()
        {
            if (acceptKeyword("IF")) {
                expectKeyword("EXISTS");
                return true;
            }
            return false;
        }

        private String identifier()
        {
            return identifier(true);
        }

        private String identifier(boolean lowerCase)
        {
            HiveToken token = peek();
            String name;
            if (token.kind() == Kind.QUOTED_IDENTIFIER) {
                name = token.value();
            }
            else if (token.kind() == Kind.WORD && !isReserved(token)) {
                name = token.text();
            }
            else {
                throw cannotRecognize();
            }
            next();
            return lowerCase ? name.toLowerCase(Locale.ROOT) : name;
        }

        private static boolean isIdentifierStart(HiveToken token)
        {
            return token.kind() == Kind.QUOTED_IDENTIFIER || (token.kind() == Kind.WORD && !isReserved(token));
        }

        private static boolean isReserved(HiveToken token)
        {
            return RESERVED.contains(token.text().toUpperCase(Locale.ROOT));
        }

        private String string()
        {
            return expect(Kind.STRING, "StringLiteral").value();
        }

        // token helpers

        private <T> T rule(String description, Supplier<T> body)
        {
            rules.push(description);
            T result = body.get();
            rules.pop();
            return result;
        }

        private HiveToken peek()
        {
            return peek(0);
        }

        private HiveToken peek(int ahead)
        {
            return tokens.get(Math.min(index + ahead, tokens.size() - 1));
        }

        private HiveToken next()
        {
            HiveToken token = peek();
            if (token.kind() != Kind.EOF) {
                index++;
            }
            return token;
        }

        private boolean acceptKeyword(String keyword)
        {
            if (peek().isKeyword(keyword)) {
                index++;
                return true;
            }
            return false;
        }

        private boolean acceptSymbol(String symbol)
        {
            if (peek().isSymbol(symbol)) {
                index++;
                return true;
            }
            return false;
        }

        private void expectKeyword(String keyword)
        {
            if (!acceptKeyword(keyword)) {
                throw mismatched(keyword);
            }
        }

        private void expectSymbol(String symbol)
        {
            if (!acceptSymbol(symbol)) {
                throw mismatched(symbol);
            }
        }

        private HiveToken expect(Kind kind, String name)
        {
            if (peek().kind() != kind) {
                throw mismatched(name);
            }
            return next();
        }

        private HiveParseException mismatched(String expected)
        {
            return error(peek(), "mismatched input " + peek().display() + " expecting " + expected + near() + inRule());
        }

        private HiveParseException cannotRecognize()
        {
            return error(peek(), "cannot recognize input near " + peek(0).display() + " " + peek(1).display() + " " + peek(2).display() + inRule());
        }

        private String near()
        {
            return index == 0 ? "" : " near '" + tokens.get(index - 1).text() + "'";
        }

        private String inRule()
        {
            return rules.isEmpty() ? "" : " in " + rules.peek();
        }

        private static HiveParseException error(HiveToken token, String detail)
        {
            return new HiveParseException(token.line(), token.column(), detail);
        }
    }
}
