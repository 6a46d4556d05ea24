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
        LocalDateTime fast = isoMinutesOrSeconds(createdAt);
        return fast != null ? fast : LocalDateTime.parse(createdAt);
    }

    /**
     * {@code uuuu-MM-ddTHH:mm} or {@code uuuu-MM-ddTHH:mm:ss}, as {@link LocalDateTime#toString} writes PayTrace's
     * second-precision times, read by hand (the ISO formatter was a visible part of building every command); null for
     * any other form or an impossible date, which {@link LocalDateTime#parse} then reads or refuses.
     */
    private static LocalDateTime isoMinutesOrSeconds(String s) {
        int n = s.length();
        if ((n != 16 && n != 19) || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T' || s.charAt(13) != ':'
                || (n == 19 && s.charAt(16) != ':')) {
            return null;
        }
        int year = number(s, 0, 4);
        int month = number(s, 5, 7);
        int day = number(s, 8, 10);
        int hour = number(s, 11, 13);
        int minute = number(s, 14, 16);
        int second = n == 19 ? number(s, 17, 19) : 0;
        if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0) {
            return null;
        }
        try {
            return LocalDateTime.of(year, month, day, hour, minute, second);
        } catch (java.time.DateTimeException e) {
            return null;
        }
    }

    private static int number(String s, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
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
