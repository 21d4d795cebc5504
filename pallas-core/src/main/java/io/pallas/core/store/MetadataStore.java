package io.pallas.core.store;

import io.pallas.core.query.NamedQuery;
import io.pallas.core.query.PreparedStatement;
import io.pallas.core.query.QueryExecution;
import io.pallas.core.query.WorkGroup;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Durable metadata: query executions, the ClientRequestTokens that created them, and workgroups. The server keeps
 * a copy in memory and serves reads from it; this store is what survives a restart.
 *
 * <p>Every write method returns only once the change is durable to the degree the implementation documents (at
 * least: it survives a crash of the server process). Writes are atomic: after a crash a change is either wholly
 * there or wholly absent. Implementations are safe for concurrent use.
 */
public interface MetadataStore
        extends AutoCloseable
{
    /**
     * Records a new execution and the token that created it, atomically.
     *
     * @param tokenFingerprint the request parameters a replay of the token must match (opaque to the store)
     * @throws DuplicateTokenException when the token is already recorded (the existing execution id is in it)
     */
    void insertExecution(QueryExecution execution, long sequence, String clientRequestToken, String tokenFingerprint);

    /** Replaces the stored snapshot of an existing execution (same id); a missing execution is not an error. */
    void updateExecution(QueryExecution execution);

    /** Every stored execution with its token, oldest first (by sequence). */
    List<StoredExecution> loadExecutions();

    /** Removes executions submitted before {@code cutoff}, with their tokens; returns how many were removed. */
    int deleteExecutionsSubmittedBefore(Instant cutoff);

    void putWorkGroup(WorkGroup workGroup);

    Optional<WorkGroup> getWorkGroup(String name);

    /** All workgroups in name order. */
    List<WorkGroup> loadWorkGroups();

    /**
     * Deletes the workgroup with its prepared statements, named queries and query executions (with the tokens
     * that started them), in one transaction, so that a new workgroup of the same name starts empty. Returns false
     * when there was no such workgroup.
     */
    boolean deleteWorkGroup(String name);

    /** Creates or replaces the prepared statement of that name in that workgroup. */
    void putPreparedStatement(PreparedStatement statement);

    Optional<PreparedStatement> getPreparedStatement(String workGroup, String name);

    /** A workgroup's prepared statements in name order. */
    List<PreparedStatement> listPreparedStatements(String workGroup);

    /** Returns false when there was no such statement. */
    boolean deletePreparedStatement(String workGroup, String name);

    /**
     * Records a new named query and the token that created it, atomically; a known token raises
     * {@link DuplicateTokenException} with the existing id.
     */
    void insertNamedQuery(NamedQuery query, String clientRequestToken, String tokenFingerprint);

    /** The named query a token created, with the fingerprint of the request that created it. */
    Optional<Map.Entry<String, String>> namedQueryForToken(String clientRequestToken);

    void replaceNamedQuery(NamedQuery query);

    Optional<NamedQuery> getNamedQuery(String namedQueryId);

    /** A workgroup's named queries, oldest first. */
    List<NamedQuery> listNamedQueries(String workGroup);

    /** Returns false when there was no such query. */
    boolean deleteNamedQuery(String namedQueryId);

    @Override
    void close();

    /** A stored execution with the token that created it and its submission sequence number. */
    record StoredExecution(QueryExecution execution, long sequence, String clientRequestToken, String tokenFingerprint) {}

    /** A token that already created an execution. */
    final class DuplicateTokenException
            extends RuntimeException
    {
        private final String queryExecutionId;

        public DuplicateTokenException(String clientRequestToken, String queryExecutionId)
        {
            super("ClientRequestToken " + clientRequestToken + " already created execution " + queryExecutionId);
            this.queryExecutionId = queryExecutionId;
        }

        public String queryExecutionId()
        {
            return queryExecutionId;
        }
    }
}
