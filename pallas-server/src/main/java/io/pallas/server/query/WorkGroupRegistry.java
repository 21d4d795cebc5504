package io.pallas.server.query;

import io.pallas.core.query.WorkGroup;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

import static java.util.Objects.requireNonNull;

/** The workgroups this server knows, in name order (ListWorkGroups' order). {@code primary} always exists. */
public final class WorkGroupRegistry
{
    private final ConcurrentSkipListMap<String, WorkGroup> workGroups = new ConcurrentSkipListMap<>();

    public WorkGroupRegistry(WorkGroup primary)
    {
        requireNonNull(primary, "primary is null");
        if (!primary.name().equals(WorkGroup.PRIMARY)) {
            throw new IllegalArgumentException("primary workgroup must be named " + WorkGroup.PRIMARY);
        }
        workGroups.put(primary.name(), primary);
    }

    public Optional<WorkGroup> get(String name)
    {
        return Optional.ofNullable(workGroups.get(name));
    }

    public List<WorkGroup> list()
    {
        return List.copyOf(workGroups.values());
    }
}
