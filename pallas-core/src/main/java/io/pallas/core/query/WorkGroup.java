package io.pallas.core.query;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import static java.util.Objects.requireNonNull;

/** A workgroup, the settings that apply to the queries run in it, and its tags (in the order they were added). */
public record WorkGroup(
        String name,
        boolean enabled,
        Optional<String> description,
        ResultConfiguration resultConfiguration,
        boolean enforceWorkGroupConfiguration,
        boolean publishCloudWatchMetricsEnabled,
        boolean requesterPaysEnabled,
        OptionalLong bytesScannedCutoffPerQuery,
        String selectedEngineVersion,
        Instant creationTime,
        Map<String, String> tags)
{
    public static final String PRIMARY = "primary";
    public static final String AUTO_ENGINE = "AUTO";
    public static final String ENGINE_V3 = "Athena engine version 3";

    public WorkGroup
    {
        requireNonNull(name, "name is null");
        requireNonNull(description, "description is null");
        requireNonNull(resultConfiguration, "resultConfiguration is null");
        requireNonNull(bytesScannedCutoffPerQuery, "bytesScannedCutoffPerQuery is null");
        requireNonNull(selectedEngineVersion, "selectedEngineVersion is null");
        requireNonNull(creationTime, "creationTime is null");
        tags = Collections.unmodifiableMap(new LinkedHashMap<>(tags));
    }

    public boolean isPrimary()
    {
        return name.equals(PRIMARY);
    }

    public WorkGroup withTags(Map<String, String> newTags)
    {
        return new WorkGroup(name, enabled, description, resultConfiguration, enforceWorkGroupConfiguration, publishCloudWatchMetricsEnabled,
                requesterPaysEnabled, bytesScannedCutoffPerQuery, selectedEngineVersion, creationTime, newTags);
    }

    public WorkGroup withResultConfiguration(ResultConfiguration newConfiguration)
    {
        return new WorkGroup(name, enabled, description, newConfiguration, enforceWorkGroupConfiguration, publishCloudWatchMetricsEnabled,
                requesterPaysEnabled, bytesScannedCutoffPerQuery, selectedEngineVersion, creationTime, tags);
    }

    /**
     * The client's settings combined with this workgroup's (contract §4.9): when the workgroup enforces its
     * configuration the client's encryption, expected owner and ACL are ignored, even where the workgroup sets none,
     * and only an output location the workgroup lacks is taken from the client; otherwise the workgroup's settings
     * fill only what the client left out.
     */
    public ResultConfiguration effectiveResultConfiguration(ResultConfiguration client)
    {
        if (enforceWorkGroupConfiguration) {
            return new ResultConfiguration(resultConfiguration.outputLocation().or(client::outputLocation), resultConfiguration.encryptionConfiguration(),
                    resultConfiguration.expectedBucketOwner(), resultConfiguration.s3AclOption());
        }
        return client.orElse(resultConfiguration);
    }
}
