package io.pallas.duckdb;

import java.nio.file.Path;

import static java.util.Objects.requireNonNull;

/**
 * How the embedded DuckDB is set up.
 *
 * @param dataDirectory the only directory DuckDB may read or write
 * @param spillDirectory where DuckDB spills when over its memory limit; must lie inside {@code dataDirectory}
 * @param memoryLimit a DuckDB size such as {@code 4GB}; empty for DuckDB's default
 * @param threads worker threads; 0 or less for DuckDB's default
 */
public record DuckDbConfig(Path dataDirectory, Path spillDirectory, String memoryLimit, int threads)
{
    public DuckDbConfig
    {
        dataDirectory = requireNonNull(dataDirectory, "dataDirectory is null").toAbsolutePath().normalize();
        spillDirectory = requireNonNull(spillDirectory, "spillDirectory is null").toAbsolutePath().normalize();
        requireNonNull(memoryLimit, "memoryLimit is null");
        if (!spillDirectory.startsWith(dataDirectory)) {
            throw new IllegalArgumentException("spillDirectory must be inside dataDirectory: " + spillDirectory);
        }
        if (!memoryLimit.isEmpty() && !memoryLimit.matches("[0-9]+(\\.[0-9]+)?\\s*[A-Za-z]{0,3}")) {
            throw new IllegalArgumentException("memoryLimit is not a size: " + memoryLimit);
        }
    }

    public static DuckDbConfig inDirectory(Path dataDirectory)
    {
        return new DuckDbConfig(dataDirectory, dataDirectory.resolve("spill"), "", 0);
    }
}
