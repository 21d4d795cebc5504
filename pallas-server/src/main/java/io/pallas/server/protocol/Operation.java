package io.pallas.server.protocol;

/** One Athena operation: reads its request members and returns the response object to serialise. */
@FunctionalInterface
public interface Operation
{
    Object handle(WireObject request);
}
