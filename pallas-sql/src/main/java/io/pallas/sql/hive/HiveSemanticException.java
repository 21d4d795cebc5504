package io.pallas.sql.hive;

import java.util.OptionalInt;

/**
 * Hive DDL that parses but that Hive's semantic analysis refuses. The message is Hive's text after
 * {@code SemanticException }, with the {@code [Error n]: } prefix when Hive has an error code for it; Athena reports
 * it as {@code FAILED: SemanticException <message>} ({@link #failureText()}).
 */
public class HiveSemanticException
        extends RuntimeException
{
    public static final int COLUMN_REPEATED_IN_PARTITIONING_COLUMNS = 10035;
    public static final int DUPLICATE_COLUMN_NAMES = 10036;

    private final OptionalInt errorCode;

    public HiveSemanticException(int errorCode, String detail)
    {
        super("[Error %s]: %s".formatted(errorCode, detail));
        this.errorCode = OptionalInt.of(errorCode);
    }

    public HiveSemanticException(String detail)
    {
        super(detail);
        this.errorCode = OptionalInt.empty();
    }

    public OptionalInt errorCode()
    {
        return errorCode;
    }

    public String failureText()
    {
        return "FAILED: SemanticException " + getMessage();
    }
}
