package com.ptsl.processor.parse;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * One PayTrace export record, parsed: the fields the pipeline decides on, plus the JSON and
 * fingerprint it came with so that later stages can pass the original on (review items).
 * Optional text fields are "" when PayTrace left them out; the card number is masked.
 *
 * @param transactionId       PayTrace transaction_id, as decimal text (it is also the Kafka key)
 * @param transactionType     e.g. SALE, AUTHORIZATION, REFUND, VOID, DECLINED ("" if absent)
 * @param statusCode          Y (pending settlement), GB&lt;batch&gt; (settled), N (void/declined/auth only)
 * @param statusMessage       free text, e.g. "Pending Settlement", "GB571", "Authorization Only"
 * @param approvalMessage     processor text, e.g. "    DECLINE - Do not honor"
 * @param responseCode        the per-transaction response_code when the record carries one (103 = auto-void)
 * @param amount              exact dollars, at most 2 decimals
 * @param createdAt           created.at, merchant-local time as PayTrace prints it
 * @param maskedCard          credit_card.masked_number, e.g. "************5454" (or "401200******5439" with include_bin)
 * @param cscResponse         csc_response, e.g. "Match", "No Match" (a CSC mismatch is what auto-voids a sale, 103)
 * @param originalTransactionId for a refund of an earlier sale or capture, that transaction's id as decimal text, from the
 *                            configured link field (the sandbox's {@code original_transaction_id}); "" when absent
 * @param createdBy           created.by: the PayTrace user / merchant account the transaction went through
 * @param json                the record exactly as received (PAN-scrubbed by the gateway)
 * @param fingerprint         the gateway's content fingerprint of json
 * @param receivedAt          when the gateway received the record
 */
public record PayTraceTransaction(
        String transactionId,
        String transactionType,
        String statusCode,
        String statusMessage,
        String approvalMessage,
        OptionalInt responseCode,
        BigDecimal amount,
        String invoiceId,
        String customerReferenceId,
        String customerId,
        LocalDateTime createdAt,
        String maskedCard,
        String cscResponse,
        String originalTransactionId,
        String createdBy,
        String approvalCode,
        String description,
        String json,
        String fingerprint,
        Instant receivedAt) {

    public PayTraceTransaction {
        Objects.requireNonNull(transactionId, "transactionId");
        Objects.requireNonNull(transactionType, "transactionType");
        Objects.requireNonNull(statusCode, "statusCode");
        Objects.requireNonNull(statusMessage, "statusMessage");
        Objects.requireNonNull(approvalMessage, "approvalMessage");
        Objects.requireNonNull(responseCode, "responseCode");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(invoiceId, "invoiceId");
        Objects.requireNonNull(customerReferenceId, "customerReferenceId");
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(maskedCard, "maskedCard");
        Objects.requireNonNull(cscResponse, "cscResponse");
        Objects.requireNonNull(originalTransactionId, "originalTransactionId");
        Objects.requireNonNull(createdBy, "createdBy");
        Objects.requireNonNull(approvalCode, "approvalCode");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(json, "json");
        Objects.requireNonNull(fingerprint, "fingerprint");
        Objects.requireNonNull(receivedAt, "receivedAt");
    }

    /** Never print the JSON (it holds names and addresses); ids and decision fields are enough for logs. */
    @Override
    public String toString() {
        return "PayTraceTransaction{" + transactionId + " " + transactionType + " " + statusCode + " " + amount + "}";
    }
}
