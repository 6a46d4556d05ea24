package com.ptsl.processor.deposit;

import com.ptsl.schemas.avro.DepositTransactionKind;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Objects;

/**
 * What one settlement batch record says about the deposit, read and checked by {@link SettlementBatchReader}: the
 * figures a CloseDeposit carries, nothing else. Kept in {@link DepositStore} as the batch's latest version (JSON), so it
 * holds only plain values: the settlement time as ISO text, amounts at scale 2.
 *
 * @param batchNumber  PayTrace's batch number (digits)
 * @param settledAt    the batch summary's {@code created}, merchant-local, ISO ({@code 2026-01-05T17:00})
 * @param netAmount    {@code net_amount}, as PayTrace reports it (may be negative)
 * @param salesAmount  {@code sales_amount}
 * @param refundAmount {@code refund_amount}, positive
 * @param fees         {@code fee_amount} (or {@code fees}); null when the summary reports none
 * @param fingerprint  the RawSettlementBatch fingerprint (SHA-256 hex)
 * @param receivedAt   when the gateway received the batch, epoch ms
 * @param transactions every transaction the batch lists, ascending by id
 */
public record DepositFacts(String batchNumber, String settledAt, BigDecimal netAmount, BigDecimal salesAmount,
                           BigDecimal refundAmount, BigDecimal fees, String fingerprint, long receivedAt,
                           List<Line> transactions) {

    /** One listed transaction: SALE (cash in) or REFUND (cash out), amount positive. */
    public record Line(String transactionId, DepositTransactionKind kind, BigDecimal amount) {
        public Line {
            Objects.requireNonNull(transactionId, "transactionId");
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(amount, "amount");
        }
    }

    public DepositFacts {
        Objects.requireNonNull(batchNumber, "batchNumber");
        Objects.requireNonNull(settledAt, "settledAt");
        Objects.requireNonNull(netAmount, "netAmount");
        Objects.requireNonNull(salesAmount, "salesAmount");
        Objects.requireNonNull(refundAmount, "refundAmount");
        Objects.requireNonNull(fingerprint, "fingerprint");
        transactions = transactions == null ? List.of() : List.copyOf(transactions);
    }

    /** The settlement time as a date-time (named without "get" so the store's JSON does not carry it twice). */
    public LocalDateTime settledAtLocal() {
        return LocalDateTime.parse(settledAt);
    }
}
