package com.ptsl.processor.match;

import com.ptsl.processor.parse.PayTraceTransaction;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Objects;

/**
 * What matching and posting need of one payable PayTrace transaction; travels through the
 * payments-by-customer repartition topic and waits in the pending stores. Plain values only, so its
 * JSON form is stable across versions.
 *
 * @param createdAt  PayTrace created.at, merchant-local, ISO text
 * @param json       the PAN-scrubbed PayTrace record, for the review item a person reads
 * @param heldSinceMs when the resolve stage started holding the payment (its customer unknown yet), 0 if it did not
 * @param createdBy  PayTrace created.by, the merchant account (API user) the transaction went through; "" from
 *                   writers before issue 7
 */
public record PaymentFacts(
        String transactionId,
        BigDecimal amount,
        String invoiceId,
        String customerReferenceId,
        String customerId,
        String description,
        String createdAt,
        String maskedCard,
        String approvalCode,
        long receivedAtMs,
        String json,
        long heldSinceMs,
        String createdBy) {

    public PaymentFacts {
        Objects.requireNonNull(transactionId, "transactionId");
        Objects.requireNonNull(amount, "amount");
        invoiceId = Objects.requireNonNullElse(invoiceId, "");
        customerReferenceId = Objects.requireNonNullElse(customerReferenceId, "");
        customerId = Objects.requireNonNullElse(customerId, "");
        description = Objects.requireNonNullElse(description, "");
        Objects.requireNonNull(createdAt, "createdAt");
        maskedCard = Objects.requireNonNullElse(maskedCard, "");
        approvalCode = Objects.requireNonNullElse(approvalCode, "");
        json = Objects.requireNonNullElse(json, "");
        createdBy = Objects.requireNonNullElse(createdBy, "");
    }

    public static PaymentFacts of(PayTraceTransaction tx) {
        return new PaymentFacts(tx.transactionId(), tx.amount().setScale(2), tx.invoiceId().strip(), tx.customerReferenceId().strip(),
                tx.customerId().strip(), tx.description(), tx.createdAt().toString(), tx.maskedCard(), tx.approvalCode(),
                tx.receivedAt().toEpochMilli(), tx.json(), 0, tx.createdBy().strip());
    }

    /** The same payment, marked as held since {@code sinceMs}. */
    public PaymentFacts heldSince(long sinceMs) {
        return new PaymentFacts(transactionId, amount, invoiceId, customerReferenceId, customerId, description, createdAt, maskedCard,
                approvalCode, receivedAtMs, json, sinceMs, createdBy);
    }

    /** The same facts with the amount's sign dropped: a refund is exported positive, but a negative one means the same. */
    public PaymentFacts absolute() {
        return new PaymentFacts(transactionId, amount.abs(), invoiceId, customerReferenceId, customerId, description, createdAt, maskedCard,
                approvalCode, receivedAtMs, json, heldSinceMs, createdBy);
    }

    public LocalDateTime createdAtLocal() {
        return LocalDateTime.parse(createdAt);
    }

    public Instant receivedAt() {
        return Instant.ofEpochMilli(receivedAtMs);
    }

    /** True when the payer named a document (an invoice, order or PO number) in invoice_id: worth waiting for. */
    public boolean namesInvoice() {
        return !invoiceId.isBlank();
    }

    /** Never print the JSON (names, addresses); ids and amounts are enough for logs. */
    @Override
    public String toString() {
        return "PaymentFacts{" + transactionId + " " + amount + " invoice_id='" + invoiceId + "'}";
    }
}
