package io.pallas.server.catalog;

import io.pallas.core.query.AthenaError;

import static java.util.Objects.requireNonNull;

/**
 * A statement that failed on the Hive DDL path. Its StateChangeReason is Hive's {@code FAILED: …} text, which the
 * result object also holds, while AthenaError.ErrorMessage may be shorter, as Athena reports them (contract §4.2).
 */
public class HiveDdlFailure
        extends RuntimeException
{
    private final AthenaError error;

    private HiveDdlFailure(String reason, AthenaError error)
    {
        super(requireNonNull(reason, "reason is null"));
        this.error = requireNonNull(error, "error is null");
    }

    public String reason()
    {
        return getMessage();
    }

    public AthenaError error()
    {
        return error;
    }

    /** A Hive syntax error: a system-category DDL failure in Athena's measurements. */
    public static HiveDdlFailure parse(String hiveMessage)
    {
        String reason = "FAILED: ParseException " + hiveMessage;
        return new HiveDdlFailure(reason, new AthenaError(1, 1003, false, reason));
    }

    /** {@code FAILED: SemanticException …}: a missing table or database, a wrong partition spec, … */
    public static HiveDdlFailure semantic(String hiveMessage, int errorType)
    {
        String reason = "FAILED: SemanticException " + hiveMessage;
        return new HiveDdlFailure(reason, new AthenaError(2, errorType, false, reason));
    }

    /** Hive's DDLTask refusing to create what exists; Athena's ErrorMessage is the short form. */
    public static HiveDdlFailure alreadyExists(String hiveMessage, String shortMessage)
    {
        return new HiveDdlFailure("FAILED: Execution Error, return code 1 from org.apache.hadoop.hive.ql.exec.DDLTask. AlreadyExistsException(message:" + hiveMessage + ")",
                new AthenaError(2, 1006, false, shortMessage));
    }

    /** Any other DDLTask failure, e.g. dropping a database that still has tables. */
    public static HiveDdlFailure execution(String exception, String hiveMessage, String shortMessage)
    {
        return new HiveDdlFailure("FAILED: Execution Error, return code 1 from org.apache.hadoop.hive.ql.exec.DDLTask. " + exception + "(message:" + hiveMessage + ")",
                new AthenaError(2, 1003, false, shortMessage));
    }

    /** Statements Athena's Hive path refuses outright. */
    public static HiveDdlFailure notSupported(String message)
    {
        String reason = "FAILED: SemanticException " + message;
        return new HiveDdlFailure(reason, new AthenaError(2, 1200, false, reason));
    }
}
