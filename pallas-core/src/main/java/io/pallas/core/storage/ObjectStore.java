package io.pallas.core.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Optional;

/**
 * Where result objects (and later table data) live, addressed by {@link S3Location}.
 *
 * <p>Semantics every implementation keeps:
 * <ul>
 * <li>Writes are atomic: nothing is visible at a location until {@link PendingObject#commit()} returns, and then the
 *     whole object is; closing a pending object without committing discards it. A commit replaces any object at
 *     the same location.</li>
 * <li>Reads of a missing object throw {@link java.nio.file.NoSuchFileException} naming the location.</li>
 * <li>Locations that cannot be stored safely (a key that escapes the store's root, say) are refused with
 *     {@link IllegalArgumentException} before anything is written.</li>
 * </ul>
 */
public interface ObjectStore
{
    /** Starts writing a new object; buckets are created as needed. */
    PendingObject create(S3Location location)
            throws IOException;

    /** Reads an object from byte {@code offset} to its end. */
    InputStream open(S3Location location, long offset)
            throws IOException;

    /**
     * Reads at most {@code length} bytes of an object from byte {@code offset}; fewer where the object ends first.
     * Stores that can ask for a byte range (S3's {@code Range} header) transfer no more than that. With an
     * {@code eTag}, stores that keep entity tags fail the read with an {@link IOException} when the object's is
     * another by now (S3's {@code If-Match}), so that ranges read one by one come from one version of the object.
     */
    default InputStream open(S3Location location, long offset, long length, Optional<String> eTag)
            throws IOException
    {
        if (length < 0) {
            throw new IllegalArgumentException("Negative length %s for %s".formatted(length, location));
        }
        InputStream in = open(location, offset);
        return new java.io.FilterInputStream(in)
        {
            private long left = length;

            @Override
            public int read()
                    throws IOException
            {
                if (left <= 0) {
                    return -1;
                }
                int value = super.read();
                if (value >= 0) {
                    left--;
                }
                return value;
            }

            @Override
            public int read(byte[] buffer, int offset, int count)
                    throws IOException
            {
                if (left <= 0) {
                    return -1;
                }
                int read = super.read(buffer, offset, (int) Math.min(count, left));
                if (read > 0) {
                    left -= read;
                }
                return read;
            }

            @Override
            public long skip(long count)
                    throws IOException
            {
                long skipped = super.skip(Math.min(count, left));
                left -= skipped;
                return skipped;
            }

            @Override
            public int available()
                    throws IOException
            {
                return (int) Math.min(super.available(), left);
            }
        };
    }

    /** The object's size in bytes, or empty when there is no object at the location. */
    Optional<Long> size(S3Location location)
            throws IOException;

    /**
     * The objects whose keys start with the prefix's key (a plain string prefix, as in S3), in key order. Nothing
     * under the prefix, or no bucket, is an empty list.
     */
    List<ObjectInfo> list(S3Location prefix)
            throws IOException;

    /**
     * An object as a listing reports it. The entity tag, where the store has one, changes whenever the object's
     * content does; caches of the object key on it.
     */
    record ObjectInfo(S3Location location, long size, Optional<String> eTag)
    {
        public ObjectInfo
        {
            java.util.Objects.requireNonNull(location, "location is null");
            java.util.Objects.requireNonNull(eTag, "eTag is null");
        }

        public ObjectInfo(S3Location location, long size)
        {
            this(location, size, Optional.empty());
        }
    }

    /** Deletes the object; a missing object is not an error. */
    void delete(S3Location location)
            throws IOException;

    /** An object being written. */
    abstract class PendingObject
            extends OutputStream
    {
        /** Makes the written bytes visible at the location, atomically. */
        public abstract void commit()
                throws IOException;
    }
}
