package com.ptsl.processor;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * When a card payment is posted to SL ({@code PROCESSOR_POST_ON}, ARCHITECTURE.md §7). A closed list, so a typo
 * fails at start.
 */
public enum PostOn {
    /**
     * The default: an approved sale or a capture posts at once (cash the merchant will receive tonight); a settled
     * record posts only when nothing was posted before (the pending one was never seen). Refunds post when approved.
     */
    CAPTURE,
    /** Only what PayTrace settled posts (SALE_SETTLED, CAPTURE_SETTLED, REFUND_SETTLED): SL's cash follows the deposits. */
    SETTLEMENT;

    public static PostOn fromName(String name) {
        return valueOf(name.strip().toUpperCase(Locale.ROOT));
    }

    public static List<String> names() {
        return Arrays.stream(values()).map(Enum::name).toList();
    }
}
