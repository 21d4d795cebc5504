package io.pallas.sql.hive;

/**
 * Hive DDL that does not parse. The message is Hive's {@code line L:C …} text; Athena reports it as
 * {@code FAILED: ParseException <message>} ({@link #failureText()}).
 */
public class HiveParseException
        extends RuntimeException
{
    private final int line;
    private final int column;

    public HiveParseException(int line, int column, String detail)
    {
        super("line %s:%s %s".formatted(line, column, detail));
        this.line = line;
        this.column = column;
    }

    /** 1-based. */
    public int line()
    {
        return line;
    }

    /** 0-based, as Hive counts. */
    public int column()
    {
        return column;
    }

    public String failureText()
    {
        return "FAILED: ParseException " + getMessage();
    }
}
