package com.ptsl.reconciler.model;

import java.util.HashMap;
import java.util.Map;

/**
 * One instance per distinct value of the few-valued texts the reconciler keeps per transaction (customer ids, batch
 * numbers, document types), so a million transactions hold a few thousand strings, not a million copies.
 */
public final class StringPool {

    private final Map<String, String> values = new HashMap<>();
    private String last = "";

    /** Not thread-safe: each reader thread has a pool of its own. */
    public String of(String value) {
        if (value == null) {
            return null;
        }
        if (value.equals(last)) {
            return last; // rows of one batch, one customer, one type come in runs
        }
        String pooled = values.putIfAbsent(value, value);
        last = pooled == null ? value : pooled;
        return last;
    }
}
