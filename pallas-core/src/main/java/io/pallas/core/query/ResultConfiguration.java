package io.pallas.core.query;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Where and how results are written. On a request or a workgroup, {@code outputLocation} is a prefix; on an
 * execution it is the full URI of the result object, as Athena reports it.
 */
public record ResultConfiguration(
        Optional<String> outputLocation,
        Optional<EncryptionConfiguration> encryptionConfiguration,
        Optional<String> expectedBucketOwner,
        Optional<String> s3AclOption)
{
    public static final ResultConfiguration EMPTY = new ResultConfiguration(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

    public ResultConfiguration
    {
        requireNonNull(outputLocation, "outputLocation is null");
        requireNonNull(encryptionConfiguration, "encryptionConfiguration is null");
        requireNonNull(expectedBucketOwner, "expectedBucketOwner is null");
        requireNonNull(s3AclOption, "s3AclOption is null");
    }

    /** These settings, with each member that is absent here taken from {@code defaults}. */
    public ResultConfiguration orElse(ResultConfiguration defaults)
    {
        return new ResultConfiguration(
                outputLocation.or(defaults::outputLocation),
                encryptionConfiguration.or(defaults::encryptionConfiguration),
                expectedBucketOwner.or(defaults::expectedBucketOwner),
                s3AclOption.or(defaults::s3AclOption));
    }

    public ResultConfiguration withOutputLocation(String location)
    {
        return new ResultConfiguration(Optional.of(location), encryptionConfiguration, expectedBucketOwner, s3AclOption);
    }
}
