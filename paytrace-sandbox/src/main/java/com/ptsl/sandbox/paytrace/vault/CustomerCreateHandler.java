package com.ptsl.sandbox.paytrace.vault;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.ptsl.sandbox.paytrace.errors.PayTraceErrors;
import com.ptsl.sandbox.paytrace.http.Json;
import com.ptsl.sandbox.paytrace.http.RequestBodies;
import com.ptsl.sandbox.paytrace.transactions.Address;
import com.ptsl.sandbox.paytrace.transactions.CardOnFile;
import io.javalin.http.Context;
import io.javalin.http.Handler;

/**
 * {@code POST /v1/customer/create} {customer_id, credit_card{number, expiration_month, expiration_year},
 * billing_address} (reference §4). Keeps only the masked card. Replies 160, or 171 for a customer id already taken.
 */
public final class CustomerCreateHandler implements Handler {

    private final CustomerVault vault;

    public CustomerCreateHandler(CustomerVault vault) {
        this.vault = vault;
    }

    @Override
    public void handle(Context ctx) {
        ObjectNode body = RequestBodies.body(ctx);
        PayTraceErrors.Collector errors = new PayTraceErrors.Collector();
        String customerId = RequestBodies.text(body, "customer_id");
        if (customerId == null || customerId.isBlank()) {
            errors.add(PayTraceErrors.CUSTOMER_ID, PayTraceErrors.MSG_CUSTOMER_ID);
        }
        CardOnFile card = CardOnFile.read(body.get("credit_card"), errors);
        errors.throwIfAny();

        Address billing = Address.fromRequest(body.get("billing_address"));
        if (!vault.create(new VaultedCustomer(customerId, card, billing))) {
            throw PayTraceErrors.v1(PayTraceErrors.DUPLICATE_CUSTOMER_ID, PayTraceErrors.MSG_DUPLICATE_CUSTOMER_ID);
        }
        ObjectNode reply = Json.object();
        reply.put("success", true);
        reply.put("response_code", 160);
        reply.put("status_message", "The customer profile for " + customerId + "/" + billing.name()
                + " was successfully created.");
        reply.put("customer_id", customerId);
        reply.put("masked_card_number", card.replyMask());
        Json.respond(ctx, 200, reply);
    }
}
