package io.pallas.server.results;

import io.pallas.core.storage.ObjectStore;
import io.pallas.core.storage.ObjectStore.PendingObject;
import io.pallas.core.storage.S3Location;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import static java.nio.charset.StandardCharsets.UTF_8;

/**
 * The {@code .metadata} protobuf, written by hand: no schema was ever published, so the field numbers and the
 * per-type presence of precision, scale and case sensitivity follow what Athena is measured to write.
 */
public final class ResultMetadataCodec
{
    private static final int WIRE_VARINT = 0;
    private static final int WIRE_FIXED64 = 1;
    private static final int WIRE_LENGTH_DELIMITED = 2;
    private static final int WIRE_FIXED32 = 5;

    private static final int FIELD_ID = 1;
    private static final int FIELD_UPDATE_TYPE = 2;
    private static final int FIELD_UPDATE_COUNT = 3;
    private static final int FIELD_COLUMN = 4;

    private static final int COLUMN_CATALOG = 1;
    private static final int COLUMN_NAME = 4;
    private static final int COLUMN_LABEL = 5;
    private static final int COLUMN_TYPE = 6;
    private static final int COLUMN_PRECISION = 7;
    private static final int COLUMN_SCALE = 8;
    private static final int COLUMN_NULLABLE = 9;
    private static final int COLUMN_CASE_SENSITIVE = 10;

    private ResultMetadataCodec() {}

    public static byte[] encode(ResultMetadata metadata)
    {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 + 48 * metadata.columns().size());
        writeString(out, FIELD_ID, metadata.id());
        metadata.updateType().ifPresent(type -> writeString(out, FIELD_UPDATE_TYPE, type));
        metadata.updateCount().ifPresent(count -> writeVarintField(out, FIELD_UPDATE_COUNT, count));
        for (ResultColumn column : metadata.columns()) {
            writeBytes(out, FIELD_COLUMN, encodeColumn(column));
        }
        return out.toByteArray();
    }

    private static byte[] encodeColumn(ResultColumn column)
    {
        ByteArrayOutputStream out = new ByteArrayOutputStream(48);
        writeString(out, COLUMN_CATALOG, column.catalogName());
        writeString(out, COLUMN_NAME, column.name());
        writeString(out, COLUMN_LABEL, column.label());
        writeString(out, COLUMN_TYPE, column.type());
        Presence presence = Presence.of(column.type());
        if (presence.precision) {
            writeVarintField(out, COLUMN_PRECISION, column.precision());
        }
        if (presence.scale) {
            writeVarintField(out, COLUMN_SCALE, column.scale());
        }
        writeVarintField(out, COLUMN_NULLABLE, column.nullable());
        if (presence.caseSensitive) {
            writeVarintField(out, COLUMN_CASE_SENSITIVE, column.caseSensitive() ? 1 : 0);
        }
        return out.toByteArray();
    }

    /** Decodes a metadata file; fields it does not know are skipped. */
    public static ResultMetadata decode(byte[] bytes)
    {
        Reader reader = new Reader(bytes, 0, bytes.length);
        String id = null;
        Optional<String> updateType = Optional.empty();
        OptionalLong updateCount = OptionalLong.empty();
        List<ResultColumn> columns = new ArrayList<>();
        while (reader.hasMore()) {
            long tag = reader.varint();
            int field = (int) (tag >>> 3);
            int wireType = (int) (tag & 7);
            switch (field) {
                case FIELD_ID -> id = reader.string(wireType);
                case FIELD_UPDATE_TYPE -> updateType = Optional.of(reader.string(wireType));
                case FIELD_UPDATE_COUNT -> updateCount = OptionalLong.of(reader.varint(wireType));
                case FIELD_COLUMN -> columns.add(decodeColumn(reader.message(wireType)));
                default -> reader.skip(wireType);
            }
        }
        if (id == null) {
            throw new IllegalArgumentException("Malformed result metadata: no query id");
        }
        if (updateType.isEmpty()) {
            updateCount = OptionalLong.empty();
        }
        return new ResultMetadata(id, updateType, updateCount, columns);
    }

    private static ResultColumn decodeColumn(Reader reader)
    {
        String catalog = "";
        String name = "";
        String label = null;
        String type = "";
        int precision = 0;
        int scale = 0;
        int nullable = ResultColumn.NULLABLE_UNKNOWN;
        boolean caseSensitive = false;
        while (reader.hasMore()) {
            long tag = reader.varint();
            int field = (int) (tag >>> 3);
            int wireType = (int) (tag & 7);
            switch (field) {
                case COLUMN_CATALOG -> catalog = reader.string(wireType);
                case COLUMN_NAME -> name = reader.string(wireType);
                case COLUMN_LABEL -> label = reader.string(wireType);
                case COLUMN_TYPE -> type = reader.string(wireType);
                case COLUMN_PRECISION -> precision = (int) reader.varint(wireType);
                case COLUMN_SCALE -> scale = (int) reader.varint(wireType);
                case COLUMN_NULLABLE -> nullable = (int) reader.varint(wireType);
                case COLUMN_CASE_SENSITIVE -> caseSensitive = reader.varint(wireType) != 0;
                default -> reader.skip(wireType);
            }
        }
        return new ResultColumn(catalog, name, label == null ? name : label, type, precision, scale, nullable, caseSensitive);
    }

    /** Writes and commits the metadata object. */
    public static void write(ObjectStore store, S3Location location, ResultMetadata metadata)
            throws IOException
    {
        byte[] bytes = encode(metadata);
        try (PendingObject out = store.create(location)) {
            out.write(bytes);
            out.commit();
        }
    }

    public static ResultMetadata read(ObjectStore store, S3Location location)
            throws IOException
    {
        byte[] bytes;
        try (InputStream in = store.open(location, 0)) {
            bytes = in.readAllBytes();
        }
        try {
            return decode(bytes);
        }
        catch (IllegalArgumentException e) {
            throw new IOException("Cannot read result metadata " + location + ": " + e.getMessage(), e);
        }
    }

    private record Presence(boolean precision, boolean scale, boolean caseSensitive)
    {
        private static final Presence ALL = new Presence(true, true, true);
        private static final Presence SCALE_AND_CASE = new Presence(false, true, true);
        private static final Presence CASE_ONLY = new Presence(false, false, true);
        private static final Presence NONE = new Presence(false, false, false);

        static Presence of(String type)
        {
            return switch (type) {
                case "tinyint", "smallint", "integer", "bigint", "float", "real", "double", "decimal",
                     "char", "varchar", "varbinary",
                     "time", "time with time zone", "timestamp", "timestamp with time zone" -> ALL;
                case "date" -> SCALE_AND_CASE;
                case "boolean", "interval day to second", "interval year to month" -> CASE_ONLY;
                default -> NONE;
            };
        }
    }

    private static void writeTag(ByteArrayOutputStream out, int field, int wireType)
    {
        writeVarint(out, ((long) field << 3) | wireType);
    }

    private static void writeVarintField(ByteArrayOutputStream out, int field, long value)
    {
        writeTag(out, field, WIRE_VARINT);
        writeVarint(out, value);
    }

    private static void writeString(ByteArrayOutputStream out, int field, String value)
    {
        writeBytes(out, field, value.getBytes(UTF_8));
    }

    private static void writeBytes(ByteArrayOutputStream out, int field, byte[] value)
    {
        writeTag(out, field, WIRE_LENGTH_DELIMITED);
        writeVarint(out, value.length);
        out.write(value, 0, value.length);
    }

    private static void writeVarint(ByteArrayOutputStream out, long value)
    {
        while ((value & ~0x7FL) != 0) {
            out.write((int) ((value & 0x7F) | 0x80));
            value >>>= 7;
        }
        out.write((int) value);
    }

    private static final class Reader
    {
        private final byte[] bytes;
        private final int end;
        private int position;

        Reader(byte[] bytes, int start, int end)
        {
            this.bytes = bytes;
            this.position = start;
            this.end = end;
        }

        boolean hasMore()
        {
            return position < end;
        }

        long varint()
        {
            long result = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                if (position >= end) {
                    throw malformed("truncated varint");
                }
                byte b = bytes[position++];
                result |= (long) (b & 0x7F) << shift;
                if ((b & 0x80) == 0) {
                    return result;
                }
            }
            throw malformed("varint too long");
        }

        long varint(int wireType)
        {
            expect(wireType, WIRE_VARINT);
            return varint();
        }

        String string(int wireType)
        {
            int length = length(wireType);
            String value = new String(bytes, position, length, UTF_8);
            position += length;
            return value;
        }

        Reader message(int wireType)
        {
            int length = length(wireType);
            Reader message = new Reader(bytes, position, position + length);
            position += length;
            return message;
        }

        void skip(int wireType)
        {
            switch (wireType) {
                case WIRE_VARINT -> varint();
                case WIRE_FIXED64 -> advance(8);
                case WIRE_LENGTH_DELIMITED -> advance(length(wireType));
                case WIRE_FIXED32 -> advance(4);
                default -> throw malformed("unsupported wire type " + wireType);
            }
        }

        private int length(int wireType)
        {
            expect(wireType, WIRE_LENGTH_DELIMITED);
            long length = varint();
            if (length < 0 || length > end - position) {
                throw malformed("length out of bounds");
            }
            return (int) length;
        }

        private void advance(int count)
        {
            if (count > end - position) {
                throw malformed("truncated field");
            }
            position += count;
        }

        private static void expect(int wireType, int expected)
        {
            if (wireType != expected) {
                throw malformed("wire type %s where %s was expected".formatted(wireType, expected));
            }
        }

        private static IllegalArgumentException malformed(String reason)
        {
            return new IllegalArgumentException("Malformed result metadata: " + reason);
        }
    }
}
