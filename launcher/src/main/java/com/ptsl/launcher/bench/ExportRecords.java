package com.ptsl.launcher.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.ptsl.sandbox.paytrace.export.TransactionRecordJson;
import com.ptsl.sandbox.paytrace.transactions.Address;
import com.ptsl.sandbox.paytrace.transactions.ProcessorRules;
import com.ptsl.sandbox.paytrace.transactions.StoredTransaction;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/**
 * Approved sales in exactly the shape PayTrace's {@code export/by_id} returns them: built as the PayTrace sandbox stores a
 * sale ({@link ProcessorRules#decide}: approval code, AVS and CSC answers, status Y) and rendered by the sandbox's own
 * export writer, so the pushed bodies are the records a partner would forward, field for field. Card numbers are masked,
 * as in every export.
 */
public final class ExportRecords {

    private static final List<String> MASKED_CARDS = List.of("************5439", "************0005", "************0000",
            "************1111");
    private static final List<String> CITIES = List.of("Spokane", "Seattle", "Portland", "Boise");
    private static final List<String> STREETS = List.of("8320 E. West St.", "1201 Main Ave.", "77 Harbor Way", "450 Pine St.");

    private final ZoneId merchantZone;

    public ExportRecords(ZoneId merchantZone) {
        this.merchantZone = merchantZone;
    }

    /**
     * An approved keyed card sale pending settlement.
     *
     * @param invoiceId           PayTrace {@code invoice_id} (the SL invoice RefNbr it pays), "" for none
     * @param customerReferenceId PayTrace {@code customer_reference_id} (the SL CustId), "" for none
     * @param description         PayTrace {@code description}
     */
    public ObjectNode sale(long transactionId, BigDecimal amount, String invoiceId, String customerReferenceId,
                           String description, Instant createdAt) {
        int n = (int) (transactionId % 4);
        Address billing = new Address("Customer " + customerReferenceId, STREETS.get(n), "", CITIES.get(n), "",
                "WA", "9920" + n, "US");
        Address shipping = new Address("Customer " + customerReferenceId, STREETS.get(n), "Suite " + (100 + n), CITIES.get(n),
                "Spokane", "WA", "9920" + n, "US");
        ProcessorRules.Outcome o = ProcessorRules.decide(transactionId, amount, csc(n), true, false);
        if (o.responseCode() != 101) {
            throw new IllegalArgumentException("PayTrace's sandbox would not approve a sale of " + amount + " (response "
                    + o.responseCode() + "); the benchmark pushes approved sales only");
        }
        StoredTransaction t = new StoredTransaction(transactionId, o.transactionType(), o.responseCode(), amount,
                MASKED_CARDS.get(n), 1 + n * 3, 2029 + n, description, invoiceId, customerReferenceId,
                "ap" + n + "@customer.example", "", billing, shipping, o.approvalCode(), o.approvalMessage(),
                o.avsResponse(), o.cscResponse(), o.statusCode(), o.exportStatusMessage(), createdAt, "bench-partner",
                "10.0.0." + (10 + n), null, "", "", null);
        return TransactionRecordJson.toJson(t, merchantZone);
    }

    private static String csc(int n) {
        return n % 2 == 0 ? "" : "123"; // some sales with a CSC check, some without; never the sandbox's auto-void 999
    }
}
