package io.pallas.server.store;

import io.pallas.core.query.QueryExecution;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Run in a child JVM by the crash test: inserts and updates numbered executions and reports each write on stdout
 * only after the store returned, until it is killed.
 */
public final class MetadataStoreCrashWriter
{
    private MetadataStoreCrashWriter() {}

    public static void main(String[] args)
    {
        Path databaseFile = Path.of(args[0]);
        // the parent kills this process; the deadline only stops an orphan
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        SqliteMetadataStore store = new SqliteMetadataStore(databaseFile, Durability.PROCESS_CRASH);
        System.out.println("open");
        System.out.flush();
        for (int i = 0; System.nanoTime() < deadline; i++) {
            QueryExecution execution = TestingExecutions.numbered(i);
            store.insertExecution(execution, i, "token-" + i, "fingerprint-" + i);
            System.out.println("inserted " + i);
            System.out.flush();
            if (i % 3 == 0) {
                store.updateExecution(execution.running(execution.submissionDateTime().plusMillis(1)));
                System.out.println("updated " + i);
                System.out.flush();
            }
        }
        store.close();
    }
}
