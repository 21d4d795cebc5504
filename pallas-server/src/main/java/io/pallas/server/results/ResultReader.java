package io.pallas.server.results;

import io.pallas.core.storage.ObjectStore;
import io.pallas.core.storage.S3Location;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

/**
 * Serves GetQueryResults pages from a stored result object. A next token carries the byte offset of the next row,
 * so each page starts reading where the previous one stopped; the token is authenticated with the query id, so
 * a token from another query, or an edited one, is refused.
 */
public final class ResultReader
{
    // tokens are integrity-checked, not secret: forging one would only let a caller read its own result from an odd offset
    private static final byte[] DEFAULT_TOKEN_KEY = "pallas GetQueryResults next token v1".getBytes(UTF_8);
    private static final String MAC_ALGORITHM = "HmacSHA256";
    private static final byte TOKEN_VERSION = 1;
    private static final int MAC_LENGTH = 16;
    private static final int TOKEN_LENGTH = 1 + Long.BYTES + Long.BYTES + MAC_LENGTH;
    private static final int BUFFER_SIZE = 64 * 1024;

    private final ObjectStore store;
    private final SecretKeySpec tokenKey;

    public ResultReader(ObjectStore store)
    {
        this(store, DEFAULT_TOKEN_KEY);
    }

    public ResultReader(ObjectStore store, byte[] tokenKey)
    {
        this.store = requireNonNull(store, "store is null");
        requireNonNull(tokenKey, "tokenKey is null");
        this.tokenKey = new SecretKeySpec(tokenKey.clone(), MAC_ALGORITHM);
    }

    /**
     * Reads up to {@code maxResults} rows. CSV: every line is a row, the header being row 0 of the first page.
     * TXT: every line is a one-value row, and an empty object has none.
     *
     * @throws MalformedNextTokenException when {@code nextToken} was not issued for this query's result
     */
    public ResultPage readPage(S3Location object, ResultFormat format, String queryExecutionId, Optional<String> nextToken, int maxResults)
            throws IOException
    {
        requireNonNull(object, "object is null");
        requireNonNull(format, "format is null");
        requireNonNull(queryExecutionId, "queryExecutionId is null");
        if (maxResults < 1) {
            throw new IllegalArgumentException("maxResults must be positive: " + maxResults);
        }
        long offset = 0;
        long firstRow = 0;
        if (nextToken.isPresent()) {
            Position position = decodeToken(nextToken.get(), format, queryExecutionId);
            offset = position.offset();
            firstRow = position.row();
        }

        try (InputStream in = store.open(object, offset == 0 ? 0 : offset - 1)) {
            Source source = new Source(in, offset == 0 ? 0 : offset - 1);
            // a token always points just past a line break; anything else was not written by us
            if (offset > 0 && source.read() != '\n') {
                throw new MalformedNextTokenException(nextToken.orElseThrow());
            }
            List<List<String>> rows = new ArrayList<>(Math.min(maxResults, 1024));
            boolean more;
            if (format == ResultFormat.CSV) {
                more = source.peek() >= 0;
                while (more && rows.size() < maxResults) {
                    rows.add(source.csvRow());
                    more = source.peek() >= 0;
                }
            }
            else {
                // the text after the last line break is a row, even when empty
                more = offset > 0 || source.peek() >= 0;
                while (more && rows.size() < maxResults) {
                    rows.add(List.of(source.line()));
                    more = source.lastLineTerminated;
                }
            }
            Optional<String> token = Optional.empty();
            if (more) {
                token = Optional.of(encodeToken(new Position(source.position, firstRow + rows.size()), format, queryExecutionId));
            }
            return new ResultPage(rows, token);
        }
    }

    private record Position(long offset, long row) {}

    private String encodeToken(Position position, ResultFormat format, String queryExecutionId)
    {
        ByteBuffer token = ByteBuffer.allocate(TOKEN_LENGTH);
        token.put(TOKEN_VERSION).putLong(position.offset()).putLong(position.row());
        token.put(mac(token.array(), format, queryExecutionId));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(token.array());
    }

    private Position decodeToken(String token, ResultFormat format, String queryExecutionId)
    {
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(token);
        }
        catch (IllegalArgumentException e) {
            throw new MalformedNextTokenException(token);
        }
        if (bytes.length != TOKEN_LENGTH || bytes[0] != TOKEN_VERSION) {
            throw new MalformedNextTokenException(token);
        }
        byte[] expected = mac(bytes, format, queryExecutionId);
        if (!MessageDigest.isEqual(expected, Arrays.copyOfRange(bytes, TOKEN_LENGTH - MAC_LENGTH, TOKEN_LENGTH))) {
            throw new MalformedNextTokenException(token);
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes, 1, 2 * Long.BYTES);
        Position position = new Position(buffer.getLong(), buffer.getLong());
        if (position.offset() <= 0 || position.row() <= 0) {
            throw new MalformedNextTokenException(token);
        }
        return position;
    }

    private byte[] mac(byte[] token, ResultFormat format, String queryExecutionId)
    {
        try {
            Mac mac = Mac.getInstance(MAC_ALGORITHM);
            mac.init(tokenKey);
            mac.update(token, 0, TOKEN_LENGTH - MAC_LENGTH);
            mac.update((byte) format.ordinal());
            mac.update(queryExecutionId.getBytes(UTF_8));
            return Arrays.copyOf(mac.doFinal(), MAC_LENGTH);
        }
        catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A byte-level reader that knows the absolute offset of the next unread byte. */
    private static final class Source
    {
        private final InputStream in;
        private final byte[] buffer = new byte[BUFFER_SIZE];
        private int next;
        private int limit;
        private long position;
        private byte[] field = new byte[256];
        private int fieldLength;
        private boolean lastLineTerminated;

        Source(InputStream in, long position)
        {
            this.in = in;
            this.position = position;
        }

        int peek()
                throws IOException
        {
            if (next == limit && !fill()) {
                return -1;
            }
            return buffer[next] & 0xFF;
        }

        int read()
                throws IOException
        {
            if (next == limit && !fill()) {
                return -1;
            }
            position++;
            return buffer[next++] & 0xFF;
        }

        private boolean fill()
                throws IOException
        {
            int count = in.read(buffer, 0, buffer.length);
            while (count == 0) {
                count = in.read(buffer, 0, buffer.length);
            }
            if (count < 0) {
                return false;
            }
            next = 0;
            limit = count;
            return true;
        }

        /** One CSV record: quoted fields are values, an empty unquoted field is NULL. */
        List<String> csvRow()
                throws IOException
        {
            List<String> row = new ArrayList<>();
            while (true) {
                fieldLength = 0;
                boolean quoted = peek() == '"';
                if (quoted) {
                    read();
                    while (true) {
                        int b = read();
                        if (b < 0) {
                            break;
                        }
                        if (b == '"') {
                            if (peek() != '"') {
                                break;
                            }
                            read();
                        }
                        append(b);
                    }
                }
                int terminator;
                while (true) {
                    terminator = read();
                    if (terminator < 0 || terminator == ',' || terminator == '\n') {
                        break;
                    }
                    // bytes outside quotes do not occur in files we write; keep them rather than lose them
                    append(terminator);
                }
                row.add(!quoted && fieldLength == 0 ? null : new String(field, 0, fieldLength, UTF_8));
                if (terminator != ',') {
                    return row;
                }
            }
        }

        /** One TXT line, without its line break. */
        String line()
                throws IOException
        {
            fieldLength = 0;
            while (true) {
                int b = read();
                if (b < 0 || b == '\n') {
                    lastLineTerminated = b == '\n';
                    return new String(field, 0, fieldLength, UTF_8);
                }
                append(b);
            }
        }

        private void append(int b)
        {
            if (fieldLength == field.length) {
                field = Arrays.copyOf(field, field.length * 2);
            }
            field[fieldLength++] = (byte) b;
        }
    }
}
