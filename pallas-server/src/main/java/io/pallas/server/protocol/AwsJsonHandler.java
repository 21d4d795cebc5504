package io.pallas.server.protocol;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pallas.server.protocol.auth.RequestAuthenticator;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

import static java.util.Objects.requireNonNull;

/**
 * The AWS JSON 1.1 endpoint: {@code POST /} with {@code X-Amz-Target: <prefix>.<Operation>}. Decodes the body,
 * dispatches to the operation and encodes its answer or error. Every response carries {@code x-amzn-RequestId};
 * errors carry {@code x-amzn-ErrorType} with the same value as {@code __type}.
 */
public final class AwsJsonHandler
        extends Handler.Abstract
{
    private static final Logger LOG = Logger.getLogger(AwsJsonHandler.class.getName());
    private static final String CONTENT_TYPE = "application/x-amz-json-1.1";
    // QueryString allows 262144 characters; JSON escaping can take 6 bytes each, plus the other members.
    private static final int MAX_BODY_BYTES = 4 * 1024 * 1024;

    private final Map<String, Operation> operations;
    private final JsonCodec codec;
    private final RequestAuthenticator authenticator;

    /**
     * @param operations by full target, e.g. {@code AmazonAthena.StartQueryExecution} or {@code AWSGlue.GetTable}: one
     *     endpoint serves several services, as the target names the service
     */
    public AwsJsonHandler(Map<String, Operation> operations, JsonCodec codec, RequestAuthenticator authenticator)
    {
        this.authenticator = requireNonNull(authenticator, "authenticator is null");
        this.operations = Map.copyOf(operations);
        this.codec = requireNonNull(codec, "codec is null");
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback)
    {
        String requestId = UUID.randomUUID().toString();
        response.getHeaders().put("x-amzn-RequestId", requestId);
        byte[] answer;
        int status = 200;
        try {
            answer = codec.write(dispatch(request));
        }
        catch (ApiException e) {
            status = e.status();
            answer = errorBody(e);
            response.getHeaders().put("x-amzn-ErrorType", e.type());
        }
        catch (RuntimeException | IOException e) {
            LOG.log(Level.SEVERE, "Request " + requestId + " failed", e);
            ApiException internal = ApiException.internal("Internal error (request " + requestId + ")");
            status = internal.status();
            answer = errorBody(internal);
            response.getHeaders().put("x-amzn-ErrorType", internal.type());
        }
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, CONTENT_TYPE);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, answer.length);
        response.write(true, ByteBuffer.wrap(answer), callback);
        return true;
    }

    private Object dispatch(Request request)
            throws IOException
    {
        byte[] body = readBody(request);
        // as AWS does: an unsigned request learns nothing, not even whether its operation exists
        authenticator.authenticate(request.getMethod(), request.getHttpURI().getPath(), Objects.requireNonNullElse(request.getHttpURI().getQuery(), ""),
                headers(request), body);
        String target = request.getHeaders().get("X-Amz-Target");
        Operation operation = target == null ? null : operations.get(target);
        if (!HttpMethod.POST.is(request.getMethod()) || operation == null) {
            throw ApiException.unknownOperation();
        }
        return operation.handle(WireObject.root(codec.readTree(body)));
    }

    private static Map<String, List<String>> headers(Request request)
    {
        Map<String, List<String>> headers = new HashMap<>();
        for (HttpField field : request.getHeaders()) {
            headers.computeIfAbsent(field.getLowerCaseName(), _ -> new ArrayList<>()).add(field.getValue());
        }
        return headers;
    }

    private static byte[] readBody(Request request)
            throws IOException
    {
        long declared = request.getLength();
        if (declared > MAX_BODY_BYTES) {
            throw ApiException.serialization(Optional.of("Request body is larger than " + MAX_BODY_BYTES + " bytes"));
        }
        try (InputStream in = Content.Source.asInputStream(request)) {
            byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
            if (body.length > MAX_BODY_BYTES) {
                throw ApiException.serialization(Optional.of("Request body is larger than " + MAX_BODY_BYTES + " bytes"));
            }
            return body;
        }
    }

    private byte[] errorBody(ApiException e)
    {
        ObjectNode body = codec.mapper().createObjectNode();
        body.put("__type", e.type());
        e.members().forEach(body::put);
        e.wireMessage().ifPresent(message -> body.put("Message", message));
        return codec.write(body);
    }
}
