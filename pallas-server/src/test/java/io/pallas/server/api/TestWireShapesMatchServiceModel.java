package io.pallas.server.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * Checks our wire records against the Athena service model that botocore installs: every member we send exists in
 * the model under that exact name, and every model member we do not send is listed here on purpose.
 */
class TestWireShapesMatchServiceModel
{
    /** Model members Pallas does not answer yet, with the shape they belong to. */
    private static final Map<String, Set<String>> NOT_SENT = Map.of(
            "QueryExecution", Set.of("ManagedQueryResultsConfiguration", "QueryResultsS3AccessGrantsConfiguration"),
            "QueryExecutionStatistics", Set.of("DataManifestLocation", "QueryPlanningTimeInMillis", "DpuCount"),
            "WorkGroup", Set.of("IdentityCenterApplicationArn"),
            // catalogs are registered synchronously and never fail, so there is no creation error to report
            "DataCatalog", Set.of("Error"),
            "DataCatalogSummary", Set.of("Error"),
            "WorkGroupSummary", Set.of("IdentityCenterApplicationArn"),
            "WorkGroupConfiguration", Set.of("ManagedQueryResultsConfiguration", "AdditionalConfiguration", "ExecutionRole",
                    "CustomerContentEncryptionConfiguration", "IdentityCenterConfiguration", "QueryResultsS3AccessGrantsConfiguration",
                    "MonitoringConfiguration", "EngineConfiguration"));

    private static JsonNode shapes;

    @BeforeAll
    static void loadModel()
            throws Exception
    {
        Path model = botocoreDirectory().resolve("data/athena/2017-05-18/service-2.json.gz");
        assumeThat(model).as("botocore's Athena model").exists();
        try (InputStream in = new GZIPInputStream(Files.newInputStream(model))) {
            shapes = new ObjectMapper().readTree(in).get("shapes");
        }
    }

    private static Path botocoreDirectory()
            throws IOException, InterruptedException
    {
        Process process = new ProcessBuilder("python3", "-c", "import botocore, os; print(os.path.dirname(botocore.__file__))")
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        process.waitFor(30, TimeUnit.SECONDS);
        return Path.of(output);
    }

    @Test
    void everyRecordMatchesItsModelShape()
    {
        for (Class<?> type : Wire.class.getDeclaredClasses()) {
            if (!type.isRecord() || type.getSimpleName().equals("Empty")) {
                continue;
            }
            String shapeName = type.getSimpleName().endsWith("Response")
                    ? type.getSimpleName().replaceFirst("Response$", "Output")
                    : type.getSimpleName();
            JsonNode shape = shapes.get(shapeName);
            assertThat(shape).as("model shape %s for %s", shapeName, type.getName()).isNotNull();
            Set<String> modelMembers = new TreeSet<>();
            for (Iterator<String> names = shape.get("members").fieldNames(); names.hasNext(); ) {
                modelMembers.add(names.next());
            }
            Set<String> sent = new TreeSet<>();
            for (RecordComponent component : type.getRecordComponents()) {
                sent.add(component.getAccessor().getAnnotation(JsonProperty.class) != null
                        ? component.getAccessor().getAnnotation(JsonProperty.class).value()
                        : component.getAnnotation(JsonProperty.class) != null ? component.getAnnotation(JsonProperty.class).value() : jsonName(type, component));
            }
            assertThat(modelMembers).as("members of %s", shapeName).containsAll(sent);
            Set<String> missing = new TreeSet<>(modelMembers);
            missing.removeAll(sent);
            assertThat(missing).as("model members of %s that Pallas does not send", shapeName)
                    .isEqualTo(new TreeSet<>(NOT_SENT.getOrDefault(shapeName, Set.of())));
        }
    }

    private static String jsonName(Class<?> type, RecordComponent component)
    {
        try {
            JsonProperty property = type.getDeclaredField(component.getName()).getAnnotation(JsonProperty.class);
            return property == null ? component.getName() : property.value();
        }
        catch (NoSuchFieldException e) {
            throw new IllegalStateException(e);
        }
    }
}
