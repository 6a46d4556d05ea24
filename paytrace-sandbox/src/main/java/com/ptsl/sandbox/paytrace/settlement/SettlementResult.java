package com.ptsl.sandbox.paytrace.settlement;

import com.ptsl.sandbox.paytrace.batches.BatchSummary;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What one cut-off did.
 *
 * @param cutOff                  the sandbox clock's time of the cut-off: every settled record's {@code settled}
 * @param batch                   the new batch; empty when nothing was pending (no batch number is used up then)
 * @param settledTransactionIds   Y records moved into the batch, ascending
 * @param expiredAuthorizationIds uncaptured authorizations that turned N "Authorization Expired", ascending
 */
public record SettlementResult(Instant cutOff, Optional<BatchSummary> batch, List<Long> settledTransactionIds,
                               List<Long> expiredAuthorizationIds) {

    public SettlementResult {
        Objects.requireNonNull(cutOff, "cutOff");
        Objects.requireNonNull(batch, "batch");
        settledTransactionIds = List.copyOf(settledTransactionIds);
        expiredAuthorizationIds = List.copyOf(expiredAuthorizationIds);
    }

    public OptionalInt batchNumber() {
        return batch.map(b -> OptionalInt.of(b.number())).orElse(OptionalInt.empty());
    }
}
