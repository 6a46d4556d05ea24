package com.ptsl.sink.deposit;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * One PTSL_Deposit row: the latest version of a PayTrace settlement batch as the sink recorded it.
 *
 * @param commandId   the CloseDeposit that recorded this version
 * @param feeAmount   PayTrace's fees; null when it reported none
 * @param feeAcct     the account the fees are recorded against (SL_DEPOSIT_FEE_ACCT); null without fees or account
 * @param slAmount    Σ SALE − Σ REFUND of what SL holds for the batch's transactions
 * @param difference  slAmount − netAmount
 * @param slBatches   the SL batches holding those documents, in BatNbr order
 * @param reviewSent  false while the review item of this state (OPEN, or RESOLVED after a mismatch) is not acknowledged
 */
public record Deposit(String batchNumber, String commandId, LocalDate depositDate, BigDecimal netAmount, BigDecimal salesAmount,
                      BigDecimal refundAmount, BigDecimal feeAmount, String feeAcct, String feeSub, BigDecimal slAmount,
                      BigDecimal difference, Status status, List<String> slBatches, int transactionCount, Instant recordedAt,
                      boolean reviewSent) {

    /** PTSL_Deposit.Status. */
    public enum Status {
        /** SL holds exactly what PayTrace settled, transaction by transaction. */
        MATCHED,
        /** The total or a transaction differs: a DEPOSIT_MISMATCH review item. */
        MISMATCH
    }

    public Deposit {
        Objects.requireNonNull(batchNumber, "batchNumber");
        Objects.requireNonNull(status, "status");
        slBatches = slBatches == null ? List.of() : List.copyOf(slBatches);
    }

    /** The key of its review item on payments.review (and the item's transactionId). */
    public String reviewKey() {
        return reviewKey(batchNumber);
    }

    public static String reviewKey(String batchNumber) {
        return "deposit:" + batchNumber;
    }
}
