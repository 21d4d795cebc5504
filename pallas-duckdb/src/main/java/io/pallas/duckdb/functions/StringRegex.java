package io.pallas.duckdb.functions;

import io.pallas.core.ErrorCode;
import io.pallas.core.PallasException;

import java.util.HashMap;
import java.util.Map;

/**
 * Translates a Java regular expression (Trino's syntax) to RE2 (DuckDB's engine), refusing the constructs RE2 lacks
 * (backreferences, lookaround, atomic groups, possessive quantifiers, nested classes) so that no pattern silently
 * changes meaning. Also translates Java replacement strings ({@code $1}, {@code ${name}}, {@code \$}) to RE2's.
 */
final class StringRegex
{
    /** Java's {@code \s}: RE2's lacks the vertical tab. */
    private static final String SPACE_CHARS = "\\t\\n\\x0B\\f\\r ";

    private final String pattern;
    private final StringBuilder out = new StringBuilder();
    private final Map<String, Integer> groupNames = new HashMap<>();
    private int groups;
    private int position;

    private StringRegex(String pattern)
    {
        this.pattern = pattern;
    }

    record Translated(String re2, int groups, Map<String, Integer> groupNames) {}

    static Translated translate(String pattern)
    {
        StringRegex regex = new StringRegex(pattern);
        regex.run();
        return new Translated(regex.out.toString(), regex.groups, Map.copyOf(regex.groupNames));
    }

    private void run()
    {
        while (position < pattern.length()) {
            char c = pattern.charAt(position++);
            switch (c) {
                case '\\' -> escape(false);
                case '[' -> characterClass();
                case '(' -> group();
                case '*', '+', '?', '}' -> {
                    out.append(c);
                    if (position < pattern.length() && pattern.charAt(position) == '+') {
                        throw unsupported("possessive quantifiers");
                    }
                }
                default -> out.append(c);
            }
        }
    }

    private void group()
    {
        if (position < pattern.length() && pattern.charAt(position) == '?') {
            String rest = pattern.substring(position + 1);
            if (rest.startsWith("=") || rest.startsWith("!") || rest.startsWith("<=") || rest.startsWith("<!")) {
                throw unsupported("lookaround");
            }
            if (rest.startsWith(">")) {
                throw unsupported("atomic groups");
            }
            if (rest.startsWith("<")) {
                int end = rest.indexOf('>');
                if (end < 0) {
                    throw invalid("named group is not closed");
                }
                String name = rest.substring(1, end);
                groups++;
                groupNames.put(name, groups);
                out.append("(?P<").append(name).append('>');
                position += end + 2;
                return;
            }
            if (rest.startsWith(":")) {
                out.append("(?:");
                position += 2;
                return;
            }
            // inline flags (?ims-ims) or (?ims:...)
            int i = 0;
            while (i < rest.length() && rest.charAt(i) != ')' && rest.charAt(i) != ':') {
                char flag = rest.charAt(i);
                if ("ims-".indexOf(flag) < 0) {
                    throw unsupported("the inline flag '" + flag + "'");
                }
                i++;
            }
            if (i == rest.length()) {
                throw invalid("group is not closed");
            }
            out.append("(?").append(rest, 0, i + 1);
            position += i + 2;
            return;
        }
        groups++;
        out.append('(');
    }

    private void characterClass()
    {
        out.append('[');
        if (position < pattern.length() && pattern.charAt(position) == '^') {
            out.append('^');
            position++;
        }
        if (position < pattern.length() && pattern.charAt(position) == ']') {
            throw unsupported("']' first in a character class");
        }
        while (position < pattern.length()) {
            char c = pattern.charAt(position++);
            switch (c) {
                case ']' -> {
                    out.append(']');
                    return;
                }
                case '[' -> throw unsupported("nested character classes");
                case '&' -> {
                    if (position < pattern.length() && pattern.charAt(position) == '&') {
                        throw unsupported("character class intersections");
                    }
                    out.append(c);
                }
                case '\\' -> escape(true);
                default -> out.append(c);
            }
        }
        throw invalid("character class is not closed");
    }

    private void escape(boolean inClass)
    {
        if (position >= pattern.length()) {
            throw invalid("trailing backslash");
        }
        char c = pattern.charAt(position++);
        switch (c) {
            case 'd', 'D', 'w', 'W', 't', 'n', 'r', 'f' -> out.append('\\').append(c);
            case 'b', 'B', 'A', 'z' -> {
                if (inClass) {
                    throw unsupported("\\" + c + " in a character class");
                }
                out.append('\\').append(c);
            }
            case 's' -> out.append(inClass ? SPACE_CHARS : "[" + SPACE_CHARS + "]");
            case 'S' -> {
                if (inClass) {
                    throw unsupported("\\S in a character class");
                }
                out.append("[^").append(SPACE_CHARS).append(']');
            }
            case 'e' -> out.append("\\x{1B}");
            case 'a' -> out.append("\\x{07}");
            case 'u' -> {
                String hex = pattern.length() >= position + 4 ? pattern.substring(position, position + 4) : "";
                if (!hex.matches("[0-9A-Fa-f]{4}")) {
                    throw invalid("illegal Unicode escape");
                }
                out.append("\\x{").append(hex).append('}');
                position += 4;
            }
            case 'x' -> {
                int end;
                if (position < pattern.length() && pattern.charAt(position) == '{') {
                    end = pattern.indexOf('}', position);
                    if (end < 0) {
                        throw invalid("illegal hexadecimal escape");
                    }
                    end++;
                }
                else {
                    end = position + 2;
                }
                if (end > pattern.length() || !pattern.substring(position, end).matches("\\{?[0-9A-Fa-f]+}?")) {
                    throw invalid("illegal hexadecimal escape");
                }
                out.append("\\x").append(pattern, position, end);
                position = end;
            }
            case 'p', 'P' -> {
                String name;
                if (position < pattern.length() && pattern.charAt(position) == '{') {
                    int end = pattern.indexOf('}', position);
                    if (end < 0) {
                        throw invalid("unclosed character family");
                    }
                    name = pattern.substring(position + 1, end);
                    position = end + 1;
                }
                else if (position < pattern.length()) {
                    name = String.valueOf(pattern.charAt(position++));
                }
                else {
                    throw invalid("unclosed character family");
                }
                // the Unicode general categories mean the same in both; Java's other families (Alpha, javaLowerCase, ...) do not exist in RE2
                if (!name.matches("[CLMNPSZ][a-z]?")) {
                    throw unsupported("the character family \\p{" + name + "}");
                }
                out.append('\\').append(c).append('{').append(name).append('}');
            }
            case 'Q' -> {
                int end = pattern.indexOf("\\E", position);
                String quoted = end < 0 ? pattern.substring(position) : pattern.substring(position, end);
                for (int i = 0; i < quoted.length(); i++) {
                    char q = quoted.charAt(i);
                    if (q < 128 && !Character.isLetterOrDigit(q)) {
                        out.append('\\');
                    }
                    out.append(q);
                }
                position = end < 0 ? pattern.length() : end + 2;
            }
            default -> {
                if (c >= '0' && c <= '9') {
                    throw unsupported(c == '0' ? "octal escapes" : "backreferences");
                }
                if (Character.isLetter(c)) {
                    throw unsupported("the escape \\" + c);
                }
                // an escaped punctuation character is itself in both
                if (c < 128) {
                    out.append('\\').append(c);
                }
                else {
                    out.append(c);
                }
            }
        }
    }

    /** A Java (Trino) replacement string as an RE2 rewrite string for a pattern with the given groups. */
    static String replacement(String replacement, Translated pattern)
    {
        StringBuilder rewrite = new StringBuilder();
        int i = 0;
        while (i < replacement.length()) {
            char c = replacement.charAt(i++);
            if (c == '\\') {
                if (i >= replacement.length()) {
                    throw invalid("character to be escaped is missing");
                }
                char escaped = replacement.charAt(i++);
                rewrite.append(escaped == '\\' ? "\\\\" : String.valueOf(escaped));
            }
            else if (c == '$') {
                if (i >= replacement.length()) {
                    throw invalid("Illegal group reference: group index is missing");
                }
                int group;
                if (replacement.charAt(i) == '{') {
                    int end = replacement.indexOf('}', i);
                    if (end < 0) {
                        throw invalid("Illegal group reference: missing '}'");
                    }
                    String name = replacement.substring(i + 1, end);
                    Integer index = pattern.groupNames().get(name);
                    if (index == null) {
                        throw invalid("Illegal group reference: group '" + name + "' does not exist");
                    }
                    group = index;
                    i = end + 1;
                }
                else {
                    char digit = replacement.charAt(i);
                    if (digit < '0' || digit > '9') {
                        throw invalid("Illegal group reference");
                    }
                    group = digit - '0';
                    i++;
                    if (group > pattern.groups()) {
                        throw invalid("Illegal group reference: group " + group + " does not exist");
                    }
                    while (i < replacement.length() && Character.isDigit(replacement.charAt(i))) {
                        int next = group * 10 + (replacement.charAt(i) - '0');
                        if (next > pattern.groups()) {
                            break;
                        }
                        group = next;
                        i++;
                    }
                }
                if (group > 9) {
                    throw unsupported("group references above 9");
                }
                rewrite.append('\\').append(group);
            }
            else {
                rewrite.append(c);
            }
        }
        return rewrite.toString();
    }

    private static PallasException unsupported(String construct)
    {
        return new PallasException(ErrorCode.NOT_SUPPORTED, "Regular expressions with " + construct + " are not supported yet");
    }

    private static PallasException invalid(String message)
    {
        return new PallasException(ErrorCode.INVALID_FUNCTION_ARGUMENT, message);
    }
}
