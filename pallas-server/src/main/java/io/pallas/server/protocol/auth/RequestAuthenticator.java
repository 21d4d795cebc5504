package io.pallas.server.protocol.auth;

import java.util.List;
import java.util.Map;

/**
 * Decides whether a request may be served, before its body is decoded. Implementations throw
 * {@link io.pallas.server.protocol.ApiException} with the error AWS would answer.
 */
public interface RequestAuthenticator
{
    /** Accepts every request, signed or not: the default when no access keys are configured. */
    RequestAuthenticator ALLOW_ALL = (method, path, rawQuery, headers, body) -> { };

    /**
     * @param path the path as sent, still percent-encoded
     * @param headers every request header, names lower-cased, values in the order received
     * @param rawQuery the query string as sent (without '?'), or empty
     */
    void authenticate(String method, String path, String rawQuery, Map<String, List<String>> headers, byte[] body);
}
