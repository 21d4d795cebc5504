package io.pallas.core.query;

import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

import static java.util.Objects.requireNonNull;

/** A workgroup and the settings that apply to the queries run in it. */
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
        Instant creationTime)
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
    }

    /**
     * The client's settings combined with this workgroup's: when the workgroup enforces its configuration its
     * settings replace the client's, otherwise they fill only what the client left out.
     */
    public ResultConfiguration effectiveResultConfiguration(ResultConfiguration client)
    {
        return enforceWorkGroupConfiguration ? resultConfiguration.orElse(client) : client.orElse(resultConfiguration);
    }
}
