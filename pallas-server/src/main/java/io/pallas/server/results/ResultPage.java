package io.pallas.server.results;

import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * One GetQueryResults page.
 *
 * @param rows each row's values; a null element is SQL NULL
 * @param nextToken present only when the page is full and more rows follow
 */
public record ResultPage(List<List<String>> rows, Optional<String> nextToken)
{
    public ResultPage
    {
        rows = List.copyOf(requireNonNull(rows, "rows is null"));
        requireNonNull(nextToken, "nextToken is null");
    }
}
