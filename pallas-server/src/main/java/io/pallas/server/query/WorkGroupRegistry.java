package io.pallas.server.query;

import io.pallas.core.query.ResultConfiguration;
import io.pallas.core.query.WorkGroup;
import io.pallas.core.store.MetadataStore;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.UnaryOperator;

import static java.util.Objects.requireNonNull;

/**
 * The workgroups, in name order (ListWorkGroups' order), kept in the metadata store and served from memory. Every
 * change is stored before it becomes visible. {@code primary} always exists; its result location is the one the
 * server is configured with, applied at every start, while its other settings and tags are kept.
 */
public final class WorkGroupRegistry
{
    private final MetadataStore store;
    private final ConcurrentSkipListMap<String, WorkGroup> workGroups = new ConcurrentSkipListMap<>();

    public WorkGroupRegistry(MetadataStore store, Optional<String> primaryOutputLocation, Clock clock)
    {
        this.store = requireNonNull(store, "store is null");
        store.loadWorkGroups().forEach(workGroup -> workGroups.put(workGroup.name(), workGroup));
        WorkGroup primary = Optional.ofNullable(workGroups.get(WorkGroup.PRIMARY))
                .orElseGet(() -> new WorkGroup(WorkGroup.PRIMARY, true, Optional.empty(), ResultConfiguration.EMPTY, false, false, false,
                        OptionalLong.empty(), WorkGroup.AUTO_ENGINE, clock.instant(), Map.of()));
        ResultConfiguration configured = primary.resultConfiguration();
        primary = primary.withResultConfiguration(new ResultConfiguration(primaryOutputLocation, configured.encryptionConfiguration(),
                configured.expectedBucketOwner(), configured.s3AclOption()));
        store.putWorkGroup(primary);
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

    /** Adds a new workgroup; false when one with that name exists. */
    public synchronized boolean create(WorkGroup workGroup)
    {
        if (workGroups.containsKey(workGroup.name())) {
            return false;
        }
        store.putWorkGroup(workGroup);
        workGroups.put(workGroup.name(), workGroup);
        return true;
    }

    /** Applies a change to an existing workgroup; empty when there is none. */
    public synchronized Optional<WorkGroup> update(String name, UnaryOperator<WorkGroup> change)
    {
        WorkGroup current = workGroups.get(name);
        if (current == null) {
            return Optional.empty();
        }
        WorkGroup updated = change.apply(current);
        if (!updated.name().equals(name)) {
            throw new IllegalArgumentException("a workgroup cannot be renamed: " + name);
        }
        store.putWorkGroup(updated);
        workGroups.put(name, updated);
        return Optional.of(updated);
    }

    public synchronized boolean delete(String name)
    {
        if (name.equals(WorkGroup.PRIMARY)) {
            throw new IllegalArgumentException("the primary workgroup cannot be deleted");
        }
        store.deleteWorkGroup(name);
        return workGroups.remove(name) != null;
    }
}
