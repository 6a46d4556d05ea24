package com.ptsl.sandbox.paytrace.batches;

import com.ptsl.sandbox.paytrace.transactions.ProcessorRules;
import com.ptsl.sandbox.paytrace.transactions.StoredTransaction;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One settlement batch, summed from its transactions. The fields follow PayTrace's legacy batch record (reference
 * §3.2: BATCHNUM, WHEN, TRANXCOUNT, NETAMOUNT, SALESCOUNT, SALESAMOUNT, REFUNDCOUNT, REFUNDAMOUNT); their v1 names
 * are invented. Sales are SALE and captured AUTHORIZATION records; refunds are REFUND records, counted positive.
 *
 * @param settledAt  the cut-off that made the batch (shown as {@code created})
 * @param netAmount  {@code salesAmount - refundAmount}
 */
public record BatchSummary(int number, Instant settledAt, int transactionCount, BigDecimal netAmount,
                           int salesCount, BigDecimal salesAmount, int refundCount, BigDecimal refundAmount) {

    public BatchSummary {
        Objects.requireNonNull(settledAt, "settledAt");
    }

    /** Sums one batch's transactions, all settled at the same cut-off. */
    public static BatchSummary of(int number, List<StoredTransaction> transactions) {
        if (transactions.isEmpty()) {
            throw new IllegalArgumentException("a batch has at least one transaction");
        }
        int sales = 0;
        int refunds = 0;
        BigDecimal salesAmount = BigDecimal.ZERO.setScale(2);
        BigDecimal refundAmount = BigDecimal.ZERO.setScale(2);
        for (StoredTransaction t : transactions) {
            if (ProcessorRules.TYPE_REFUND.equals(t.transactionType())) {
                refunds++;
                refundAmount = refundAmount.add(t.amount());
            } else {
                sales++;
                salesAmount = salesAmount.add(t.amount());
            }
        }
        return new BatchSummary(number, transactions.get(0).settledAt(), transactions.size(),
                salesAmount.subtract(refundAmount), sales, salesAmount, refunds, refundAmount);
    }
}
