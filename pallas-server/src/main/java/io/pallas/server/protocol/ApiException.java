package io.pallas.server.protocol;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * An error answered on the wire instead of a result: the AWS JSON 1.1 {@code __type}, HTTP status, optional
 * message and the extra members the error shape carries ({@code AthenaErrorCode}, {@code Reason}, ...).
 * Every API error is built through the factories here so that their wire form is decided in one place.
 */
public final class ApiException
        extends RuntimeException
{
    private final String type;
    private final int status;
    private final Optional<String> wireMessage;
    private final Map<String, String> members;

    private ApiException(String type, int status, Optional<String> message, Map<String, String> members)
    {
        super(type + message.map(m -> ": " + m).orElse(""));
        this.type = requireNonNull(type, "type is null");
        this.status = status;
        this.wireMessage = requireNonNull(message, "message is null");
        this.members = Map.copyOf(members);
    }

    /** InvalidRequestException with its AthenaErrorCode (sent twice, as Athena does: modelled and as ErrorCode). */
    public static ApiException invalidRequest(AthenaErrorCode code, String message)
    {
        Map<String, String> members = new LinkedHashMap<>();
        members.put("AthenaErrorCode", code.name());
        members.put("ErrorCode", code.name());
        return new ApiException("InvalidRequestException", 400, Optional.of(message), members);
    }

    public static ApiException invalidInput(String message)
    {
        return invalidRequest(AthenaErrorCode.INVALID_INPUT, message);
    }

    public static ApiException internal(String message)
    {
        return new ApiException("InternalServerException", 500, Optional.of(message), Map.of());
    }

    public static ApiException tooManyRequests(String message)
    {
        return new ApiException("TooManyRequestsException", 400, Optional.of(message), Map.of("Reason", "CONCURRENT_QUERY_LIMIT_EXCEEDED"));
    }

    public static ApiException resourceNotFound(String message, String resourceName)
    {
        return new ApiException("ResourceNotFoundException", 400, Optional.of(message), Map.of("ResourceName", resourceName));
    }

    /** A body that is not JSON of the expected shape; Athena sends no message for an unparseable body. */
    public static ApiException serialization(Optional<String> message)
    {
        return new ApiException("SerializationException", 400, message, Map.of());
    }

    /** Any other AWS error shape, e.g. the authentication errors {@code InvalidSignatureException}. */
    public static ApiException of(String type, int status, String message)
    {
        return new ApiException(type, status, Optional.of(message), Map.of());
    }

    public static ApiException unknownOperation()
    {
        return new ApiException("UnknownOperationException", 400, Optional.empty(), Map.of());
    }

    public String type()
    {
        return type;
    }

    public int status()
    {
        return status;
    }

    public Optional<String> wireMessage()
    {
        return wireMessage;
    }

    public Map<String, String> members()
    {
        return members;
    }
}
