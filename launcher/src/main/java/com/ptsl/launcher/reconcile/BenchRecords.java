package com.ptsl.launcher.reconcile;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Locale;

/**
 * PayTrace export records as text, in the sandbox's shape (TransactionRecordJson: reference §3.1's fields in
 * PayTrace's order, amounts as JSON numbers without trailing zeros, {@code created.at} as {@code M/d/yyyy h:mm:ss a}
 * merchant-local), written with a StringBuilder because the benchmark makes a million of them.
 */
final class BenchRecords {

    static final DateTimeFormatter PAYTRACE_TIME = DateTimeFormatter.ofPattern("M/d/yyyy h:mm:ss a", Locale.US);

    private static final String[] NAMES = {"Ava Martinez", "Noah Chen", "Mia Johnson", "Liam Patel", "Emma Garcia",
            "Oliver Smith", "Sofia Rossi", "Lucas Müller", "Isabella Brown", "Ethan Nguyen", "Amelia Wilson",
            "Mason Davis", "Harper Lee", "Logan Clark", "Evelyn Lewis", "Elijah Walker"};
    private static final String[] STREETS = {"100 Main St", "2040 Pine Ave", "7 Harbor Way", "55 Oak Ct", "918 Elm Rd",
            "3120 Cedar Blvd", "14 Lakeview Dr", "600 Market St"};
    private static final String[] CITIES = {"Spokane,WA,99201", "Portland,OR,97204", "Boise,ID,83702",
            "Sacramento,CA,95814", "Reno,NV,89501", "Tacoma,WA,98402"};

    /** What varies between the records of one transaction and between transactions. */
    record Tx(String transactionId, String type, BigDecimal amount, String invoiceId, String customerReferenceId,
              String approvalCode, String approvalMessage, String avsResponse, String cscResponse, String statusCode,
              String statusMessage, LocalDateTime createdAt, LocalDateTime settledAt, String originalTransactionId,
              int person) {

        Tx withStatus(String code, String message, LocalDateTime settled) {
            return new Tx(transactionId, type, amount, invoiceId, customerReferenceId, approvalCode, approvalMessage,
                    avsResponse, cscResponse, code, message, createdAt, settled, originalTransactionId, person);
        }
    }

    private BenchRecords() {
    }

    static String json(Tx t) {
        String name = NAMES[t.person() % NAMES.length];
        String street = STREETS[t.person() % STREETS.length];
        String[] city = CITIES[t.person() % CITIES.length].split(",");
        int last4 = 1000 + (t.person() * 7919) % 9000;
        StringBuilder b = new StringBuilder(900);
        b.append("{\"transaction_id\":").append(t.transactionId());
        b.append(",\"credit_card\":{\"masked_number\":\"************").append(last4)
                .append("\",\"expiration_month\":").append(1 + t.person() % 12)
                .append(",\"expiration_year\":").append(27 + t.person() % 5).append('}');
        str(b, "transaction_type", t.type());
        str(b, "description", t.invoiceId().isEmpty() ? "Payment" : "Invoice " + t.invoiceId());
        b.append(",\"amount\":").append(exportAmount(t.amount()).toPlainString());
        str(b, "invoice_id", t.invoiceId());
        b.append(",\"shipping_address\":{");
        address(b, name, street, city, true);
        b.append("},\"billing_address\":{");
        address(b, name, street, city, false);
        b.append('}');
        str(b, "receipt_emailed_to", "");
        str(b, "tax_amount", "");
        str(b, "customer_reference_id", t.customerReferenceId());
        str(b, "approval_code", t.approvalCode());
        str(b, "approval_message", t.approvalMessage());
        str(b, "avs_response", t.avsResponse());
        str(b, "csc_response", t.cscResponse());
        str(b, "status_code", t.statusCode());
        str(b, "status_message", t.statusMessage());
        b.append(",\"created\":{\"through\":\"API\"");
        str(b, "at", PAYTRACE_TIME.format(t.createdAt()));
        str(b, "by", "ptsl_api");
        str(b, "from_ip", "10.20.0." + (10 + t.person() % 200));
        b.append('}');
        str(b, "settled", t.settledAt() == null ? "" : PAYTRACE_TIME.format(t.settledAt()));
        str(b, "customer_id", "");
        if (t.originalTransactionId() != null) {
            b.append(",\"original_transaction_id\":").append(t.originalTransactionId());
        }
        return b.append('}').toString();
    }

    /** A settlement batch summary as BatchSummaryJson writes it. */
    static String batchJson(int number, LocalDateTime created, int count, BigDecimal net, int sales, BigDecimal salesAmount,
                            int refunds, BigDecimal refundAmount) {
        return "{\"number\":" + number + ",\"created\":\"" + PAYTRACE_TIME.format(created) + "\",\"transaction_count\":" + count
                + ",\"net_amount\":" + exportAmount(net).toPlainString() + ",\"sales_count\":" + sales
                + ",\"sales_amount\":" + exportAmount(salesAmount).toPlainString() + ",\"refund_count\":" + refunds
                + ",\"refund_amount\":" + exportAmount(refundAmount).toPlainString() + "}";
    }

    /** 110 for 110.00, 12.3 for 12.30, as exports show amounts. */
    static BigDecimal exportAmount(BigDecimal amount) {
        BigDecimal stripped = amount.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0, RoundingMode.UNNECESSARY) : stripped;
    }

    /**
     * SHA-256 (hex) of the record text. The gateway hashes a canonical form (keys sorted); the benchmark writes every
     * record's keys in one fixed order, so equal content still means equal fingerprint, without parsing a million
     * records back.
     */
    static String fingerprint(String text) {
        return HEX.formatHex(SHA256.get().digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static final HexFormat HEX = HexFormat.of();

    /** MessageDigest.getInstance looks the provider up each time; a million records notice. */
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    });

    private static void address(StringBuilder b, String name, String street, String[] city, boolean county) {
        b.append("\"name\":\"").append(name).append('"');
        str(b, "street_address", street);
        str(b, "street_address2", "");
        str(b, "city", city[0]);
        if (county) {
            str(b, "county", "");
        }
        str(b, "state", city[1]);
        str(b, "zip", city[2]);
        str(b, "country", "US");
    }

    /** {@code ,"name":"value"}; the values written here never hold a quote, a backslash or a control character. */
    private static void str(StringBuilder b, String name, String value) {
        b.append(",\"").append(name).append("\":\"").append(value).append('"');
    }
}
