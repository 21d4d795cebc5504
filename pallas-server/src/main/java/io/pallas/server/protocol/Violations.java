package io.pallas.server.protocol;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Collects the framework validation errors of one request, in member order, and reports them together in the
 * form AWS services use: {@code 2 validation errors detected: <a>; <b>}, as InvalidRequestException INVALID_INPUT.
 */
public final class Violations
{
    private final List<String> messages = new ArrayList<>();

    public <T> void required(String path, Optional<T> value)
    {
        if (value.isEmpty()) {
            messages.add("Value null at '" + path + "' failed to satisfy constraint: Member must not be null");
        }
    }

    public void length(String path, Optional<String> value, int min, int max)
    {
        value.ifPresent(text -> {
            int length = text.codePointCount(0, text.length());
            if (length < min) {
                violation(path, "Member must have length greater than or equal to " + min);
            }
            else if (length > max) {
                violation(path, "Member must have length less than or equal to " + max);
            }
        });
    }

    public void range(String path, Optional<? extends Number> value, long min, long max)
    {
        value.ifPresent(number -> {
            long n = number.longValue();
            if (n < min) {
                violation(path, "Member must have value greater than or equal to " + min);
            }
            else if (n > max) {
                violation(path, "Member must have value less than or equal to " + max);
            }
        });
    }

    public void pattern(String path, Optional<String> value, Pattern pattern)
    {
        value.ifPresent(text -> {
            if (!pattern.matcher(text).matches()) {
                violation(path, "Member must satisfy regular expression pattern: " + pattern.pattern());
            }
        });
    }

    public void oneOf(String path, Optional<String> value, Set<String> allowed)
    {
        value.ifPresent(text -> {
            if (!allowed.contains(text)) {
                violation(path, "Member must satisfy enum value set: " + allowed.stream().sorted().toList());
            }
        });
    }

    public void size(String path, Optional<? extends List<?>> value, int min, int max)
    {
        value.ifPresent(list -> {
            if (list.size() < min) {
                violation(path, "Member must have length greater than or equal to " + min);
            }
            else if (list.size() > max) {
                violation(path, "Member must have length less than or equal to " + max);
            }
        });
    }

    public void violation(String path, String constraint)
    {
        messages.add("Value at '" + path + "' failed to satisfy constraint: " + constraint);
    }

    /** Throws the collected violations, if any, as one InvalidRequestException. */
    public void check()
    {
        if (messages.isEmpty()) {
            return;
        }
        String count = messages.size() == 1 ? "1 validation error detected: " : messages.size() + " validation errors detected: ";
        throw ApiException.invalidInput(count + String.join("; ", messages));
    }
}
