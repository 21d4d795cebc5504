package io.pallas.server.storage;

import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Records the operation and HTTP headers of every request a client sends; can shrink listing pages. */
final class RecordingInterceptor
        implements ExecutionInterceptor
{
    record Sent(String operation, Map<String, List<String>> headers)
    {
        Optional<String> header(String name)
        {
            List<String> values = headers.get(name);
            return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
        }
    }

    private final List<Sent> sent = new ArrayList<>();
    private volatile Integer listPageSize;

    @Override
    public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes)
    {
        if (listPageSize != null && context.request() instanceof ListObjectsV2Request list) {
            return list.toBuilder().maxKeys(listPageSize).build();
        }
        return context.request();
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes)
    {
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.putAll(context.httpRequest().headers());
        synchronized (sent) {
            sent.add(new Sent(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME), headers));
        }
    }

    void listPageSize(Integer size)
    {
        this.listPageSize = size;
    }

    List<Sent> sent()
    {
        synchronized (sent) {
            return List.copyOf(sent);
        }
    }

    List<String> operations()
    {
        return sent().stream().map(Sent::operation).toList();
    }

    void clear()
    {
        synchronized (sent) {
            sent.clear();
        }
    }
}
