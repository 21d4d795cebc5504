package io.pallas.server.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;

/**
 * JSON for the AWS JSON 1.1 protocol. Responses omit null members, and timestamps are epoch seconds with a
 * millisecond fraction ({@code 1732490163.208}), which every AWS SDK accepts.
 */
public final class JsonCodec
{
    private final ObjectMapper mapper;

    public JsonCodec()
    {
        SimpleModule module = new SimpleModule("aws-json");
        module.addSerializer(Instant.class, new EpochSecondsSerializer());
        this.mapper = JsonMapper.builder()
                .addModule(module)
                .serializationInclusion(JsonInclude.Include.NON_NULL)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .build();
        mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(64)
                .maxStringLength(8 * 1024 * 1024)
                .build());
    }

    /** Parses a request body; anything that is not one JSON value is a SerializationException without message. */
    public JsonNode readTree(byte[] body)
    {
        if (body.length == 0) {
            throw ApiException.serialization(Optional.empty());
        }
        try {
            JsonNode node = mapper.readTree(body);
            if (node == null || node.isMissingNode()) {
                throw ApiException.serialization(Optional.empty());
            }
            return node;
        }
        catch (IOException e) {
            throw ApiException.serialization(Optional.empty());
        }
    }

    public byte[] write(Object value)
    {
        try {
            return mapper.writeValueAsBytes(value);
        }
        catch (IOException e) {
            throw new IllegalStateException("Cannot serialise " + value.getClass().getSimpleName(), e);
        }
    }

    public ObjectMapper mapper()
    {
        return mapper;
    }

    private static final class EpochSecondsSerializer
            extends StdSerializer<Instant>
    {
        EpochSecondsSerializer()
        {
            super(Instant.class);
        }

        @Override
        public void serialize(Instant value, JsonGenerator generator, SerializerProvider provider)
                throws IOException
        {
            generator.writeNumber(BigDecimal.valueOf(value.toEpochMilli(), 3));
        }
    }
}
