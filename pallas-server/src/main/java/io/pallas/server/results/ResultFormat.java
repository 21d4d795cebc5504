package io.pallas.server.results;

import io.pallas.core.storage.S3Location;

/** The two result object layouts Athena writes to the output location. */
public enum ResultFormat
{
    /** SELECT-like results: quoted header line, every non-NULL value quoted, {@code \n} after every line. */
    CSV("csv"),
    /** UTILITY, DDL and EXPLAIN results: one value per line, tab-joined columns, no trailing newline. */
    TXT("txt");

    private final String extension;

    ResultFormat(String extension)
    {
        this.extension = extension;
    }

    public String extension()
    {
        return extension;
    }

    /** {@code <queryExecutionId>.csv} or {@code <queryExecutionId>.txt}. */
    public String fileName(String queryExecutionId)
    {
        return queryExecutionId + "." + extension;
    }

    /** The result object for a query under an output location prefix. */
    public S3Location objectLocation(S3Location outputLocation, String queryExecutionId)
    {
        return outputLocation.resolve(fileName(queryExecutionId));
    }

    /** The companion {@code .metadata} object of a result object. */
    public static S3Location metadataLocation(S3Location object)
    {
        return new S3Location(object.bucket(), object.key() + ".metadata");
    }
}
