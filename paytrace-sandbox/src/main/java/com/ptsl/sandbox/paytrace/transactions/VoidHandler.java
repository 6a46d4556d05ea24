package com.ptsl.sandbox.paytrace.transactions;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.ptsl.sandbox.paytrace.errors.PayTraceErrors;
import com.ptsl.sandbox.paytrace.http.Json;
import com.ptsl.sandbox.paytrace.http.RequestBodies;
import io.javalin.http.Context;
import io.javalin.http.Handler;

/**
 * {@code POST /v1/transactions/void} {transaction_id} (reference §2): voids a transaction pending settlement (a
 * sale, a captured authorization, a refund) or an uncaptured authorization; the record becomes N "Voided" with type
 * and amount unchanged. 58 bad id, 811 unknown, 818 anything else (settled, declined, already voided, expired).
 */
public final class VoidHandler implements Handler {

    private final TransactionStore store;

    public VoidHandler(TransactionStore store) {
        this.store = store;
    }

    @Override
    public void handle(Context ctx) {
        ObjectNode body = RequestBodies.body(ctx);
        long id = TransactionRefs.requireId(body);
        StoredTransaction voided = store.update(id, t -> {
            if (!t.pendingSettlement() && !t.uncapturedAuthorization()) {
                throw PayTraceErrors.v1(PayTraceErrors.NOT_VOIDABLE, PayTraceErrors.MSG_NOT_VOIDABLE);
            }
            return t.withStatus(Statuses.NOT_SETTLING, Statuses.MSG_VOIDED);
        }).orElseThrow(TransactionRefs::notFound);

        // PayTrace's void reply has no external_transaction_id (reference §2).
        ObjectNode reply = Json.object();
        reply.put("success", true);
        reply.put("response_code", 109);
        reply.put("status_message", "Your transaction was successfully voided.");
        reply.put("transaction_id", voided.transactionId());
        Json.respond(ctx, 200, reply);
    }
}
