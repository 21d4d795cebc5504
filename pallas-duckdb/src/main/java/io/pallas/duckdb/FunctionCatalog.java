package io.pallas.duckdb;

import io.pallas.core.ErrorCode;
import io.pallas.core.PallasException;
import io.pallas.core.type.Column;
import io.pallas.core.type.SqlType;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

/**
 * What SHOW FUNCTIONS answers: Trino 476's signatures (recorded by {@code conformance/record_functions.py} into
 * {@code trino-functions.tsv}) of the scalar, aggregate and window functions the printer translates, in Trino's order
 * (by name, then signature). A function is listed with all of Trino's signatures, even when some argument forms of it
 * still fail {@code NOT_SUPPORTED}. Descriptions are left empty.
 */
public final class FunctionCatalog
{
    /** SHOW FUNCTIONS' columns; all varchar, as Athena reports them. */
    public static final List<Column> COLUMNS = List.of(
            new Column("Function", SqlType.VARCHAR),
            new Column("Return Type", SqlType.VARCHAR),
            new Column("Argument Types", SqlType.VARCHAR),
            new Column("Function Type", SqlType.VARCHAR),
            new Column("Deterministic", SqlType.VARCHAR),
            new Column("Description", SqlType.VARCHAR));

    private static final String RESOURCE = "trino-functions.tsv";
    private static final Set<String> LISTED_KINDS = Set.of("scalar", "aggregate", "window");

    /** One signature as Trino lists it. */
    public record Signature(String name, String returnType, String argumentTypes, String kind, boolean deterministic)
    {
        public Signature
        {
            requireNonNull(name, "name is null");
            requireNonNull(returnType, "returnType is null");
            requireNonNull(argumentTypes, "argumentTypes is null");
            requireNonNull(kind, "kind is null");
        }

        /** The SHOW FUNCTIONS row: the signature and an empty description. */
        public Object[] row()
        {
            return new Object[] {name, returnType, argumentTypes, kind, Boolean.toString(deterministic), ""};
        }
    }

    private static final List<Signature> TRINO = load();
    private static final List<Signature> LISTED = TRINO.stream()
            .filter(signature -> LISTED_KINDS.contains(signature.kind()) && DuckDbPrinter.translates(signature.name().toLowerCase(Locale.ROOT)))
            .toList();

    private FunctionCatalog() {}

    /** Every signature Trino 476 lists, translated by Pallas or not. */
    public static List<Signature> trino()
    {
        return TRINO;
    }

    /** The signatures SHOW FUNCTIONS lists, in order. */
    public static List<Signature> listed()
    {
        return LISTED;
    }

    /**
     * The signatures whose function name matches {@code SHOW FUNCTIONS LIKE pattern [ESCAPE escape]}: {@code %} is any
     * sequence, {@code _} any one character, case-sensitive, as Trino's LIKE.
     */
    public static List<Signature> listed(Optional<String> pattern, Optional<String> escape)
    {
        if (pattern.isEmpty()) {
            return LISTED;
        }
        Pattern regex = likeRegex(pattern.get(), escape);
        return LISTED.stream().filter(signature -> regex.matcher(signature.name()).matches()).toList();
    }

    static Pattern likeRegex(String pattern, Optional<String> escape)
    {
        Optional<Character> escapeCharacter = escape.map(text -> {
            if (text.length() != 1) {
                throw new PallasException(ErrorCode.INVALID_FUNCTION_ARGUMENT, "Escape string must be a single character");
            }
            return text.charAt(0);
        });
        StringBuilder regex = new StringBuilder();
        boolean escaped = false;
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (escaped) {
                if (c != '%' && c != '_' && c != escapeCharacter.orElseThrow()) {
                    throw escapeError();
                }
                regex.append(Pattern.quote(String.valueOf(c)));
                escaped = false;
            }
            else if (escapeCharacter.isPresent() && c == escapeCharacter.get()) {
                escaped = true;
            }
            else if (c == '%') {
                regex.append(".*");
            }
            else if (c == '_') {
                regex.append('.');
            }
            else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        if (escaped) {
            throw escapeError();
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }

    private static PallasException escapeError()
    {
        return new PallasException(ErrorCode.INVALID_FUNCTION_ARGUMENT, "Escape character must be followed by '%', '_' or the escape character");
    }

    private static List<Signature> load()
    {
        try (InputStream in = FunctionCatalog.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("Missing resource " + RESOURCE);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, UTF_8));
            List<Signature> signatures = new ArrayList<>();
            boolean header = true;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.startsWith("#")) {
                    continue;
                }
                if (header) {
                    header = false;
                    continue;
                }
                String[] fields = line.split("\t", -1);
                if (fields.length != 5) {
                    throw new IllegalStateException("Malformed line in " + RESOURCE + ": " + line);
                }
                signatures.add(new Signature(fields[0], fields[1], fields[2], fields[3], Boolean.parseBoolean(fields[4])));
            }
            return List.copyOf(signatures);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
