package io.pallas.duckdb.functions;

import io.pallas.core.ErrorCode;
import io.pallas.core.PallasException;

/**
 * Joda-Time patterns ({@code format_datetime}, {@code parse_datetime}) as DuckDB strftime / strptime formats,
 * converted at translation time. Values reach these functions in UTC, so zone fields print as UTC's constants.
 *
 * @param strftime the DuckDB format
 * @param hasYear whether the pattern sets the year (otherwise Joda parses into 1970, DuckDB into 1900)
 */
record DateTimeJodaPattern(String strftime, boolean hasYear)
{
    static DateTimeJodaPattern convert(String pattern, boolean parsing)
    {
        StringBuilder out = new StringBuilder();
        boolean hasYear = false;
        int i = 0;
        while (i < pattern.length()) {
            char c = pattern.charAt(i);
            if (c == '\'') {
                int end = i + 1;
                if (end < pattern.length() && pattern.charAt(end) == '\'') {
                    out.append('\'');
                    i += 2;
                    continue;
                }
                StringBuilder text = new StringBuilder();
                while (true) {
                    if (end >= pattern.length()) {
                        throw invalid(pattern, "unterminated quote");
                    }
                    if (pattern.charAt(end) == '\'') {
                        if (end + 1 < pattern.length() && pattern.charAt(end + 1) == '\'') {
                            text.append('\'');
                            end += 2;
                            continue;
                        }
                        break;
                    }
                    text.append(pattern.charAt(end));
                    end++;
                }
                text.chars().forEach(ch -> DateTimeMySqlFormat.literal(out, (char) ch));
                i = end + 1;
                continue;
            }
            if (!isLetter(c)) {
                DateTimeMySqlFormat.literal(out, c);
                i++;
                continue;
            }
            int count = 1;
            while (i + count < pattern.length() && pattern.charAt(i + count) == c) {
                count++;
            }
            i += count;
            switch (c) {
                case 'y', 'Y' -> {
                    hasYear = true;
                    if (count == 2) {
                        if (parsing) {
                            // Joda pivots two-digit years on the current year
                            throw unsupported(pattern, "yy");
                        }
                        out.append("%y");
                    }
                    else if (count == 4) {
                        out.append("%Y");
                    }
                    else {
                        throw unsupported(pattern, String.valueOf(c).repeat(count));
                    }
                }
                case 'x' -> {
                    if (count != 4 || parsing) {
                        throw unsupported(pattern, "x".repeat(count));
                    }
                    hasYear = true;
                    out.append("%G");
                }
                case 'w' -> {
                    if (count != 2 || parsing) {
                        throw unsupported(pattern, "w".repeat(count));
                    }
                    out.append("%V");
                }
                case 'e' -> {
                    if (count != 1 || parsing) {
                        throw unsupported(pattern, "e".repeat(count));
                    }
                    out.append("%u");
                }
                case 'E' -> {
                    if (parsing) {
                        throw unsupported(pattern, "E".repeat(count));
                    }
                    out.append(count >= 4 ? "%A" : "%a");
                }
                case 'D' -> out.append(switch (count) {
                    case 1 -> "%-j";
                    case 3 -> "%j";
                    default -> throw unsupported(pattern, "D".repeat(count));
                });
                case 'M' -> out.append(switch (count) {
                    case 1 -> "%-m";
                    case 2 -> "%m";
                    case 3 -> "%b";
                    default -> "%B";
                });
                case 'd' -> out.append(numeric(pattern, c, count, "%-d", "%d"));
                case 'a' -> out.append("%p");
                case 'h' -> out.append(numeric(pattern, c, count, "%-I", "%I"));
                case 'H' -> out.append(numeric(pattern, c, count, "%-H", "%H"));
                case 'm' -> out.append(numeric(pattern, c, count, "%-M", "%M"));
                case 's' -> out.append(numeric(pattern, c, count, "%-S", "%S"));
                case 'S' -> out.append(switch (count) {
                    case 3 -> "%g";
                    case 6 -> {
                        if (parsing) {
                            throw unsupported(pattern, "SSSSSS");
                        }
                        yield "%f";
                    }
                    default -> throw unsupported(pattern, "S".repeat(count));
                });
                case 'Z', 'z', 'G' -> {
                    if (parsing) {
                        throw unsupported(pattern, String.valueOf(c).repeat(count));
                    }
                    String text = switch (c) {
                        case 'Z' -> count == 1 ? "+0000" : count == 2 ? "+00:00" : "UTC";
                        case 'z' -> count >= 4 ? "Coordinated Universal Time" : "UTC";
                        default -> "AD";
                    };
                    out.append(text);
                }
                case 'C', 'K', 'k' -> throw unsupported(pattern, String.valueOf(c).repeat(count));
                default -> throw invalid(pattern, "Illegal pattern component: " + c);
            }
        }
        return new DateTimeJodaPattern(out.toString(), hasYear);
    }

    private static String numeric(String pattern, char letter, int count, String unpadded, String padded)
    {
        return switch (count) {
            case 1 -> unpadded;
            case 2 -> padded;
            default -> throw unsupported(pattern, String.valueOf(letter).repeat(count));
        };
    }

    private static boolean isLetter(char c)
    {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static PallasException unsupported(String pattern, String field)
    {
        return new PallasException(ErrorCode.NOT_SUPPORTED, "Joda pattern field '" + field + "' in '" + pattern + "' is not supported yet");
    }

    private static PallasException invalid(String pattern, String reason)
    {
        return new PallasException(ErrorCode.INVALID_FUNCTION_ARGUMENT, "Invalid format: '" + pattern + "': " + reason);
    }
}
