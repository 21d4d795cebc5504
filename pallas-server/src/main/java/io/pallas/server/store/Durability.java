package io.pallas.server.store;

/**
 * How far a committed write of the SQLite metadata store is guaranteed to survive. Both settings use the write-ahead
 * log, so a write is atomic in every case: after any crash a change is wholly there or wholly absent, and the
 * database is never corrupt.
 */
public enum Durability
{
    /**
     * WAL with {@code synchronous=NORMAL}: a write returns once it is in the operating system's page cache. It
     * survives a crash or kill of the server process; on power loss or a kernel crash the most recent commits (those
     * since the last WAL checkpoint) may be lost, but the database stays consistent.
     */
    PROCESS_CRASH("NORMAL"),

    /**
     * WAL with {@code synchronous=FULL}: a write returns only after the WAL has been fsync'd, so it also survives
     * power loss and kernel crashes, provided the storage honours fsync.
     */
    POWER_LOSS("FULL");

    private final String synchronous;

    Durability(String synchronous)
    {
        this.synchronous = synchronous;
    }

    /** The value of SQLite's {@code PRAGMA synchronous} for this setting. */
    String synchronousPragma()
    {
        return synchronous;
    }
}
