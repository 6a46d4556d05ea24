package com.ptsl.gateway.paytrace;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * PayTrace answered with an error: the v1 body {@code {"success":false,"errors":{"811":["..."]}}}, an OAuth error
 * ({@code {"error":"invalid_grant","error_description":"..."}}, kept as code {@code invalid_grant}), or an
 * unexpected non-2xx status (code {@code http_<status>}). Retrying the same request will not help.
 */
public final class PayTraceApiException extends PayTraceException {

    private final Map<String, List<String>> errors;

    public PayTraceApiException(String call, int httpStatus, Map<String, List<String>> errors) {
        super(describe(call, httpStatus, errors), httpStatus, null);
        this.errors = copy(errors);
    }

    /** Error code → messages, in PayTrace's order. */
    public Map<String, List<String>> errors() {
        return errors;
    }

    public boolean hasCode(String code) {
        return errors.containsKey(code);
    }

    @Override
    public boolean isTransient() {
        return false;
    }

    private static Map<String, List<String>> copy(Map<String, List<String>> errors) {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        errors.forEach((code, messages) -> copy.put(code, List.copyOf(messages)));
        return java.util.Collections.unmodifiableMap(copy);
    }

    private static String describe(String call, int httpStatus, Map<String, List<String>> errors) {
        String listed = errors.entrySet().stream()
                .map(e -> e.getKey() + ": " + String.join(" / ", e.getValue()))
                .collect(Collectors.joining("; "));
        return "PayTrace rejected " + call + " (HTTP " + httpStatus + "): " + (listed.isEmpty() ? "no error details" : listed);
    }
}
