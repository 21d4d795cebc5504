package io.pallas.server.results;

import io.pallas.core.type.Column;

import static java.util.Objects.requireNonNull;

/**
 * One column as the {@code .metadata} file stores it, which is what GetQueryResults reports as ColumnInfo.
 *
 * @param type the ColumnInfo base type name ({@code varchar}, {@code float}, {@code timestamp with time zone}, ...)
 * @param nullable 1 NOT_NULL, 2 NULLABLE, 3 UNKNOWN; Athena only ever reports UNKNOWN
 */
public record ResultColumn(String catalogName, String name, String label, String type, int precision, int scale, int nullable, boolean caseSensitive)
{
    public static final String CATALOG = "hive";
    public static final int NULLABLE_UNKNOWN = 3;

    public ResultColumn
    {
        requireNonNull(catalogName, "catalogName is null");
        requireNonNull(name, "name is null");
        requireNonNull(label, "label is null");
        requireNonNull(type, "type is null");
    }

    public static ResultColumn of(Column column)
    {
        return of(column.name(), column.type().columnInfoType(), column.type().columnInfoPrecision(), column.type().columnInfoScale(), column.type().caseSensitive());
    }

    public static ResultColumn of(String name, String type, int precision, int scale, boolean caseSensitive)
    {
        return new ResultColumn(CATALOG, name, name, type, precision, scale, NULLABLE_UNKNOWN, caseSensitive);
    }

    public String nullableName()
    {
        return switch (nullable) {
            case 1 -> "NOT_NULL";
            case 2 -> "NULLABLE";
            default -> "UNKNOWN";
        };
    }
}
