package io.pallas.server.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeType;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Typed, strict access to the members of a JSON request object, as AWS JSON 1.1 services read them: an absent
 * member and JSON null are the same; a member of the wrong JSON type is a SerializationException (never coerced,
 * so {@code "10"} is not a number and {@code 5} is not a string); a fractional number for an integer member is
 * truncated. Unknown members are ignored.
 */
public final class WireObject
{
    private final JsonNode node;
    private final String path;

    private WireObject(JsonNode node, String path)
    {
        this.node = requireNonNull(node, "node is null");
        this.path = requireNonNull(path, "path is null");
    }

    /** The request body; anything but a JSON object is a SerializationException. */
    public static WireObject root(JsonNode body)
    {
        if (body == null || !body.isObject()) {
            if (body != null && body.isArray()) {
                throw ApiException.serialization(Optional.of("Start of list found where not expected"));
            }
            throw ApiException.serialization(Optional.empty());
        }
        return new WireObject(body, "");
    }

    /** The validation path of a member: lower camel case, dotted below the root ({@code resultConfiguration.outputLocation}). */
    public String pathOf(String member)
    {
        String camel = Character.toLowerCase(member.charAt(0)) + member.substring(1);
        return path.isEmpty() ? camel : path + "." + camel;
    }

    public Optional<String> string(String member)
    {
        JsonNode value = member(member);
        if (value == null) {
            return Optional.empty();
        }
        if (!value.isTextual()) {
            throw mismatch(value, "a String");
        }
        return Optional.of(value.textValue());
    }

    public Optional<Integer> integer(String member)
    {
        return longValue(member, "an Integer").map(Math::toIntExact);
    }

    public Optional<Long> longValue(String member)
    {
        return longValue(member, "a Long");
    }

    private Optional<Long> longValue(String member, String target)
    {
        JsonNode value = member(member);
        if (value == null) {
            return Optional.empty();
        }
        if (!value.isNumber()) {
            throw mismatch(value, target);
        }
        if (value.isIntegralNumber() && !value.canConvertToLong()) {
            throw ApiException.serialization(Optional.of("NUMBER_VALUE can not be converted to " + target));
        }
        long result = value.isIntegralNumber() ? value.longValue() : (long) value.doubleValue();
        if (target.equals("an Integer") && (result > Integer.MAX_VALUE || result < Integer.MIN_VALUE)) {
            throw ApiException.serialization(Optional.of("NUMBER_VALUE can not be converted to an Integer"));
        }
        return Optional.of(result);
    }

    public Optional<Boolean> bool(String member)
    {
        JsonNode value = member(member);
        if (value == null) {
            return Optional.empty();
        }
        if (!value.isBoolean()) {
            throw mismatch(value, "a Boolean");
        }
        return Optional.of(value.booleanValue());
    }

    public Optional<WireObject> object(String member)
    {
        JsonNode value = member(member);
        if (value == null) {
            return Optional.empty();
        }
        if (!value.isObject()) {
            if (value.isArray()) {
                throw ApiException.serialization(Optional.of("Start of list found where not expected"));
            }
            throw ApiException.serialization(Optional.of("Expected null"));
        }
        return Optional.of(new WireObject(value, pathOf(member)));
    }

    /** A list of structures, each readable like this one; its path is {@code member.N} (1-based, as AWS reports it). */
    public Optional<List<WireObject>> objectList(String member)
    {
        JsonNode value = member(member);
        if (value == null) {
            return Optional.empty();
        }
        if (!value.isArray()) {
            throw ApiException.serialization(Optional.of("Expected list or null"));
        }
        List<WireObject> items = new ArrayList<>(value.size());
        int index = 1;
        for (JsonNode item : value) {
            if (!item.isObject()) {
                throw ApiException.serialization(Optional.of(item.isArray() ? "Start of list found where not expected" : "Expected null"));
            }
            items.add(new WireObject(item, pathOf(member) + "." + index++ + ".member"));
        }
        return Optional.of(items);
    }

    /** A map of strings ({@code Parameters}), in the order sent; entries with a null value are dropped. */
    public Optional<Map<String, String>> stringMap(String member)
    {
        Optional<WireObject> object = object(member);
        if (object.isEmpty()) {
            return Optional.empty();
        }
        Map<String, String> map = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : object.get().node.properties()) {
            JsonNode value = entry.getValue();
            if (value.isNull()) {
                continue;
            }
            if (!value.isTextual()) {
                throw mismatch(value, "a String");
            }
            map.put(entry.getKey(), value.textValue());
        }
        return Optional.of(map);
    }

    /** A list of strings; a null element is kept as null so validation can report it. */
    public Optional<List<String>> stringList(String member)
    {
        JsonNode value = member(member);
        if (value == null) {
            return Optional.empty();
        }
        if (!value.isArray()) {
            throw ApiException.serialization(Optional.of("Expected list or null"));
        }
        List<String> items = new ArrayList<>(value.size());
        for (JsonNode item : value) {
            if (item.isNull()) {
                items.add(null);
            }
            else if (item.isTextual()) {
                items.add(item.textValue());
            }
            else {
                throw mismatch(item, "a String");
            }
        }
        return Optional.of(items);
    }

    private JsonNode member(String member)
    {
        JsonNode value = node.get(member);
        return value == null || value.isNull() ? null : value;
    }

    private static ApiException mismatch(JsonNode value, String target)
    {
        if (value.isArray()) {
            return ApiException.serialization(Optional.of("Start of list found where not expected"));
        }
        if (value.isObject()) {
            return ApiException.serialization(Optional.of("Start of structure or map found where not expected."));
        }
        return ApiException.serialization(Optional.of(jsonTokenName(value) + " can not be converted to " + target));
    }

    private static String jsonTokenName(JsonNode value)
    {
        JsonNodeType type = value.getNodeType();
        return switch (type) {
            case STRING -> "STRING_VALUE";
            case NUMBER -> "NUMBER_VALUE";
            case BOOLEAN -> value.booleanValue() ? "TRUE_VALUE" : "FALSE_VALUE";
            default -> type.name() + "_VALUE";
        };
    }
}
