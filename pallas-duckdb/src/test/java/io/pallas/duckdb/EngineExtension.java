package io.pallas.duckdb;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * One DuckDB engine for the tests of a class, in a directory of its own: started before the first test, closed and
 * deleted after the last. Register it as {@code @RegisterExtension static final EngineExtension ENGINE}.
 */
public final class EngineExtension
        implements BeforeAllCallback, AfterAllCallback
{
    private Path directory;
    private DuckDbEngine engine;

    @Override
    public void beforeAll(ExtensionContext context)
            throws IOException
    {
        directory = Files.createTempDirectory("pallas-engine-test");
        engine = new DuckDbEngine(DuckDbConfig.inDirectory(directory));
    }

    @Override
    public void afterAll(ExtensionContext context)
            throws IOException
    {
        engine.close();
        engine = null;
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    public DuckDbEngine engine()
    {
        if (engine == null) {
            throw new IllegalStateException("the engine runs only while the tests of the class run");
        }
        return engine;
    }
}
