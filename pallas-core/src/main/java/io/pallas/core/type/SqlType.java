package io.pallas.core.type;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * A Trino (Athena engine v3) SQL type: what a result column is reported as, and how its values are rendered.
 *
 * @param kind the type constructor
 * @param length varchar/char length, or decimal precision, or the fractional-second precision of time and
 *     timestamp types; -1 when the type has none (unbounded varchar)
 * @param scale decimal scale, else 0
 * @param parameters element type (array), key and value types (map), field types (row)
 * @param fieldNames row field names; an empty Optional marks an unnamed field
 */
public record SqlType(Kind kind, int length, int scale, List<SqlType> parameters, List<Optional<String>> fieldNames)
{
    public static final int UNBOUNDED = -1;
    public static final int DEFAULT_TIMESTAMP_PRECISION = 3;

    public static final SqlType BOOLEAN = simple(Kind.BOOLEAN);
    public static final SqlType TINYINT = simple(Kind.TINYINT);
    public static final SqlType SMALLINT = simple(Kind.SMALLINT);
    public static final SqlType INTEGER = simple(Kind.INTEGER);
    public static final SqlType BIGINT = simple(Kind.BIGINT);
    public static final SqlType REAL = simple(Kind.REAL);
    public static final SqlType DOUBLE = simple(Kind.DOUBLE);
    public static final SqlType VARCHAR = new SqlType(Kind.VARCHAR, UNBOUNDED, 0, List.of(), List.of());
    public static final SqlType VARBINARY = simple(Kind.VARBINARY);
    public static final SqlType DATE = simple(Kind.DATE);
    public static final SqlType TIMESTAMP = timestamp(DEFAULT_TIMESTAMP_PRECISION);
    public static final SqlType INTERVAL_DAY_TO_SECOND = simple(Kind.INTERVAL_DAY_TO_SECOND);
    public static final SqlType INTERVAL_YEAR_TO_MONTH = simple(Kind.INTERVAL_YEAR_TO_MONTH);
    public static final SqlType JSON = simple(Kind.JSON);
    public static final SqlType UUID = simple(Kind.UUID);
    public static final SqlType UNKNOWN = simple(Kind.UNKNOWN);
    public static final SqlType HIVE_STRING = simple(Kind.STRING);

    public enum Kind
    {
        BOOLEAN("boolean"),
        TINYINT("tinyint"),
        SMALLINT("smallint"),
        INTEGER("integer"),
        BIGINT("bigint"),
        REAL("real"),
        DOUBLE("double"),
        DECIMAL("decimal"),
        VARCHAR("varchar"),
        CHAR("char"),
        VARBINARY("varbinary"),
        DATE("date"),
        TIME("time"),
        TIME_WITH_TIME_ZONE("time with time zone"),
        TIMESTAMP("timestamp"),
        TIMESTAMP_WITH_TIME_ZONE("timestamp with time zone"),
        INTERVAL_DAY_TO_SECOND("interval day to second"),
        INTERVAL_YEAR_TO_MONTH("interval year to month"),
        ARRAY("array"),
        MAP("map"),
        ROW("row"),
        JSON("json"),
        UUID("uuid"),
        /** Hive's {@code string}: what Athena reports for the columns of SHOW and DESCRIBE results. */
        STRING("string"),
        UNKNOWN("unknown");

        private final String baseName;

        Kind(String baseName)
        {
            this.baseName = baseName;
        }

        public String baseName()
        {
            return baseName;
        }
    }

    public SqlType
    {
        requireNonNull(kind, "kind is null");
        parameters = List.copyOf(parameters);
        fieldNames = List.copyOf(fieldNames);
        if (kind == Kind.ROW && fieldNames.size() != parameters.size()) {
            throw new IllegalArgumentException("row type needs one name slot per field");
        }
    }

    private static SqlType simple(Kind kind)
    {
        return new SqlType(kind, UNBOUNDED, 0, List.of(), List.of());
    }

    public static SqlType varchar(int length)
    {
        return new SqlType(Kind.VARCHAR, length, 0, List.of(), List.of());
    }

    public static SqlType charType(int length)
    {
        return new SqlType(Kind.CHAR, length, 0, List.of(), List.of());
    }

    public static SqlType decimal(int precision, int scale)
    {
        return new SqlType(Kind.DECIMAL, precision, scale, List.of(), List.of());
    }

    public static SqlType time(int precision)
    {
        return new SqlType(Kind.TIME, precision, 0, List.of(), List.of());
    }

    public static SqlType timeWithTimeZone(int precision)
    {
        return new SqlType(Kind.TIME_WITH_TIME_ZONE, precision, 0, List.of(), List.of());
    }

    public static SqlType timestamp(int precision)
    {
        return new SqlType(Kind.TIMESTAMP, precision, 0, List.of(), List.of());
    }

    public static SqlType timestampWithTimeZone(int precision)
    {
        return new SqlType(Kind.TIMESTAMP_WITH_TIME_ZONE, precision, 0, List.of(), List.of());
    }

    public static SqlType array(SqlType element)
    {
        return new SqlType(Kind.ARRAY, UNBOUNDED, 0, List.of(element), List.of());
    }

    public static SqlType map(SqlType key, SqlType value)
    {
        return new SqlType(Kind.MAP, UNBOUNDED, 0, List.of(key, value), List.of());
    }

    public static SqlType row(List<Optional<String>> names, List<SqlType> fields)
    {
        return new SqlType(Kind.ROW, UNBOUNDED, 0, fields, names);
    }

    /** The name GetQueryResults reports in ColumnInfo.Type: the base name, with {@code real} shown as {@code float}. */
    public String columnInfoType()
    {
        return kind == Kind.REAL ? "float" : kind.baseName();
    }

    /** ColumnInfo.Precision as Athena reports it. */
    public int columnInfoPrecision()
    {
        return switch (kind) {
            case BOOLEAN, DATE, ARRAY, MAP, ROW, JSON, UUID, UNKNOWN, INTERVAL_DAY_TO_SECOND, INTERVAL_YEAR_TO_MONTH, STRING -> 0;
            case TINYINT -> 3;
            case SMALLINT -> 5;
            case INTEGER -> 10;
            case BIGINT -> 19;
            case REAL, DOUBLE -> 17;
            case DECIMAL, CHAR -> length;
            case VARCHAR -> length == UNBOUNDED ? Integer.MAX_VALUE : length;
            case VARBINARY -> 1073741824;
            case TIME, TIME_WITH_TIME_ZONE, TIMESTAMP, TIMESTAMP_WITH_TIME_ZONE -> 3;
        };
    }

    /** ColumnInfo.Scale as Athena reports it. */
    public int columnInfoScale()
    {
        return kind == Kind.DECIMAL ? scale : 0;
    }

    /** ColumnInfo.CaseSensitive: true only for character types. */
    public boolean caseSensitive()
    {
        return kind == Kind.VARCHAR || kind == Kind.CHAR;
    }

    public SqlType elementType()
    {
        checkKind(Kind.ARRAY);
        return parameters.get(0);
    }

    public SqlType keyType()
    {
        checkKind(Kind.MAP);
        return parameters.get(0);
    }

    public SqlType valueType()
    {
        checkKind(Kind.MAP);
        return parameters.get(1);
    }

    private void checkKind(Kind expected)
    {
        if (kind != expected) {
            throw new IllegalStateException("not a " + expected.baseName() + " type: " + this);
        }
    }

    /** The full Trino spelling, e.g. {@code decimal(10,2)}, {@code array(varchar)}, {@code row(a integer, varchar)}. */
    @Override
    public String toString()
    {
        return switch (kind) {
            case VARCHAR -> length == UNBOUNDED ? "varchar" : "varchar(" + length + ")";
            case CHAR -> "char(" + length + ")";
            case DECIMAL -> "decimal(" + length + "," + scale + ")";
            case TIME -> "time(" + length + ")";
            case TIME_WITH_TIME_ZONE -> "time(" + length + ") with time zone";
            case TIMESTAMP -> "timestamp(" + length + ")";
            case TIMESTAMP_WITH_TIME_ZONE -> "timestamp(" + length + ") with time zone";
            case ARRAY -> "array(" + parameters.get(0) + ")";
            case MAP -> "map(" + parameters.get(0) + ", " + parameters.get(1) + ")";
            case ROW -> {
                List<String> fields = new ArrayList<>();
                for (int i = 0; i < parameters.size(); i++) {
                    SqlType field = parameters.get(i);
                    fields.add(fieldNames.get(i).map(name -> name + " " + field).orElse(field.toString()));
                }
                yield "row(" + String.join(", ", fields) + ")";
            }
            default -> kind.baseName();
        };
    }
}
