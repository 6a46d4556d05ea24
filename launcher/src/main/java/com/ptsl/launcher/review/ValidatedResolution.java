package com.ptsl.launcher.review;

import com.ptsl.schemas.avro.ReviewResolution;
import com.ptsl.schemas.avro.SlInvoiceSnapshot;

import java.math.BigDecimal;
import java.util.List;

/**
 * A resolution that passed every check, ready to write, with what the checks worked out for the person to see:
 * per invoice what it has available and what the payment is expected to put on it.
 *
 * @param capacity what the payment can still apply (APPLY only, else null)
 * @param warnings things the person should know although nothing is wrong
 */
record ValidatedResolution(ReviewResolution resolution, List<Allocation> allocations, BigDecimal capacity, List<String> warnings) {

    ValidatedResolution {
        allocations = List.copyOf(allocations);
        warnings = List.copyOf(warnings);
    }

    /** One invoice of an APPLY: the amount the person gave ({@code explicit}) or the share it gets oldest first. */
    record Allocation(SlInvoiceSnapshot invoice, BigDecimal available, BigDecimal amount, boolean explicit) {
    }

    /** What stays on account after the allocations (APPLY only). */
    BigDecimal leftOnAccount() {
        if (capacity == null) {
            return null;
        }
        return allocations.stream().map(Allocation::amount).reduce(capacity, BigDecimal::subtract);
    }
}
