package com.ptsl.sink.deposit;

import java.util.List;
import java.util.Optional;

/**
 * SL_DEPOSIT_BATCH_STATUS: what happens to the integration's unreleased AR batches holding a settlement batch's documents
 * once PayTrace has closed that batch. Only batches this integration created, unreleased and in Status B or H, ever change:
 * a batch an SL user suspended, voided or released is theirs.
 */
public enum DepositBatchStatus {
    /** Leave every batch as it is (the default). */
    KEEP("KEEP", null),
    /** Status H: on hold, so nobody releases the deposit before someone has looked at it. */
    HOLD("H", "H"),
    /** Status B: balanced, ready to release (for sites whose batches wait in H until PayTrace has settled them). */
    READY("B", "B");

    /** The variable's accepted values, in --help order. */
    public static final List<String> VALUES = List.of(KEEP.value, HOLD.value, READY.value);

    private final String value;
    private final String slStatus;

    DepositBatchStatus(String value, String slStatus) {
        this.value = value;
        this.slStatus = slStatus;
    }

    /** KEEP, H or B, exactly as the variable says; anything else is an IllegalArgumentException naming the values. */
    public static DepositBatchStatus of(String value) {
        for (DepositBatchStatus s : values()) {
            if (s.value.equals(value)) {
                return s;
            }
        }
        throw new IllegalArgumentException("must be one of " + VALUES + ", was '" + value + "'");
    }

    /** The Batch.Status to set; empty for KEEP. */
    public Optional<String> slStatus() {
        return Optional.ofNullable(slStatus);
    }

    /** The variable's value (KEEP, H, B). */
    public String value() {
        return value;
    }
}
