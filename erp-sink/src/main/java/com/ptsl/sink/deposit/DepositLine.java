package com.ptsl.sink.deposit;

import com.ptsl.schemas.avro.DepositTransactionKind;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * One transaction of a settlement batch (a PTSL_DepositLine row): what PayTrace settled and what SL holds for it.
 *
 * @param amount    PayTrace's amount, positive
 * @param slAmount  SALE: Σ PA − Σ NS; REFUND: Σ DM (the cash SL shows for it, positive when it is there)
 * @param documents the SL documents counted, as "DocType/RefNbr/BatNbr"
 */
public record DepositLine(String transactionId, DepositTransactionKind kind, BigDecimal amount, BigDecimal slAmount,
                          List<String> documents) {

    public DepositLine {
        Objects.requireNonNull(transactionId, "transactionId");
        Objects.requireNonNull(kind, "kind");
        documents = documents == null ? List.of() : List.copyOf(documents);
    }

    public boolean matches() {
        return amount.compareTo(slAmount) == 0;
    }

    /** The line's part of the batch's net, as PayTrace has it: sales add, refunds take away. */
    BigDecimal paytraceCash() {
        return kind == DepositTransactionKind.REFUND ? amount.negate() : amount;
    }

    /** The line's part of what SL holds for the batch. */
    BigDecimal slCash() {
        return kind == DepositTransactionKind.REFUND ? slAmount.negate() : slAmount;
    }

    /** "tx 123 SALE 12.34: not in SL", or "tx 456 SALE 10.00: SL 9.00" when SL holds documents for it. */
    public String describe() {
        String head = "tx " + transactionId + " " + kind.name() + " " + amount.toPlainString() + ": ";
        return head + (documents.isEmpty() ? "not in SL" : "SL " + slAmount.toPlainString());
    }
}
