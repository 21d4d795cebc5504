package io.pallas.server.results;

import io.pallas.core.engine.ResultSink;
import io.pallas.core.storage.ObjectStore;
import io.pallas.core.storage.ObjectStore.PendingObject;
import io.pallas.core.storage.S3Location;
import io.pallas.core.type.Column;
import io.pallas.core.type.SqlType;
import io.pallas.sql.render.AthenaValueRenderer;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import static java.util.Objects.requireNonNull;

/**
 * Streams a result into its object ({@code <id>.csv} or {@code <id>.txt}) and, on commit, writes the companion
 * {@code .metadata} the statement has, if any ({@link ResultCompanion}). Rows are encoded straight into a byte
 * buffer, so memory stays flat whatever the row count.
 */
public final class ResultWriter
        implements ResultSink, AutoCloseable
{
    private static final int BUFFER_SIZE = 64 * 1024;
    // the longest encoding of one char, a '"' doubled or half of a surrogate pair
    private static final int MAX_BYTES_PER_CHAR = 4;

    private final ObjectStore store;
    private final S3Location location;
    private final ResultFormat format;
    private final String metadataId;
    private final ResultCompanion companion;
    private final PendingObject out;

    private final byte[] buffer = new byte[BUFFER_SIZE];
    private int position;
    private final StringBuilder text = new StringBuilder(64);
    private char[] chars = new char[64];

    private List<Column> columns;
    private SqlType[] types;
    private long rowCount;
    private long bytesWritten;
    private Optional<String> updateType = Optional.empty();
    private OptionalLong updateCount = OptionalLong.empty();
    private boolean finished;

    public ResultWriter(ObjectStore store, S3Location location, ResultFormat format, String metadataId, ResultCompanion companion)
            throws IOException
    {
        this.store = requireNonNull(store, "store is null");
        this.location = requireNonNull(location, "location is null");
        this.format = requireNonNull(format, "format is null");
        this.metadataId = requireNonNull(metadataId, "metadataId is null");
        this.companion = requireNonNull(companion, "companion is null");
        this.out = store.create(location);
    }

    /** Records Trino's update type (and count) for the {@code .metadata} of DML-like statements. */
    public void updateType(String type, OptionalLong count)
    {
        updateType = Optional.of(requireNonNull(type, "type is null"));
        updateCount = requireNonNull(count, "count is null");
    }

    @Override
    public void columns(List<Column> columns)
            throws IOException
    {
        checkOpen();
        if (this.columns != null) {
            throw new IllegalStateException("columns already set for " + location);
        }
        this.columns = List.copyOf(columns);
        this.types = this.columns.stream().map(Column::type).toArray(SqlType[]::new);
        if (format == ResultFormat.CSV) {
            for (int i = 0; i < this.columns.size(); i++) {
                if (i > 0) {
                    put((byte) ',');
                }
                text.setLength(0);
                text.append(this.columns.get(i).name());
                putQuoted();
            }
            put((byte) '\n');
        }
    }

    @Override
    public void row(Object[] values)
            throws IOException
    {
        checkOpen();
        if (types == null) {
            throw new IllegalStateException("row before columns for " + location);
        }
        if (values.length != types.length) {
            throw new IllegalArgumentException("Row has %d values, result has %d columns".formatted(values.length, types.length));
        }
        if (format == ResultFormat.CSV) {
            for (int i = 0; i < values.length; i++) {
                if (i > 0) {
                    put((byte) ',');
                }
                text.setLength(0);
                if (AthenaValueRenderer.appendTo(text, types[i], values[i])) {
                    putQuoted();
                }
            }
            put((byte) '\n');
        }
        else {
            if (rowCount > 0) {
                put((byte) '\n');
            }
            for (int i = 0; i < values.length; i++) {
                if (i > 0) {
                    put((byte) '\t');
                }
                text.setLength(0);
                if (AthenaValueRenderer.appendTo(text, types[i], values[i])) {
                    putText(false);
                }
            }
        }
        rowCount++;
    }

    /**
     * Makes the result object visible, then its {@code .metadata} (if the statement has one). A CSV result needs
     * its columns; a TXT result without them is a column-less statement (0 bytes).
     */
    public ResultSummary commit()
            throws IOException
    {
        checkOpen();
        if (columns == null) {
            if (format == ResultFormat.CSV) {
                throw new IllegalStateException("CSV result without columns: " + location);
            }
            columns = List.of();
        }
        finished = true;
        try {
            flushBuffer();
            out.commit();
        }
        finally {
            out.close();
        }
        ResultSummary summary = new ResultSummary(columns, rowCount, bytesWritten);
        if (companion == ResultCompanion.NONE) {
            return summary;
        }
        ResultMetadata metadata = companion == ResultCompanion.QUERY_ID
                ? new ResultMetadata(metadataId, Optional.empty(), OptionalLong.empty(), List.of())
                : new ResultMetadata(metadataId, updateType, updateCount, columns.stream().map(ResultColumn::of).toList());
        try {
            ResultMetadataCodec.write(store, ResultFormat.metadataLocation(location), metadata);
        }
        catch (IOException | RuntimeException e) {
            // a result without its metadata would be served without column info
            try {
                store.delete(location);
            }
            catch (IOException | RuntimeException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
        return summary;
    }

    /** Discards everything unless {@link #commit()} succeeded. */
    @Override
    public void close()
            throws IOException
    {
        if (!finished) {
            finished = true;
            out.close();
        }
    }

    private void checkOpen()
    {
        if (finished) {
            throw new IllegalStateException("Result already committed or closed: " + location);
        }
    }

    private void putQuoted()
            throws IOException
    {
        put((byte) '"');
        putText(true);
        put((byte) '"');
    }

    private void putText(boolean doubleQuotes)
            throws IOException
    {
        int length = text.length();
        if (chars.length < length) {
            chars = new char[Math.max(length, chars.length * 2)];
        }
        text.getChars(0, length, chars, 0);
        byte[] buffer = this.buffer;
        int position = this.position;
        int start = 0;
        if (length * 2 <= BUFFER_SIZE - position) {
            // fast path for plain ASCII, which most values are: no flush check per character (a doubled '"' takes two bytes)
            while (start < length) {
                char c = chars[start];
                if (c >= 0x80) {
                    break;
                }
                buffer[position++] = (byte) c;
                if (c == '"' && doubleQuotes) {
                    buffer[position++] = '"';
                }
                start++;
            }
        }
        for (int i = start; i < length; i++) {
            if (position > BUFFER_SIZE - MAX_BYTES_PER_CHAR) {
                this.position = position;
                flushBuffer();
                position = 0;
            }
            char c = chars[i];
            if (c < 0x80) {
                buffer[position++] = (byte) c;
                if (c == '"' && doubleQuotes) {
                    buffer[position++] = '"';
                }
            }
            else if (c < 0x800) {
                buffer[position++] = (byte) (0xC0 | (c >> 6));
                buffer[position++] = (byte) (0x80 | (c & 0x3F));
            }
            else if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(chars[i + 1])) {
                int codePoint = Character.toCodePoint(c, chars[++i]);
                buffer[position++] = (byte) (0xF0 | (codePoint >> 18));
                buffer[position++] = (byte) (0x80 | ((codePoint >> 12) & 0x3F));
                buffer[position++] = (byte) (0x80 | ((codePoint >> 6) & 0x3F));
                buffer[position++] = (byte) (0x80 | (codePoint & 0x3F));
            }
            else if (Character.isSurrogate(c)) {
                // an unpaired surrogate has no UTF-8 form; String.getBytes writes '?' too
                buffer[position++] = '?';
            }
            else {
                buffer[position++] = (byte) (0xE0 | (c >> 12));
                buffer[position++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                buffer[position++] = (byte) (0x80 | (c & 0x3F));
            }
        }
        this.position = position;
    }

    private void put(byte b)
            throws IOException
    {
        if (position == BUFFER_SIZE) {
            flushBuffer();
        }
        buffer[position++] = b;
    }

    private void flushBuffer()
            throws IOException
    {
        if (position > 0) {
            out.write(buffer, 0, position);
            bytesWritten += position;
            position = 0;
        }
    }
}
