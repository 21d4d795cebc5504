package io.pallas.server.glue;

import com.fasterxml.jackson.databind.JsonNode;
import io.pallas.server.protocol.ApiException;
import io.pallas.server.protocol.WireObject;

import java.lang.reflect.Field;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a map of strings ({@code Parameters}) from a request, with the strictness of {@link WireObject}: a member
 * that is not an object, or a value that is not a string, is a SerializationException; a null value is dropped.
 *
 * <p>{@link WireObject} has no accessor for map members yet, and Glue is the first API with them; until it gets one
 * this reads the object's JSON node reflectively. Replace it with {@code WireObject.stringMap} when that exists.
 */
final class WireMaps
{
    private static final Field NODE;

    static {
        try {
            NODE = WireObject.class.getDeclaredField("node");
            NODE.setAccessible(true);
        }
        catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private WireMaps() {}

    static Optional<Map<String, String>> stringMap(WireObject request, String member)
    {
        Optional<WireObject> object = request.object(member);
        if (object.isEmpty()) {
            return Optional.empty();
        }
        JsonNode node;
        try {
            node = (JsonNode) NODE.get(object.get());
        }
        catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
        Map<String, String> map = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            JsonNode value = entry.getValue();
            if (value.isNull()) {
                continue;
            }
            if (!value.isTextual()) {
                throw ApiException.serialization(Optional.of(value.isContainerNode()
                        ? "Start of structure or map found where not expected."
                        : value.getNodeType().name() + "_VALUE can not be converted to a String"));
            }
            map.put(entry.getKey(), value.textValue());
        }
        return Optional.of(map);
    }
}
