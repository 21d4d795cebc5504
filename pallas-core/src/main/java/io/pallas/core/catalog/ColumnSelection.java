package io.pallas.core.catalog;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import static java.util.Objects.requireNonNull;

/**
 * The columns of a table that a query may read from its data files, by name, lower-cased: every column when
 * {@code names} is empty. It may name more columns than the query reads, never fewer.
 */
public record ColumnSelection(Optional<Set<String>> names)
{
    public static final ColumnSelection ALL = new ColumnSelection(Optional.empty());

    public ColumnSelection
    {
        names = requireNonNull(names, "names is null").map(Set::copyOf);
    }

    public static ColumnSelection of(Collection<String> names)
    {
        return new ColumnSelection(Optional.of(names.stream().map(name -> name.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet())));
    }

    public boolean isAll()
    {
        return names.isEmpty();
    }

    /** Whether a column of that name, in any case, may be read. */
    public boolean includes(String name)
    {
        return names.map(set -> set.contains(name.toLowerCase(Locale.ROOT))).orElse(true);
    }
}
