package com.ptsl.sandbox.paytrace.vault;

import com.fasterxml.jackson.databind.JsonNode;
import com.ptsl.sandbox.paytrace.errors.PayTraceErrors;
import com.ptsl.sandbox.paytrace.http.RequestBodies;
import com.ptsl.sandbox.paytrace.transactions.Address;
import com.ptsl.sandbox.paytrace.transactions.ChargeRequest;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * Reads a {@code sale/by_customer} or {@code authorization/by_customer} body: {@code customer_id} instead of a
 * card. An unknown customer is error 30. The billing address is the request's when it sends one, else the
 * profile's.
 */
public final class ByCustomerRequests {

    private final CustomerVault vault;

    public ByCustomerRequests(CustomerVault vault) {
        this.vault = vault;
    }

    public ChargeRequest read(JsonNode body) {
        PayTraceErrors.Collector errors = new PayTraceErrors.Collector();
        BigDecimal amount = ChargeRequest.readAmount(body, errors);
        Optional<VaultedCustomer> customer = vault.byId(RequestBodies.text(body, "customer_id"));
        if (customer.isEmpty()) {
            errors.add(PayTraceErrors.CUSTOMER_ID, PayTraceErrors.MSG_CUSTOMER_ID);
        }
        errors.throwIfAny();
        VaultedCustomer profile = customer.get();
        JsonNode sentBilling = body.get("billing_address");
        Address billing = sentBilling != null && sentBilling.isObject() && !sentBilling.isEmpty()
                ? Address.fromRequest(sentBilling) : profile.billingAddress();
        return ChargeRequest.of(body, amount, profile.card(), billing, profile.customerId());
    }
}
