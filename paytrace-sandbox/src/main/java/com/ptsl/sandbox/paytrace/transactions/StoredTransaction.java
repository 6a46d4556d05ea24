package com.ptsl.sandbox.paytrace.transactions;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * One transaction as PayTrace keeps it. Immutable, so exports can read it while sales are being added.
 * Holds the card only in masked form ({@code ************5439}); the full number never reaches the store.
 *
 * @param transactionType  export {@code transaction_type}: SALE, or DECLINED for a declined sale
 * @param amount           dollars, exact
 * @param taxAmount        as PayTrace exports it: a string with two decimals, or "" when none was sent
 * @param statusCode       Y (approved, will settle), N (declined or voided), GB&lt;batch&gt; once settled
 * @param settledAt        null until settled (no settlement yet in this sandbox)
 */
public record StoredTransaction(long transactionId, String transactionType, int responseCode, BigDecimal amount,
                                String maskedCardNumber, int expirationMonth, int expirationYear,
                                String description, String invoiceId, String customerReferenceId,
                                String receiptEmailedTo, String taxAmount, Address billingAddress,
                                Address shippingAddress, String approvalCode, String approvalMessage,
                                String avsResponse, String cscResponse, String statusCode, String statusMessage,
                                Instant createdAt, String createdBy, String fromIp, Instant settledAt,
                                String customerId, String integratorId) {

    public StoredTransaction {
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(createdAt, "createdAt");
        if (maskedCardNumber == null || maskedCardNumber.chars().filter(Character::isDigit).count() > 4) {
            // A guard against a future change routing the full number here by mistake.
            throw new IllegalArgumentException("the card number must be stored masked");
        }
    }
}
