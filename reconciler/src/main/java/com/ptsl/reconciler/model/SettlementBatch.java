package com.ptsl.reconciler.model;

import java.time.LocalDate;
import java.util.List;

/**
 * A PayTrace settlement batch as its latest paytrace.batches.raw record states it.
 *
 * @param netCents PayTrace's net (sales − refunds)
 * @param day      the day it settled (summary created, merchant zone); null when the summary has no readable date
 * @param members  every transaction PayTrace lists in it
 */
public record SettlementBatch(String number, long netCents, long salesCents, long refundCents, LocalDate day,
                              List<Member> members) {

    public SettlementBatch {
        members = List.copyOf(members);
    }

    /**
     * One listed transaction.
     *
     * @param refund      a refund (cash out) rather than a sale or capture
     * @param amountCents positive as PayTrace lists it; null-like {@link #UNKNOWN} when only the id is listed
     */
    public record Member(String transactionId, boolean refund, long amountCents) {

        public static final long UNKNOWN = Long.MIN_VALUE;

        /** Cash as PayTrace settled it: + sale, − refund. */
        public long signedCents() {
            return refund ? -amountCents : amountCents;
        }

        public boolean amountKnown() {
            return amountCents != UNKNOWN;
        }
    }
}
