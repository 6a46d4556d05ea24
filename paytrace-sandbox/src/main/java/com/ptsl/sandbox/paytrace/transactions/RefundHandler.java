package com.ptsl.sandbox.paytrace.transactions;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.ptsl.sandbox.paytrace.SandboxConfig;
import com.ptsl.sandbox.paytrace.errors.PayTraceErrors;
import com.ptsl.sandbox.paytrace.http.Json;
import com.ptsl.sandbox.paytrace.http.RequestBodies;
import io.javalin.http.Context;

import java.math.BigDecimal;

/**
 * {@code refund/for_transaction} {transaction_id, amount?} and {@code refund/keyed} (card + amount), reference §2.
 * A refund is a new transaction (new id), type REFUND, pending settlement, with a positive amount.
 *
 * <p>for_transaction refunds only a settled SALE or captured AUTHORIZATION (else 817), in full or in parts whose
 * sum never exceeds the settled amount (else 39 with an invented message). Voided refunds do not count towards that
 * sum. Without {@code amount} it refunds whatever is left (invented: PayTrace does not say). The new record copies
 * the original's invoice, references, customer, description, addresses and card, and carries the invented
 * {@code original_transaction_id}.
 */
public final class RefundHandler {

    private static final int REFUNDED = 106;

    private final TransactionStore store;
    private final SandboxConfig config;

    public RefundHandler(TransactionStore store, SandboxConfig config) {
        this.store = store;
        this.config = config;
    }

    public void forTransaction(Context ctx) {
        ObjectNode body = RequestBodies.body(ctx);
        long originalId = TransactionRefs.requireId(body);
        BigDecimal requested = CaptureHandler.optionalAmount(body);
        String createdBy = CreatedBy.apiUser(ctx, config);
        String fromIp = ctx.ip();
        String integratorId = RequestBodies.textOrEmpty(body, "integrator_id");

        // Under the store's write lock: the check of what is left and the new refund are one step, so two
        // concurrent partial refunds cannot together exceed the settled amount.
        StoredTransaction refund = store.add((id, now) -> {
            StoredTransaction original = store.byId(originalId).orElseThrow(TransactionRefs::notFound);
            if (!refundable(original)) {
                throw PayTraceErrors.v1(PayTraceErrors.NOT_REFUNDABLE, PayTraceErrors.MSG_NOT_REFUNDABLE);
            }
            BigDecimal left = original.amount().subtract(refundedSoFar(originalId));
            BigDecimal amount = requested == null ? left : requested;
            if (amount.signum() <= 0 || amount.compareTo(left) > 0) {
                throw PayTraceErrors.v1(PayTraceErrors.AMOUNT, PayTraceErrors.MSG_REFUND_OVER_SETTLED);
            }
            return new StoredTransaction(id, ProcessorRules.TYPE_REFUND, REFUNDED, amount,
                    original.maskedCardNumber(), original.expirationMonth(), original.expirationYear(),
                    original.description(), original.invoiceId(), original.customerReferenceId(), "", "",
                    original.billingAddress(), original.shippingAddress(), "", "", "", "",
                    Statuses.PENDING, Statuses.MSG_PENDING_SETTLEMENT, now, createdBy, fromIp, null,
                    original.customerId(), integratorId, originalId);
        });
        reply(ctx, refund);
    }

    public void keyed(Context ctx) {
        ObjectNode body = RequestBodies.body(ctx);
        ChargeRequest request = ChargeRequest.keyed(body);
        String createdBy = CreatedBy.apiUser(ctx, config);
        String fromIp = ctx.ip();
        StoredTransaction refund = store.add((id, now) -> new StoredTransaction(id, ProcessorRules.TYPE_REFUND,
                REFUNDED, request.amount(), request.card().maskedNumber(), request.card().expirationMonth(),
                request.card().expirationYear(), request.description(), request.invoiceId(),
                request.customerReferenceId(), request.email(), request.taxAmount(), request.billing(),
                request.shipping(), "", "", "", "", Statuses.PENDING, Statuses.MSG_PENDING_SETTLEMENT, now,
                createdBy, fromIp, null, "", request.integratorId(), null));
        reply(ctx, refund);
    }

    /** Money that reached the merchant: a settled sale or a settled captured authorization. */
    private static boolean refundable(StoredTransaction t) {
        boolean charge = ProcessorRules.TYPE_SALE.equals(t.transactionType())
                || ProcessorRules.TYPE_AUTHORIZATION.equals(t.transactionType());
        return charge && t.settled();
    }

    private BigDecimal refundedSoFar(long originalId) {
        return store.matching(t -> t.originalTransactionId() != null && t.originalTransactionId() == originalId
                        && !t.voided())
                .stream()
                .map(StoredTransaction::amount)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    private static void reply(Context ctx, StoredTransaction refund) {
        ObjectNode reply = Json.object();
        reply.put("success", true);
        reply.put("response_code", REFUNDED);
        reply.put("status_message", "Your transaction was successfully refunded.");
        reply.put("transaction_id", refund.transactionId());
        reply.put("external_transaction_id", "");
        reply.put("masked_card_number", CardChecks.replyMask(refund.maskedCardNumber()));
        Json.respond(ctx, 200, reply);
    }
}
