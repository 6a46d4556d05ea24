package com.ptsl.sandbox.paytrace.transactions;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * One transaction as PayTrace keeps it. Immutable: a lifecycle step (capture, void, settlement) replaces the record
 * in {@link TransactionStore} with a changed copy, so an export sees a transaction either before or after a step,
 * never halfway. Holds the card only in masked form ({@code ************5439}); the full number never reaches the
 * store.
 *
 * @param transactionType       export {@code transaction_type}: SALE, AUTHORIZATION, REFUND, or DECLINED
 * @param amount                dollars, exact; for a captured authorization the captured amount
 * @param taxAmount             as PayTrace exports it: a string with two decimals, or "" when none was sent
 * @param statusCode            Y (will settle), N (declined, voided, not captured, expired), GB&lt;batch&gt; once settled
 * @param createdAt             when the transaction was made; lifecycle steps keep it
 * @param settledAt             the cut-off that settled it, null until then
 * @param customerId            the vault customer a by_customer transaction charged, else ""
 * @param originalTransactionId for a refund/for_transaction, the refunded transaction; null otherwise. Invented:
 *                              PayTrace documents no link field (docs/sandbox-inventions.md)
 */
public record StoredTransaction(long transactionId, String transactionType, int responseCode, BigDecimal amount,
                                String maskedCardNumber, int expirationMonth, int expirationYear,
                                String description, String invoiceId, String customerReferenceId,
                                String receiptEmailedTo, String taxAmount, Address billingAddress,
                                Address shippingAddress, String approvalCode, String approvalMessage,
                                String avsResponse, String cscResponse, String statusCode, String statusMessage,
                                Instant createdAt, String createdBy, String fromIp, Instant settledAt,
                                String customerId, String integratorId, Long originalTransactionId) {

    public StoredTransaction {
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(statusCode, "statusCode");
        if (maskedCardNumber == null || maskedCardNumber.chars().filter(Character::isDigit).count() > 4) {
            // A guard against a future change routing the full number here by mistake.
            throw new IllegalArgumentException("the card number must be stored masked");
        }
    }

    /** Y: settles at the next cut-off; can still be voided. */
    public boolean pendingSettlement() {
        return Statuses.PENDING.equals(statusCode);
    }

    /** An approved authorization nobody has captured, voided or let expire yet. */
    public boolean uncapturedAuthorization() {
        return ProcessorRules.TYPE_AUTHORIZATION.equals(transactionType) && Statuses.NOT_SETTLING.equals(statusCode)
                && Statuses.MSG_AUTHORIZATION_ONLY.equals(statusMessage);
    }

    public boolean voided() {
        return Statuses.NOT_SETTLING.equals(statusCode) && Statuses.MSG_VOIDED.equals(statusMessage);
    }

    public boolean settled() {
        return settledAt != null;
    }

    public OptionalInt batchNumber() {
        return Statuses.batchOf(statusCode);
    }

    /** Same transaction, new status (void, expiry). */
    public StoredTransaction withStatus(String newCode, String newMessage) {
        return copy(amount, newCode, newMessage, settledAt);
    }

    /** A captured authorization: pending settlement for the captured amount. */
    public StoredTransaction captured(BigDecimal capturedAmount) {
        return copy(capturedAmount, Statuses.PENDING, Statuses.MSG_PENDING_SETTLEMENT, settledAt);
    }

    /** Settled into batch {@code batchNumber} at the cut-off {@code at}. */
    public StoredTransaction settledInto(int batchNumber, Instant at) {
        String code = Statuses.settledCode(batchNumber);
        return copy(amount, code, code, at);
    }

    private StoredTransaction copy(BigDecimal newAmount, String newCode, String newMessage, Instant newSettledAt) {
        return new StoredTransaction(transactionId, transactionType, responseCode, newAmount, maskedCardNumber,
                expirationMonth, expirationYear, description, invoiceId, customerReferenceId, receiptEmailedTo,
                taxAmount, billingAddress, shippingAddress, approvalCode, approvalMessage, avsResponse, cscResponse,
                newCode, newMessage, createdAt, createdBy, fromIp, newSettledAt, customerId, integratorId,
                originalTransactionId);
    }
}
