package io.pallas.server.api;

import io.pallas.core.query.NamedQuery;
import io.pallas.core.query.PreparedStatement;
import io.pallas.core.query.WorkGroup;
import io.pallas.core.store.MetadataStore;
import io.pallas.server.protocol.ApiException;
import io.pallas.server.protocol.Operation;
import io.pallas.server.protocol.PageToken;
import io.pallas.server.protocol.Violations;
import io.pallas.server.protocol.WireObject;
import io.pallas.server.query.WorkGroupRegistry;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * Prepared statements and named queries, both kept per workgroup in the metadata store. The SQL statements
 * PREPARE / EXECUTE / DEALLOCATE PREPARE work on the same prepared statements.
 */
public final class SavedQueryApi
{
    private static final Pattern STATEMENT_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_@:]{1,256}");

    private final MetadataStore store;
    private final WorkGroupRegistry workGroups;
    private final Clock clock;

    public SavedQueryApi(MetadataStore store, WorkGroupRegistry workGroups, Clock clock)
    {
        this.store = requireNonNull(store, "store is null");
        this.workGroups = requireNonNull(workGroups, "workGroups is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    public Map<String, Operation> operations()
    {
        Map<String, Operation> operations = new LinkedHashMap<>();
        operations.put("CreatePreparedStatement", this::createPreparedStatement);
        operations.put("UpdatePreparedStatement", this::updatePreparedStatement);
        operations.put("GetPreparedStatement", this::getPreparedStatement);
        operations.put("DeletePreparedStatement", this::deletePreparedStatement);
        operations.put("ListPreparedStatements", this::listPreparedStatements);
        operations.put("BatchGetPreparedStatement", this::batchGetPreparedStatement);
        operations.put("CreateNamedQuery", this::createNamedQuery);
        operations.put("GetNamedQuery", this::getNamedQuery);
        operations.put("UpdateNamedQuery", this::updateNamedQuery);
        operations.put("DeleteNamedQuery", this::deleteNamedQuery);
        operations.put("ListNamedQueries", this::listNamedQueries);
        operations.put("BatchGetNamedQuery", this::batchGetNamedQuery);
        return operations;
    }

    // ---------------------------------------------------------------- prepared statements

    private record StatementAddress(String workGroup, String name) {}

    private StatementAddress statementAddress(WireObject request, Violations violations)
    {
        Optional<String> name = request.string("StatementName");
        Optional<String> workGroup = request.string("WorkGroup");
        violations.required(request.pathOf("StatementName"), name);
        violations.pattern(request.pathOf("StatementName"), name, STATEMENT_NAME);
        violations.required(request.pathOf("WorkGroup"), workGroup);
        violations.pattern(request.pathOf("WorkGroup"), workGroup, AthenaApi.WORK_GROUP_NAME);
        return new StatementAddress(workGroup.orElse(""), name.orElse(""));
    }

    private Wire.Empty createPreparedStatement(WireObject request)
    {
        return putPreparedStatement(request, false);
    }

    private Wire.Empty updatePreparedStatement(WireObject request)
    {
        return putPreparedStatement(request, true);
    }

    private Wire.Empty putPreparedStatement(WireObject request, boolean update)
    {
        Violations violations = new Violations();
        StatementAddress address = statementAddress(request, violations);
        Optional<String> queryStatement = request.string("QueryStatement");
        Optional<String> description = request.string("Description");
        violations.required(request.pathOf("QueryStatement"), queryStatement);
        violations.length(request.pathOf("QueryStatement"), queryStatement, 1, 262_144);
        violations.length(request.pathOf("Description"), description, 1, 1024);
        violations.check();
        requireWorkGroup(address.workGroup());
        boolean exists = store.getPreparedStatement(address.workGroup(), address.name()).isPresent();
        if (update && !exists) {
            throw statementNotFound(address);
        }
        if (!update && exists) {
            throw ApiException.invalidInput("Prepared statement " + address.name() + " already exists in workgroup " + address.workGroup() + ".");
        }
        store.putPreparedStatement(new PreparedStatement(address.workGroup(), address.name(), queryStatement.orElseThrow(), description, clock.instant()));
        return new Wire.Empty();
    }

    private Wire.GetPreparedStatementResponse getPreparedStatement(WireObject request)
    {
        Violations violations = new Violations();
        StatementAddress address = statementAddress(request, violations);
        violations.check();
        PreparedStatement statement = store.getPreparedStatement(address.workGroup(), address.name()).orElseThrow(() -> statementNotFound(address));
        return new Wire.GetPreparedStatementResponse(preparedStatement(statement));
    }

    private Wire.Empty deletePreparedStatement(WireObject request)
    {
        Violations violations = new Violations();
        StatementAddress address = statementAddress(request, violations);
        violations.check();
        if (!store.deletePreparedStatement(address.workGroup(), address.name())) {
            throw statementNotFound(address);
        }
        return new Wire.Empty();
    }

    private Wire.ListPreparedStatementsResponse listPreparedStatements(WireObject request)
    {
        Optional<String> workGroup = request.string("WorkGroup");
        Optional<String> nextToken = request.string("NextToken");
        Optional<Integer> maxResults = request.integer("MaxResults");
        Violations violations = new Violations();
        violations.required(request.pathOf("WorkGroup"), workGroup);
        violations.pattern(request.pathOf("WorkGroup"), workGroup, AthenaApi.WORK_GROUP_NAME);
        violations.length(request.pathOf("NextToken"), nextToken, 1, 1024);
        violations.range(request.pathOf("MaxResults"), maxResults, 1, 50);
        violations.check();
        requireWorkGroup(workGroup.orElseThrow());
        List<PreparedStatement> statements = store.listPreparedStatements(workGroup.get());
        int from = nextToken.map(token -> PageToken.decode("ps1", token).filter(position -> position.matches("[0-9]{1,9}")).map(Integer::parseInt)
                .orElseThrow(() -> PageToken.malformed(token))).orElse(0);
        int to = Math.min(statements.size(), from + maxResults.orElse(50));
        List<Wire.PreparedStatementSummary> page = statements.subList(Math.min(from, to), to).stream()
                .map(statement -> new Wire.PreparedStatementSummary(statement.name(), statement.lastModifiedTime()))
                .toList();
        return new Wire.ListPreparedStatementsResponse(page, to < statements.size() ? PageToken.encode("ps1", String.valueOf(to)) : null);
    }

    private Wire.BatchGetPreparedStatementResponse batchGetPreparedStatement(WireObject request)
    {
        Optional<List<String>> names = request.stringList("PreparedStatementNames");
        Optional<String> workGroup = request.string("WorkGroup");
        Violations violations = new Violations();
        violations.required(request.pathOf("PreparedStatementNames"), names);
        violations.size(request.pathOf("PreparedStatementNames"), names, 1, 50);
        violations.required(request.pathOf("WorkGroup"), workGroup);
        violations.check();
        List<Wire.PreparedStatement> found = new ArrayList<>();
        List<Wire.UnprocessedPreparedStatementName> missing = new ArrayList<>();
        for (String name : names.orElseThrow()) {
            Optional<PreparedStatement> statement = name == null ? Optional.empty() : store.getPreparedStatement(workGroup.orElseThrow(), name);
            if (statement.isPresent()) {
                found.add(preparedStatement(statement.get()));
            }
            else {
                missing.add(new Wire.UnprocessedPreparedStatementName(name, "STATEMENT_NOT_FOUND", "Prepared statement " + name + " was not found."));
            }
        }
        return new Wire.BatchGetPreparedStatementResponse(found, missing);
    }

    private static Wire.PreparedStatement preparedStatement(PreparedStatement statement)
    {
        return new Wire.PreparedStatement(statement.name(), statement.queryStatement(), statement.workGroup(), statement.description().orElse(null), statement.lastModifiedTime());
    }

    private static ApiException statementNotFound(StatementAddress address)
    {
        return ApiException.resourceNotFound("Prepared statement " + address.name() + " was not found in workgroup " + address.workGroup() + ".", address.name());
    }

    // ---------------------------------------------------------------- named queries

    private Wire.CreateNamedQueryResponse createNamedQuery(WireObject request)
    {
        Optional<String> name = request.string("Name");
        Optional<String> description = request.string("Description");
        Optional<String> database = request.string("Database");
        Optional<String> queryString = request.string("QueryString");
        Optional<String> token = request.string("ClientRequestToken");
        Optional<String> workGroup = request.string("WorkGroup");
        Violations violations = new Violations();
        violations.required(request.pathOf("Name"), name);
        violations.length(request.pathOf("Name"), name, 1, 128);
        violations.length(request.pathOf("Description"), description, 0, 1024);
        violations.required(request.pathOf("Database"), database);
        violations.length(request.pathOf("Database"), database, 1, 255);
        violations.required(request.pathOf("QueryString"), queryString);
        violations.length(request.pathOf("QueryString"), queryString, 1, 262_144);
        violations.length(request.pathOf("ClientRequestToken"), token, 32, 128);
        violations.pattern(request.pathOf("WorkGroup"), workGroup, AthenaApi.WORK_GROUP_NAME);
        violations.check();
        String group = workGroup.orElse(WorkGroup.PRIMARY);
        WorkGroup target = requireWorkGroup(group);
        if (!target.enabled()) {
            throw ApiException.invalidInput("WorkGroup " + group + " is disabled.");
        }
        // the SDKs fill the token in; a caller without one gets a fresh query each time
        String requestToken = token.orElseGet(() -> UUID.randomUUID().toString());
        String fingerprint = String.join("\u0000", name.get(), description.orElse(""), database.get(), queryString.get(), group);
        synchronized (this) {
            Optional<Map.Entry<String, String>> existing = store.namedQueryForToken(requestToken);
            if (existing.isPresent()) {
                if (!existing.get().getValue().equals(fingerprint)) {
                    throw ApiException.invalidRequest(io.pallas.server.protocol.AthenaErrorCode.IDEMPOTENT_PARAMETER_MISMATCH, "Idempotent parameters do not match");
                }
                return new Wire.CreateNamedQueryResponse(existing.get().getKey());
            }
            String id = UUID.randomUUID().toString();
            store.insertNamedQuery(new NamedQuery(id, name.get(), description, database.get(), queryString.get(), group), requestToken, fingerprint);
            return new Wire.CreateNamedQueryResponse(id);
        }
    }

    private Wire.GetNamedQueryResponse getNamedQuery(WireObject request)
    {
        return new Wire.GetNamedQueryResponse(namedQuery(existingNamedQuery(request)));
    }

    private Wire.Empty updateNamedQuery(WireObject request)
    {
        Optional<String> name = request.string("Name");
        Optional<String> description = request.string("Description");
        Optional<String> queryString = request.string("QueryString");
        Violations violations = new Violations();
        violations.required(request.pathOf("Name"), name);
        violations.length(request.pathOf("Name"), name, 1, 128);
        violations.length(request.pathOf("Description"), description, 0, 1024);
        violations.required(request.pathOf("QueryString"), queryString);
        violations.length(request.pathOf("QueryString"), queryString, 1, 262_144);
        NamedQuery query = existingNamedQuery(request);
        violations.check();
        store.replaceNamedQuery(new NamedQuery(query.namedQueryId(), name.orElseThrow(), description, query.database(), queryString.orElseThrow(), query.workGroup()));
        return new Wire.Empty();
    }

    private Wire.Empty deleteNamedQuery(WireObject request)
    {
        String id = namedQueryId(request);
        store.deleteNamedQuery(id);
        return new Wire.Empty();
    }

    private Wire.ListNamedQueriesResponse listNamedQueries(WireObject request)
    {
        Optional<String> workGroup = request.string("WorkGroup");
        Optional<String> nextToken = request.string("NextToken");
        Optional<Integer> maxResults = request.integer("MaxResults");
        Violations violations = new Violations();
        violations.pattern(request.pathOf("WorkGroup"), workGroup, AthenaApi.WORK_GROUP_NAME);
        violations.length(request.pathOf("NextToken"), nextToken, 1, 1024);
        violations.range(request.pathOf("MaxResults"), maxResults, 0, 50);
        violations.check();
        String group = workGroup.orElse(WorkGroup.PRIMARY);
        requireWorkGroup(group);
        List<String> ids = store.listNamedQueries(group).stream().map(NamedQuery::namedQueryId).toList();
        int from = nextToken.map(token -> PageToken.decode("nq1", token).filter(position -> position.matches("[0-9]{1,9}")).map(Integer::parseInt)
                .orElseThrow(() -> PageToken.malformed(token))).orElse(0);
        int to = Math.min(ids.size(), from + maxResults.filter(max -> max > 0).orElse(50));
        return new Wire.ListNamedQueriesResponse(ids.subList(Math.min(from, to), to), to < ids.size() ? PageToken.encode("nq1", String.valueOf(to)) : null);
    }

    private Wire.BatchGetNamedQueryResponse batchGetNamedQuery(WireObject request)
    {
        Optional<List<String>> ids = request.stringList("NamedQueryIds");
        Violations violations = new Violations();
        violations.required(request.pathOf("NamedQueryIds"), ids);
        violations.size(request.pathOf("NamedQueryIds"), ids, 1, 50);
        violations.check();
        List<Wire.NamedQuery> found = new ArrayList<>();
        List<Wire.UnprocessedNamedQueryId> missing = new ArrayList<>();
        for (String id : ids.orElseThrow()) {
            Optional<NamedQuery> query = id == null ? Optional.empty() : store.getNamedQuery(id);
            if (query.isPresent()) {
                found.add(namedQuery(query.get()));
            }
            else {
                missing.add(new Wire.UnprocessedNamedQueryId(id, "INVALID_INPUT", "NamedQuery " + id + " was not found"));
            }
        }
        return new Wire.BatchGetNamedQueryResponse(found, missing);
    }

    private NamedQuery existingNamedQuery(WireObject request)
    {
        String id = namedQueryId(request);
        return store.getNamedQuery(id).orElseThrow(() -> ApiException.invalidInput("NamedQuery " + id + " was not found"));
    }

    private static String namedQueryId(WireObject request)
    {
        Optional<String> id = request.string("NamedQueryId");
        Violations violations = new Violations();
        violations.required(request.pathOf("NamedQueryId"), id);
        violations.length(request.pathOf("NamedQueryId"), id, 1, 128);
        violations.check();
        return id.orElseThrow();
    }

    private static Wire.NamedQuery namedQuery(NamedQuery query)
    {
        return new Wire.NamedQuery(query.name(), query.description().orElse(null), query.database(), query.queryString(), query.namedQueryId(), query.workGroup());
    }

    private WorkGroup requireWorkGroup(String name)
    {
        return workGroups.get(name).orElseThrow(() -> ApiException.invalidInput("WorkGroup is not found."));
    }
}
