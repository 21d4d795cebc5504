package io.pallas.server.catalog;

import io.pallas.core.ErrorCode;
import io.pallas.core.PallasException;
import io.pallas.core.catalog.Table;
import io.pallas.core.storage.ObjectStore;
import io.pallas.core.storage.ObjectStore.ObjectInfo;
import io.pallas.core.storage.S3Location;
import io.pallas.server.storage.BucketNotFoundException;
import io.pallas.server.storage.S3ObjectStore;
import io.pallas.server.storage.S3ThrottledException;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.util.List;

/** How failures to list or read a table's data in its object store become Athena's query errors. */
final class TableDataErrors
{
    private TableDataErrors() {}

    /**
     * The objects under a table or partition folder. An S3 listing of a missing bucket is empty, like that of an
     * empty prefix, so an empty answer from S3 is followed by a check of the bucket: Athena fails such a query.
     */
    static List<ObjectInfo> listing(S3Location folder, ObjectStore store)
            throws IOException
    {
        List<ObjectInfo> objects = store.list(folder);
        if (objects.isEmpty() && store instanceof S3ObjectStore s3) {
            s3.checkBucket(folder);
        }
        return objects;
    }

    static PallasException failure(Table table, IOException e)
    {
        String name = table.databaseName() + "." + table.name();
        return switch (e) {
            case BucketNotFoundException missing -> new PallasException(ErrorCode.BUCKET_NOT_FOUND,
                    "The bucket %s of the data of table %s does not exist (location %s)".formatted(missing.bucket(), name, missing.getFile()), e);
            case AccessDeniedException denied -> new PallasException(ErrorCode.PERMISSION_DENIED,
                    "Access denied reading %s, data of table %s: %s".formatted(denied.getFile(), name, denied.getReason()), e);
            case S3ThrottledException throttled -> new PallasException(ErrorCode.TABLE_DATA_THROTTLED,
                    "Error reading %s, data of table %s: %s".formatted(throttled.location(), name, throttled.getMessage()), e);
            case NoSuchFileException gone -> new PallasException(ErrorCode.TABLE_DATA_UNAVAILABLE,
                    "Error reading %s, data of table %s: the object no longer exists".formatted(gone.getFile(), name), e);
            default -> new PallasException(ErrorCode.TABLE_DATA_UNAVAILABLE, "Error reading the data of table %s: %s".formatted(name, e.getMessage()), e);
        };
    }
}
