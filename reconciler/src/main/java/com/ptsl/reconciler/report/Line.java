package com.ptsl.reconciler.report;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * One line of the report: a transaction (transactionId set) or a settlement batch (transactionId null,
 * settlementBatch set). Amounts are exact and signed as cash: a sale is positive, a refund negative.
 *
 * @param kind         PayTrace's final state in words: SALE, CAPTURE, AUTHORIZATION, VOID, REFUND, DECLINE, DEPOSIT, …
 * @param custId       the SL customer the integration posted to (from the ledger or the command), or "" if none
 * @param slCustId     the customer SL's document carries now ("" when there is no document)
 * @param day          the transaction's (or batch's) day in the merchant's zone
 * @param slDocuments  "DocType/RefNbr/BatNbr" of every SL document of the transaction
 * @param detail       one sentence a finance user can act on, naming what differs
 */
public record Line(Category category, String transactionId, String kind, String custId, String slCustId,
                   LocalDate day, String settlementBatch, BigDecimal payTraceAmount, BigDecimal slAmount,
                   List<String> slDocuments, String detail) {

    public Line {
        slDocuments = List.copyOf(slDocuments);
    }

    /** SL − PayTrace; zero when they agree. */
    public BigDecimal difference() {
        return slAmount.subtract(payTraceAmount);
    }
}
