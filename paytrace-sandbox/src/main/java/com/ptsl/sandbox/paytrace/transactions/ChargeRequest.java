package com.ptsl.sandbox.paytrace.transactions;

import com.fasterxml.jackson.databind.JsonNode;
import com.ptsl.sandbox.paytrace.errors.PayTraceErrors;

import java.math.BigDecimal;

import static com.ptsl.sandbox.paytrace.http.RequestBodies.text;
import static com.ptsl.sandbox.paytrace.http.RequestBodies.textOrEmpty;

/**
 * What a sale, authorization or keyed refund asks for, validated (reference §2, "Keyed sale request"): the amount,
 * the card (keyed, or from the vault), and the optional fields PayTrace echoes into exports.
 *
 * @param customerId the vault customer of a by_customer request, "" for keyed ones
 */
public record ChargeRequest(BigDecimal amount, CardOnFile card, String csc, Address billing, Address shipping,
                            String description, String invoiceId, String customerReferenceId, String email,
                            String taxAmount, String integratorId, String customerId) {

    /** A keyed request: {@code amount} and {@code credit_card}; every bad field is reported at once (39, 35, 43, 44). */
    public static ChargeRequest keyed(JsonNode body) {
        PayTraceErrors.Collector errors = new PayTraceErrors.Collector();
        BigDecimal amount = readAmount(body, errors);
        CardOnFile card = CardOnFile.read(body.get("credit_card"), errors);
        errors.throwIfAny();
        return of(body, amount, card, Address.fromRequest(body.get("billing_address")), "");
    }

    /** Error 39 when {@code amount} is missing, not money, not positive or too large. */
    public static BigDecimal readAmount(JsonNode body, PayTraceErrors.Collector errors) {
        BigDecimal amount = Money.parseAmount(body.get("amount"));
        if (amount == null) {
            errors.add(PayTraceErrors.AMOUNT, PayTraceErrors.MSG_AMOUNT);
        }
        return amount;
    }

    /** The optional fields from {@code body}, around an amount and card already validated. */
    public static ChargeRequest of(JsonNode body, BigDecimal amount, CardOnFile card, Address billing,
                                   String customerId) {
        return new ChargeRequest(amount, card, text(body, "csc"), billing,
                Address.fromRequest(body.get("shipping_address")), textOrEmpty(body, "description"),
                textOrEmpty(body, "invoice_id"), textOrEmpty(body, "customer_reference_id"),
                textOrEmpty(body, "email"), Money.formatTax(body.get("tax_amount")),
                textOrEmpty(body, "integrator_id"), customerId);
    }
}
