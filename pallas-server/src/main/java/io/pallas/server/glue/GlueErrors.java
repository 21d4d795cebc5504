package io.pallas.server.glue;

import io.pallas.core.catalog.CatalogException;
import io.pallas.server.protocol.ApiException;
import io.pallas.server.protocol.Violations;

/** The errors Glue answers, as HTTP 400 with {@code __type} and {@code Message}, in the words Glue uses. */
final class GlueErrors
{
    static final String ENTITY_NOT_FOUND = "EntityNotFoundException";
    static final String ALREADY_EXISTS = "AlreadyExistsException";
    static final String INVALID_INPUT = "InvalidInputException";
    static final String CONCURRENT_MODIFICATION = "ConcurrentModificationException";

    static final String PARTITION_NOT_FOUND = "Cannot find partition.";
    static final String DATABASE_EXISTS = "Database already exists.";
    static final String TABLE_EXISTS = "Table already exists.";
    static final String PARTITION_EXISTS = "Partition already exists.";
    static final String PARTITION_VALUES_MISMATCH = "The number of partition keys do not match the number of partition values.";

    private GlueErrors() {}

    static ApiException databaseNotFound(String name)
    {
        return entityNotFound("Database " + name + " not found.");
    }

    static ApiException tableNotFound(String name)
    {
        return entityNotFound("Table " + name + " not found.");
    }

    static ApiException partitionNotFound()
    {
        return entityNotFound(PARTITION_NOT_FOUND);
    }

    static ApiException entityNotFound(String message)
    {
        return ApiException.of(ENTITY_NOT_FOUND, 400, message);
    }

    static ApiException alreadyExists(String message)
    {
        return ApiException.of(ALREADY_EXISTS, 400, message);
    }

    static ApiException invalidInput(String message)
    {
        return ApiException.of(INVALID_INPUT, 400, message);
    }

    static ApiException concurrentModification(String message)
    {
        return ApiException.of(CONCURRENT_MODIFICATION, 400, message);
    }

    /** The framework validation errors, as Glue reports them: InvalidInputException, not Athena's InvalidRequestException. */
    static void check(Violations violations)
    {
        try {
            violations.check();
        }
        catch (ApiException e) {
            throw invalidInput(e.wireMessage().orElse(e.getMessage()));
        }
    }

    /**
     * A catalog refusal the operation did not check for itself (a concurrent change between its read and its write);
     * the operations check the usual cases first so that they can answer in Glue's exact words.
     */
    static ApiException translate(CatalogException e)
    {
        String message = e.getMessage().endsWith(".") ? e.getMessage() : e.getMessage() + ".";
        return switch (e.kind()) {
            case NOT_FOUND -> entityNotFound(message);
            case ALREADY_EXISTS -> alreadyExists(message);
            case CONCURRENT_MODIFICATION -> concurrentModification(message);
            case NOT_EMPTY, INVALID -> invalidInput(message);
        };
    }
}
