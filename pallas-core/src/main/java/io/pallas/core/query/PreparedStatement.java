package io.pallas.core.query;

import java.time.Instant;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** A statement prepared in a workgroup ({@code PREPARE} or CreatePreparedStatement), run by {@code EXECUTE}. */
public record PreparedStatement(String workGroup, String name, String queryStatement, Optional<String> description, Instant lastModifiedTime)
{
    public PreparedStatement
    {
        requireNonNull(workGroup, "workGroup is null");
        requireNonNull(name, "name is null");
        requireNonNull(queryStatement, "queryStatement is null");
        requireNonNull(description, "description is null");
        requireNonNull(lastModifiedTime, "lastModifiedTime is null");
    }
}
