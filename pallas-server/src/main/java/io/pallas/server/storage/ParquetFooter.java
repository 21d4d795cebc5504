package io.pallas.server.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

/**
 * Where the bytes of each column chunk of a Parquet file lie, read from its footer: the Thrift compact encoding of
 * {@code FileMetaData}, of which only the row groups' column chunks are decoded and everything else is skipped.
 *
 * <p>A file is laid out as {@code PAR1}, the column chunks, optional page indexes and bloom filters, the footer,
 * its length as a 4-byte little-endian integer and {@code PAR1} again.
 */
public record ParquetFooter(long fileSize, long footerStart, List<ColumnChunk> chunks)
{
    /** {@code PAR1}, at both ends of a Parquet file with a plain footer. */
    public static final int MAGIC_LENGTH = 4;
    /** The footer length and the trailing magic. */
    public static final int TRAILER_LENGTH = 8;

    private static final byte[] MAGIC = "PAR1".getBytes(UTF_8);

    public ParquetFooter
    {
        chunks = List.copyOf(chunks);
    }

    /**
     * One column chunk: the top-level column it belongs to (the first element of its {@code path_in_schema}, as the
     * file spells it), and the byte ranges a reader of that column may touch: its pages, and its page indexes and
     * bloom filter where the file has them.
     */
    public record ColumnChunk(String column, List<ByteRange> ranges)
    {
        public ColumnChunk
        {
            requireNonNull(column, "column is null");
            ranges = List.copyOf(ranges);
        }
    }

    /** The bytes {@code [start, end)} of a file. */
    public record ByteRange(long start, long end)
    {
        public ByteRange
        {
            if (start < 0 || end < start) {
                throw new IllegalArgumentException("Invalid byte range [" + start + ", " + end + ")");
            }
        }

        public long length()
        {
            return end - start;
        }
    }

    /**
     * The length of the footer, from the last 8 bytes of the file; empty when they do not end in {@code PAR1} (not
     * Parquet, or a footer that is encrypted, which ends in {@code PARE}).
     */
    public static Optional<Integer> footerLength(byte[] trailer)
    {
        if (trailer.length != TRAILER_LENGTH) {
            throw new IllegalArgumentException("A Parquet trailer has 8 bytes, not " + trailer.length);
        }
        for (int i = 0; i < MAGIC_LENGTH; i++) {
            if (trailer[MAGIC_LENGTH + i] != MAGIC[i]) {
                return Optional.empty();
            }
        }
        int length = ByteBuffer.wrap(trailer, 0, MAGIC_LENGTH).order(ByteOrder.LITTLE_ENDIAN).getInt();
        return length < 0 ? Optional.empty() : Optional.of(length);
    }

    /**
     * Decodes a footer (the {@code FileMetaData} bytes, without the trailer) of a file of {@code fileSize} bytes.
     * Empty when the file's chunks cannot be located from it: a chunk kept in another file, a bloom filter of
     * unknown length, ranges outside the file.
     */
    public static Optional<ParquetFooter> parse(byte[] footer, long fileSize)
            throws IOException
    {
        long footerStart = fileSize - TRAILER_LENGTH - footer.length;
        if (footerStart < MAGIC_LENGTH) {
            throw new IOException("Parquet footer of " + footer.length + " bytes does not fit a file of " + fileSize + " bytes");
        }
        List<ColumnChunk> chunks = new ArrayList<>();
        try {
            CompactReader reader = new CompactReader(footer);
            // FileMetaData
            for (int field = reader.fieldHeader(); field != STOP; field = reader.fieldHeader()) {
                if (reader.fieldId == 4 && field == LIST) {
                    int rowGroups = reader.listHeader();
                    for (int i = 0; i < rowGroups; i++) {
                        if (!readRowGroup(reader, chunks)) {
                            return Optional.empty();
                        }
                    }
                }
                else {
                    reader.skip(field);
                }
            }
        }
        catch (IndexOutOfBoundsException | IllegalStateException e) {
            throw new IOException("Parquet footer is not valid Thrift: " + e.getMessage(), e);
        }
        for (ColumnChunk chunk : chunks) {
            for (ByteRange range : chunk.ranges()) {
                if (range.start() < MAGIC_LENGTH || range.end() > footerStart) {
                    return Optional.empty();
                }
            }
        }
        return Optional.of(new ParquetFooter(fileSize, footerStart, chunks));
    }

    /** RowGroup: its field 1 is the list of column chunks. */
    private static boolean readRowGroup(CompactReader reader, List<ColumnChunk> chunks)
    {
        reader.structStart();
        try {
            for (int field = reader.fieldHeader(); field != STOP; field = reader.fieldHeader()) {
                if (reader.fieldId == 1 && field == LIST) {
                    int columns = reader.listHeader();
                    for (int i = 0; i < columns; i++) {
                        Optional<ColumnChunk> chunk = readColumnChunk(reader);
                        if (chunk.isEmpty()) {
                            return false;
                        }
                        chunks.add(chunk.get());
                    }
                }
                else {
                    reader.skip(field);
                }
            }
        }
        finally {
            reader.structEnd();
        }
        return true;
    }

    /** ColumnChunk, with its ColumnMetaData (field 3) and the page index locations (fields 4 to 7). */
    private static Optional<ColumnChunk> readColumnChunk(CompactReader reader)
    {
        reader.structStart();
        boolean external = false;
        boolean hasMetadata = false;
        String column = "";
        long dataPageOffset = -1;
        long dictionaryPageOffset = -1;
        long indexPageOffset = -1;
        long compressedSize = -1;
        long bloomFilterOffset = -1;
        long bloomFilterLength = -1;
        long offsetIndexOffset = -1;
        long offsetIndexLength = -1;
        long columnIndexOffset = -1;
        long columnIndexLength = -1;
        try {
            for (int field = reader.fieldHeader(); field != STOP; field = reader.fieldHeader()) {
                switch (reader.fieldId) {
                    case 1 -> {
                        external = true;
                        reader.skip(field);
                    }
                    case 3 -> {
                        hasMetadata = true;
                        reader.structStart();
                        try {
                            for (int inner = reader.fieldHeader(); inner != STOP; inner = reader.fieldHeader()) {
                                switch (reader.fieldId) {
                                    case 3 -> {
                                        int parts = reader.listHeader();
                                        for (int i = 0; i < parts; i++) {
                                            String part = reader.string();
                                            if (i == 0) {
                                                column = part;
                                            }
                                        }
                                    }
                                    case 7 -> compressedSize = reader.integer();
                                    case 9 -> dataPageOffset = reader.integer();
                                    case 10 -> indexPageOffset = reader.integer();
                                    case 11 -> dictionaryPageOffset = reader.integer();
                                    case 14 -> bloomFilterOffset = reader.integer();
                                    case 15 -> bloomFilterLength = reader.integer();
                                    default -> reader.skip(inner);
                                }
                            }
                        }
                        finally {
                            reader.structEnd();
                        }
                    }
                    case 4 -> offsetIndexOffset = reader.integer();
                    case 5 -> offsetIndexLength = reader.integer();
                    case 6 -> columnIndexOffset = reader.integer();
                    case 7 -> columnIndexLength = reader.integer();
                    default -> reader.skip(field);
                }
            }
        }
        finally {
            reader.structEnd();
        }
        if (external || !hasMetadata || dataPageOffset < 0 || compressedSize < 0 || (bloomFilterOffset >= 0 && bloomFilterLength < 0)) {
            return Optional.empty();
        }
        // some writers put the dictionary or index page before the first data page without saying so elsewhere
        long start = dataPageOffset;
        for (long offset : new long[] {dictionaryPageOffset, indexPageOffset}) {
            if (offset > 0) {
                start = Math.min(start, offset);
            }
        }
        List<ByteRange> ranges = new ArrayList<>();
        ranges.add(new ByteRange(start, start + compressedSize));
        if (bloomFilterOffset >= 0) {
            ranges.add(new ByteRange(bloomFilterOffset, bloomFilterOffset + bloomFilterLength));
        }
        if (offsetIndexOffset >= 0 && offsetIndexLength >= 0) {
            ranges.add(new ByteRange(offsetIndexOffset, offsetIndexOffset + offsetIndexLength));
        }
        if (columnIndexOffset >= 0 && columnIndexLength >= 0) {
            ranges.add(new ByteRange(columnIndexOffset, columnIndexOffset + columnIndexLength));
        }
        return Optional.of(new ColumnChunk(column, ranges));
    }

    private static final int STOP = 0;
    private static final int BOOLEAN_TRUE = 1;
    private static final int BOOLEAN_FALSE = 2;
    private static final int BYTE = 3;
    private static final int I16 = 4;
    private static final int I32 = 5;
    private static final int I64 = 6;
    private static final int DOUBLE = 7;
    private static final int BINARY = 8;
    private static final int LIST = 9;
    private static final int SET = 10;
    private static final int MAP = 11;
    private static final int STRUCT = 12;

    /** The parts of Thrift's compact protocol a footer uses. */
    private static final class CompactReader
    {
        private static final int MAXIMUM_DEPTH = 64;

        private final byte[] bytes;
        private int position;
        private final int[] lastFieldIds = new int[MAXIMUM_DEPTH];
        private int depth;
        private int fieldId;

        CompactReader(byte[] bytes)
        {
            this.bytes = bytes;
        }

        void structStart()
        {
            if (depth + 1 >= MAXIMUM_DEPTH) {
                throw new IllegalStateException("structures nest too deeply");
            }
            lastFieldIds[++depth] = 0;
        }

        void structEnd()
        {
            depth--;
        }

        /** The type of the next field of the current structure, whose id is then {@link #fieldId}. */
        int fieldHeader()
        {
            int header = bytes[position++] & 0xff;
            int type = header & 0x0f;
            if (type == STOP) {
                return STOP;
            }
            int delta = header >>> 4;
            fieldId = delta == 0 ? (short) zigzag(varint()) : lastFieldIds[depth] + delta;
            lastFieldIds[depth] = fieldId;
            return type;
        }

        /** The size of a list or set, whose element type is then ignored: the callers know it. */
        int listHeader()
        {
            int header = bytes[position++] & 0xff;
            int size = header >>> 4;
            return size == 15 ? checkedSize(varint()) : size;
        }

        long integer()
        {
            return zigzag(varint());
        }

        String string()
        {
            int length = checkedSize(varint());
            String value = new String(bytes, position, length, UTF_8);
            position += length;
            return value;
        }

        void skip(int type)
        {
            switch (type) {
                case BOOLEAN_TRUE, BOOLEAN_FALSE -> {
                    // a field's value is in its header
                }
                case BYTE -> position++;
                case I16, I32, I64 -> varint();
                case DOUBLE -> position += 8;
                case BINARY -> {
                    // the length first: "position += ..." would add it to the position before the length was read
                    int length = checkedSize(varint());
                    position += length;
                }
                case LIST, SET -> {
                    int header = bytes[position++] & 0xff;
                    int size = header >>> 4 == 15 ? checkedSize(varint()) : header >>> 4;
                    int element = header & 0x0f;
                    for (int i = 0; i < size; i++) {
                        skipElement(element);
                    }
                }
                case MAP -> {
                    int size = checkedSize(varint());
                    if (size > 0) {
                        int types = bytes[position++] & 0xff;
                        for (int i = 0; i < size; i++) {
                            skipElement(types >>> 4);
                            skipElement(types & 0x0f);
                        }
                    }
                }
                case STRUCT -> {
                    structStart();
                    for (int field = fieldHeader(); field != STOP; field = fieldHeader()) {
                        skip(field);
                    }
                    structEnd();
                }
                default -> throw new IllegalStateException("unknown compact type " + type + " at byte " + position);
            }
        }

        /** In a list or map, a boolean takes a byte of its own. */
        private void skipElement(int type)
        {
            if (type == BOOLEAN_TRUE || type == BOOLEAN_FALSE) {
                position++;
            }
            else {
                skip(type);
            }
        }

        private long varint()
        {
            long value = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                int b = bytes[position++] & 0xff;
                value |= (long) (b & 0x7f) << shift;
                if ((b & 0x80) == 0) {
                    return value;
                }
            }
            throw new IllegalStateException("varint longer than 10 bytes at byte " + position);
        }

        private static long zigzag(long value)
        {
            return (value >>> 1) ^ -(value & 1);
        }

        private int checkedSize(long size)
        {
            if (size < 0 || size > bytes.length - position) {
                throw new IllegalStateException("size " + size + " runs past the footer at byte " + position);
            }
            return (int) size;
        }
    }
}
