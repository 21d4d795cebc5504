package io.pallas.server.glue;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/** Every member a {@link GlueWire} record sends exists, under that exact name, in botocore's Glue service model. */
class TestGlueWireShapes
{
    /** Records answered for several operations, checked against one of their shapes. */
    private static final Map<String, String> SHAPES = Map.of("PartitionErrorsResponse", "BatchCreatePartitionResponse");

    @Test
    void everyRecordMemberIsInTheModel()
            throws Exception
    {
        Process process = new ProcessBuilder("python3", "-c", "import botocore, os; print(os.path.dirname(botocore.__file__))")
                .redirectErrorStream(true)
                .start();
        String botocore = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        process.waitFor(30, TimeUnit.SECONDS);
        Path model = Path.of(botocore).resolve("data/glue/2017-03-31/service-2.json.gz");
        assumeThat(model).as("botocore's Glue model").exists();
        JsonNode shapes;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(model))) {
            shapes = new ObjectMapper().readTree(in).get("shapes");
        }
        for (Class<?> type : GlueWire.class.getDeclaredClasses()) {
            if (!type.isRecord() || type.getSimpleName().equals("Empty")) {
                continue;
            }
            String shapeName = SHAPES.getOrDefault(type.getSimpleName(), type.getSimpleName());
            JsonNode shape = shapes.get(shapeName);
            assertThat(shape).as("model shape %s for %s", shapeName, type.getName()).isNotNull();
            Set<String> modelMembers = new TreeSet<>();
            shape.get("members").fieldNames().forEachRemaining(modelMembers::add);
            Set<String> sent = new TreeSet<>();
            for (RecordComponent component : type.getRecordComponents()) {
                sent.add(type.getDeclaredField(component.getName()).getAnnotation(JsonProperty.class).value());
            }
            assertThat(modelMembers).as("members of %s", shapeName).containsAll(sent);
        }
    }
}
