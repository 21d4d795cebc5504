package io.pallas.core.catalog;

import java.math.BigInteger;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * A condition that every row a query reads from a partitioned table must meet, in terms of the table's partition
 * keys: partitions whose values cannot meet it need not be listed or read. It is conservative: a partition it
 * cannot decide about (a value that does not parse as the key's type, say) may match.
 *
 * <p>A partition value is the text stored for it; {@code null} or {@code __HIVE_DEFAULT_PARTITION__} is the SQL
 * NULL, which meets no comparison.
 */
public sealed interface PartitionFilter
{
    /** Every partition may match. */
    PartitionFilter ALL = new All();

    /** Whether a partition with these values (in partition-key order) may hold rows that meet the condition. */
    boolean mayMatch(List<String> partitionValues);

    record All()
            implements PartitionFilter
    {
        @Override
        public boolean mayMatch(List<String> partitionValues)
        {
            return true;
        }
    }

    record And(List<PartitionFilter> terms)
            implements PartitionFilter
    {
        public And
        {
            terms = List.copyOf(terms);
        }

        @Override
        public boolean mayMatch(List<String> partitionValues)
        {
            return terms.stream().allMatch(term -> term.mayMatch(partitionValues));
        }
    }

    record Or(List<PartitionFilter> terms)
            implements PartitionFilter
    {
        public Or
        {
            terms = List.copyOf(terms);
        }

        @Override
        public boolean mayMatch(List<String> partitionValues)
        {
            return terms.stream().anyMatch(term -> term.mayMatch(partitionValues));
        }
    }

    /** How a key's text is compared: as an integer, a date, or a string cut to at most {@code length} characters. */
    record KeyType(Kind kind, int length)
    {
        public enum Kind
        {
            INTEGER, DATE, STRING
        }

        public static final int UNBOUNDED = Integer.MAX_VALUE;

        public KeyType
        {
            requireNonNull(kind, "kind is null");
        }
    }

    enum Operator
    {
        EQUAL, NOT_EQUAL, LESS_THAN, LESS_THAN_OR_EQUAL, GREATER_THAN, GREATER_THAN_OR_EQUAL
    }

    /**
     * {@code key <operator> constant}, for the key at {@code keyIndex}; the constant is a {@link BigInteger},
     * {@link LocalDate} or {@link String} as the key type's kind says.
     */
    record Comparison(int keyIndex, KeyType keyType, Operator operator, Object constant)
            implements PartitionFilter
    {
        public static final String HIVE_DEFAULT_PARTITION = "__HIVE_DEFAULT_PARTITION__";

        public Comparison
        {
            requireNonNull(keyType, "keyType is null");
            requireNonNull(operator, "operator is null");
            requireNonNull(constant, "constant is null");
            Class<?> expected = switch (keyType.kind()) {
                case INTEGER -> BigInteger.class;
                case DATE -> LocalDate.class;
                case STRING -> String.class;
            };
            if (!expected.isInstance(constant)) {
                throw new IllegalArgumentException("A " + keyType.kind() + " key is compared with a " + expected.getSimpleName() + ", not " + constant);
            }
        }

        @Override
        public boolean mayMatch(List<String> partitionValues)
        {
            if (keyIndex < 0 || keyIndex >= partitionValues.size()) {
                return true;
            }
            String text = partitionValues.get(keyIndex);
            if (text == null || text.equals(HIVE_DEFAULT_PARTITION)) {
                return false;
            }
            int order;
            try {
                order = switch (keyType.kind()) {
                    case INTEGER -> new BigInteger(text).compareTo((BigInteger) constant);
                    case DATE -> LocalDate.parse(text).compareTo((LocalDate) constant);
                    case STRING -> compareCodePoints(truncated(text, keyType.length()), (String) constant);
                };
            }
            catch (NumberFormatException | DateTimeParseException e) {
                // the scan decides what such a value is
                return true;
            }
            return switch (operator) {
                case EQUAL -> order == 0;
                case NOT_EQUAL -> order != 0;
                case LESS_THAN -> order < 0;
                case LESS_THAN_OR_EQUAL -> order <= 0;
                case GREATER_THAN -> order > 0;
                case GREATER_THAN_OR_EQUAL -> order >= 0;
            };
        }

        /** A varchar(n) key holds at most n characters of the stored text. */
        private static String truncated(String text, int length)
        {
            if (length == KeyType.UNBOUNDED || text.codePointCount(0, text.length()) <= length) {
                return text;
            }
            return text.substring(0, text.offsetByCodePoints(0, length));
        }

        /** Trino orders varchar values by code point, which UTF-16 order is not for characters beyond the BMP. */
        private static int compareCodePoints(String left, String right)
        {
            return Arrays.compare(left.codePoints().toArray(), right.codePoints().toArray());
        }
    }
}
