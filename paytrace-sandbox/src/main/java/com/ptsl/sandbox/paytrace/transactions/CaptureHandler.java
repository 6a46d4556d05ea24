package com.ptsl.sandbox.paytrace.transactions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.ptsl.sandbox.paytrace.errors.PayTraceErrors;
import com.ptsl.sandbox.paytrace.http.Json;
import com.ptsl.sandbox.paytrace.http.RequestBodies;
import io.javalin.http.Context;
import io.javalin.http.Handler;

import java.math.BigDecimal;

/**
 * {@code POST /v1/transactions/authorization/capture} {transaction_id, amount?} (reference §2): captures an
 * approved, uncaptured authorization in full (no amount) or in part. The same id then is pending settlement for the
 * captured amount. 58 bad id, 811 unknown, 816 not capturable, 39 (invented) more than authorized.
 */
public final class CaptureHandler implements Handler {

    private final TransactionStore store;

    public CaptureHandler(TransactionStore store) {
        this.store = store;
    }

    @Override
    public void handle(Context ctx) {
        ObjectNode body = RequestBodies.body(ctx);
        long id = TransactionRefs.requireId(body);
        BigDecimal requested = optionalAmount(body);
        StoredTransaction captured = store.update(id, auth -> {
            if (!auth.uncapturedAuthorization()) {
                throw PayTraceErrors.v1(PayTraceErrors.NOT_CAPTURABLE, PayTraceErrors.MSG_NOT_CAPTURABLE);
            }
            BigDecimal amount = requested == null ? auth.amount() : requested;
            if (amount.compareTo(auth.amount()) > 0) {
                throw PayTraceErrors.v1(PayTraceErrors.AMOUNT, PayTraceErrors.MSG_CAPTURE_OVER_AUTHORIZED);
            }
            return auth.captured(amount);
        }).orElseThrow(TransactionRefs::notFound);

        ObjectNode reply = Json.object();
        reply.put("success", true);
        reply.put("response_code", 112);
        reply.put("status_message", "Your transaction was successfully captured.");
        reply.put("transaction_id", captured.transactionId());
        reply.put("external_transaction_id", "");
        Json.respond(ctx, 200, reply);
    }

    /** Null when absent or blank (the whole amount); error 39 when sent but not a positive amount. */
    static BigDecimal optionalAmount(ObjectNode body) {
        JsonNode node = body.get("amount");
        if (node == null || node.isNull() || (node.isTextual() && node.asText().isBlank())) {
            return null;
        }
        BigDecimal amount = Money.parseAmount(node);
        if (amount == null) {
            throw PayTraceErrors.v1(PayTraceErrors.AMOUNT, PayTraceErrors.MSG_AMOUNT);
        }
        return amount;
    }
}
