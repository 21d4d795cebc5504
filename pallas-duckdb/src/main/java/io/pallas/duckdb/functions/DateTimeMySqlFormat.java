package io.pallas.duckdb.functions;

import io.pallas.core.ErrorCode;
import io.pallas.core.PallasException;

/**
 * Trino's MySQL-style format strings ({@code date_format}, {@code date_parse}) as DuckDB strftime / strptime formats,
 * converted once at translation time because DuckDB needs a constant format.
 *
 * @param strftime the DuckDB format
 * @param hasYear whether the format sets the year (otherwise Trino parses into 1970, DuckDB into 1900)
 * @param twoDigitYear whether the year comes from {@code %y} only (Trino reads 69 as 2069, DuckDB as 1969)
 * @param fraction whether the format reads a fraction of a second finer than Trino keeps
 */
record DateTimeMySqlFormat(String strftime, boolean hasYear, boolean twoDigitYear, boolean fraction)
{
    static DateTimeMySqlFormat convert(String format, boolean parsing)
    {
        StringBuilder out = new StringBuilder();
        boolean fourDigitYear = false;
        boolean twoDigitYear = false;
        boolean fraction = false;
        for (int i = 0; i < format.length(); i++) {
            char c = format.charAt(i);
            if (c != '%') {
                literal(out, c);
                continue;
            }
            if (++i == format.length()) {
                // a trailing % adds nothing in Trino
                break;
            }
            char specifier = format.charAt(i);
            switch (specifier) {
                case 'a' -> out.append(textual(parsing, specifier, "%a"));
                case 'b' -> out.append("%b");
                case 'c' -> out.append("%-m");
                case 'd' -> out.append("%d");
                case 'e' -> out.append("%-d");
                case 'f' -> {
                    out.append("%f");
                    fraction = true;
                }
                case 'H' -> out.append("%H");
                case 'h', 'I' -> out.append("%I");
                case 'i' -> out.append("%M");
                case 'j' -> out.append("%j");
                case 'k' -> out.append("%-H");
                case 'l' -> out.append("%-I");
                case 'M' -> out.append("%B");
                case 'm' -> out.append("%m");
                case 'p' -> out.append("%p");
                case 'r' -> out.append("%I:%M:%S %p");
                case 'S', 's' -> out.append("%S");
                case 'T' -> out.append("%H:%M:%S");
                case 'v' -> out.append(textual(parsing, specifier, "%V"));
                case 'x' -> {
                    out.append(textual(parsing, specifier, "%G"));
                    fourDigitYear = true;
                }
                case 'W' -> out.append(textual(parsing, specifier, "%A"));
                case 'Y' -> {
                    out.append("%Y");
                    fourDigitYear = true;
                }
                case 'y' -> {
                    out.append("%y");
                    twoDigitYear = true;
                }
                case 'w', 'U', 'u', 'V', 'X', 'D' -> throw new PallasException(ErrorCode.INVALID_FUNCTION_ARGUMENT,
                        "%" + specifier + " not supported in date format string");
                default -> literal(out, specifier);
            }
        }
        return new DateTimeMySqlFormat(out.toString(), fourDigitYear || twoDigitYear, twoDigitYear && !fourDigitYear, fraction);
    }

    private static String textual(boolean parsing, char specifier, String strftime)
    {
        if (parsing) {
            // Joda moves the parsed date to the given weekday or week; strptime ignores them
            throw new PallasException(ErrorCode.NOT_SUPPORTED, "date_parse with %" + specifier + " is not supported yet");
        }
        return strftime;
    }

    static void literal(StringBuilder out, char c)
    {
        out.append(c == '%' ? "%%" : String.valueOf(c));
    }
}
