package com.ptsl.sandbox.paytrace.settlement;

import com.ptsl.sandbox.paytrace.batches.BatchSummary;
import com.ptsl.sandbox.paytrace.transactions.Statuses;
import com.ptsl.sandbox.paytrace.transactions.StoredTransaction;
import com.ptsl.sandbox.paytrace.transactions.TransactionStore;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * PayTrace's daily cut-off, on demand: every transaction pending settlement (Y) moves into one new batch,
 * {@code status_code} = {@code status_message} = {@code GB<n>}, {@code settled} = the cut-off time; N records stay as
 * they are. At the same cut-off, authorizations left uncaptured for at least the expiry age turn N
 * "Authorization Expired" (invented, as is the default age of 7 days). All of it is one atomic store change.
 * Batch numbers increase by one from the configured first number, and only a cut-off that settles something
 * takes one.
 */
public final class SettlementRun {

    private final TransactionStore store;
    private final Duration authorizationExpiry;
    private int nextBatchNumber; // guarded by this

    public SettlementRun(TransactionStore store, int firstBatchNumber, Duration authorizationExpiry) {
        this.store = store;
        this.authorizationExpiry = authorizationExpiry;
        this.nextBatchNumber = firstBatchNumber;
    }

    /** One cut-off now (the sandbox clock's now). Serialized: concurrent calls make consecutive batches. */
    public synchronized SettlementResult settleNow() {
        int batch = nextBatchNumber;
        TransactionStore.BulkChange change = store.updateEach((t, now) -> {
            if (t.pendingSettlement()) {
                return t.settledInto(batch, now);
            }
            if (t.uncapturedAuthorization() && expired(t.createdAt(), now)) {
                return t.withStatus(Statuses.NOT_SETTLING, Statuses.MSG_AUTHORIZATION_EXPIRED);
            }
            return t;
        });
        List<StoredTransaction> settled = new ArrayList<>();
        List<Long> expired = new ArrayList<>();
        for (StoredTransaction t : change.changed()) {
            if (t.settled()) {
                settled.add(t);
            } else {
                expired.add(t.transactionId());
            }
        }
        Optional<BatchSummary> summary = Optional.empty();
        if (!settled.isEmpty()) {
            nextBatchNumber++;
            summary = Optional.of(BatchSummary.of(batch, settled));
        }
        return new SettlementResult(change.at(), summary,
                settled.stream().map(StoredTransaction::transactionId).toList(), expired);
    }

    /** The number the next batch will get. */
    public synchronized int nextBatchNumber() {
        return nextBatchNumber;
    }

    private boolean expired(Instant createdAt, Instant now) {
        return !createdAt.plus(authorizationExpiry).isAfter(now);
    }
}
