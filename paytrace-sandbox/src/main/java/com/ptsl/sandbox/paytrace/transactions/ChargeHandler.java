package com.ptsl.sandbox.paytrace.transactions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.ptsl.sandbox.paytrace.SandboxConfig;
import com.ptsl.sandbox.paytrace.http.Json;
import com.ptsl.sandbox.paytrace.http.RequestBodies;
import io.javalin.http.Context;
import io.javalin.http.Handler;

import java.time.Clock;
import java.time.YearMonth;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * {@code sale/keyed}, {@code sale/by_customer}, {@code authorization/keyed} and {@code authorization/by_customer}
 * (reference §2): the same validation and processor rules; a sale is pending settlement when approved, an
 * authorization stays "Authorization Only" until captured.
 */
public final class ChargeHandler implements Handler {

    public enum Kind { SALE, AUTHORIZATION }

    private final Kind kind;
    private final Function<JsonNode, ChargeRequest> reader;
    private final TransactionStore store;
    private final SandboxConfig config;
    private final Clock clock;
    private final Consumer<StoredTransaction> onMade;

    /**
     * @param reader validates the body (keyed card or vault customer) and throws PayTrace's errors
     * @param onMade told of every transaction made (approved, declined or auto-voided), after it is stored and before
     *             the reply; must return at once (the push hooks only queue)
     */
    public ChargeHandler(Kind kind, Function<JsonNode, ChargeRequest> reader, TransactionStore store,
                         SandboxConfig config, Clock clock, Consumer<StoredTransaction> onMade) {
        this.kind = kind;
        this.reader = reader;
        this.store = store;
        this.config = config;
        this.clock = clock;
        this.onMade = onMade;
    }

    @Override
    public void handle(Context ctx) {
        ObjectNode body = RequestBodies.body(ctx);
        ChargeRequest request = reader.apply(body);
        boolean expired = request.card().expiredBefore(YearMonth.now(clock.withZone(config.merchantZone())));
        String createdBy = CreatedBy.apiUser(ctx, config);
        String fromIp = ctx.ip();

        // The outcome depends on the id (approval code), which only the store hands out.
        ProcessorRules.Outcome[] decided = new ProcessorRules.Outcome[1];
        StoredTransaction made = store.add((id, now) -> {
            ProcessorRules.Outcome o = ProcessorRules.decide(id, request.amount(), request.csc(),
                    request.billing().verifiable(), expired);
            if (kind == Kind.AUTHORIZATION) {
                o = o.asAuthorization();
            }
            decided[0] = o;
            return new StoredTransaction(id, o.transactionType(), o.responseCode(), request.amount(),
                    request.card().maskedNumber(), request.card().expirationMonth(),
                    request.card().expirationYear(), request.description(), request.invoiceId(),
                    request.customerReferenceId(), request.email(), request.taxAmount(), request.billing(),
                    request.shipping(), o.approvalCode(), o.approvalMessage(), o.avsResponse(), o.cscResponse(),
                    o.statusCode(), o.exportStatusMessage(), now, createdBy, fromIp, null, request.customerId(),
                    request.integratorId(), null);
        });
        ProcessorRules.Outcome outcome = decided[0];
        onMade.accept(made);

        // Field order as in PayTrace's replies (reference §2, "Transaction response fields").
        ObjectNode reply = Json.object();
        reply.put("success", outcome.success());
        reply.put("response_code", outcome.responseCode());
        reply.put("status_message", outcome.statusMessage());
        reply.put("transaction_id", made.transactionId());
        reply.put("approval_code", outcome.approvalCode());
        reply.put("approval_message", outcome.approvalMessage());
        reply.put("avs_response", outcome.avsResponse());
        reply.put("csc_response", outcome.cscResponse());
        reply.put("external_transaction_id", "");
        reply.put("masked_card_number", CardChecks.replyMask(made.maskedCardNumber()));
        Json.respond(ctx, outcome.httpOk() ? 200 : config.declineHttpStatus(), reply);
    }
}
