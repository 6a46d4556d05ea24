package com.ptsl.sandbox.paytrace.export;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.ptsl.sandbox.paytrace.dates.PayTraceDates;
import com.ptsl.sandbox.paytrace.http.Json;
import com.ptsl.sandbox.paytrace.transactions.Address;
import com.ptsl.sandbox.paytrace.transactions.StoredTransaction;

import java.math.BigDecimal;
import java.time.ZoneId;

/**
 * One export record in exactly the shape of reference §3.1, fields in PayTrace's order; a refund/for_transaction
 * record adds {@code original_transaction_id} at the end.
 */
public final class TransactionRecordJson {

    private TransactionRecordJson() {
    }

    public static ObjectNode toJson(StoredTransaction t, ZoneId merchantZone) {
        ObjectNode record = Json.object();
        record.put("transaction_id", t.transactionId());
        ObjectNode card = record.putObject("credit_card");
        card.put("masked_number", t.maskedCardNumber());
        card.put("expiration_month", t.expirationMonth());
        card.put("expiration_year", t.expirationYear() % 100); // exports show two digits
        record.put("transaction_type", t.transactionType());
        record.put("description", t.description());
        record.put("amount", exportAmount(t.amount()));
        record.put("invoice_id", t.invoiceId());
        putAddress(record.putObject("shipping_address"), t.shippingAddress(), true);
        putAddress(record.putObject("billing_address"), t.billingAddress(), false);
        record.put("receipt_emailed_to", t.receiptEmailedTo());
        record.put("tax_amount", t.taxAmount());
        record.put("customer_reference_id", t.customerReferenceId());
        record.put("approval_code", t.approvalCode());
        record.put("approval_message", t.approvalMessage());
        record.put("avs_response", t.avsResponse());
        record.put("csc_response", t.cscResponse());
        record.put("status_code", t.statusCode());
        record.put("status_message", t.statusMessage());
        ObjectNode created = record.putObject("created");
        created.put("through", "API");
        created.put("at", PayTraceDates.formatTimestamp(t.createdAt(), merchantZone));
        created.put("by", t.createdBy());
        created.put("from_ip", t.fromIp());
        record.put("settled", t.settledAt() == null ? "" : PayTraceDates.formatTimestamp(t.settledAt(), merchantZone));
        record.put("customer_id", t.customerId());
        if (t.originalTransactionId() != null) {
            // Invented (docs/sandbox-inventions.md): PayTrace documents no field linking a refund to its original.
            record.put("original_transaction_id", t.originalTransactionId().longValue());
        }
        return record;
    }

    /**
     * Exports carry the amount as a JSON number without trailing zeros (110 for $110.00, 12.3 for $12.30), as in
     * the documented example; the scale is clamped at 0 so 110 never prints as 1.1E+2.
     */
    public static BigDecimal exportAmount(BigDecimal amount) {
        BigDecimal stripped = amount.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    /** Billing addresses have no county in exports; shipping addresses do. */
    private static void putAddress(ObjectNode node, Address a, boolean withCounty) {
        node.put("name", a.name());
        node.put("street_address", a.streetAddress());
        node.put("street_address2", a.streetAddress2());
        node.put("city", a.city());
        if (withCounty) {
            node.put("county", a.county());
        }
        node.put("state", a.state());
        node.put("zip", a.zip());
        node.put("country", a.country());
    }
}
