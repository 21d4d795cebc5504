package io.pallas.core.type;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The value of a {@code row(...)} column: field values in declaration order (the names live on the type).
 * A list that admits null fields, so not {@code List.copyOf}.
 */
public record RowValue(List<Object> fields)
{
    public RowValue
    {
        fields = Collections.unmodifiableList(new ArrayList<>(fields));
    }
}
