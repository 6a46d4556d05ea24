package com.ptsl.sandbox.paytrace.push;

import com.ptsl.sandbox.paytrace.transactions.StoredTransaction;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The body of a Secure Checkout Silent Post (reference §7): one form field {@code parmList} of {@code KEY~value|}
 * pairs, in the documented order
 * {@code ORDERID~...|TRANSACTIONID~...|APPCODE~...|APPMSG~...|AVSRESPONSE~...|CSCRESPONSE~...|EMAIL~...|}.
 *
 * <p>Invented where PayTrace is silent: ORDERID is the transaction's {@code invoice_id} (the merchant's order
 * number), EMAIL the receipt address sent with it; PayTrace documents no escaping, so a {@code ~} or {@code |} inside
 * a value becomes a space rather than breaking the list.
 */
public final class SilentPostForm {

    public static final String FIELD = "parmList";
    public static final String CONTENT_TYPE = "application/x-www-form-urlencoded";

    private SilentPostForm() {
    }

    /** The decoded {@code parmList} value. */
    public static String parmList(StoredTransaction t) {
        StringBuilder list = new StringBuilder();
        pair(list, "ORDERID", t.invoiceId());
        pair(list, "TRANSACTIONID", Long.toString(t.transactionId()));
        pair(list, "APPCODE", t.approvalCode());
        pair(list, "APPMSG", t.approvalMessage());
        pair(list, "AVSRESPONSE", t.avsResponse());
        pair(list, "CSCRESPONSE", t.cscResponse());
        pair(list, "EMAIL", t.receiptEmailedTo());
        return list.toString();
    }

    /** {@code parmList=<url-encoded list>}, as a browser-less form post sends it. */
    public static byte[] body(StoredTransaction t) {
        return (FIELD + "=" + URLEncoder.encode(parmList(t), StandardCharsets.UTF_8)).getBytes(StandardCharsets.US_ASCII);
    }

    private static void pair(StringBuilder list, String key, String value) {
        String v = value == null ? "" : value.replace('~', ' ').replace('|', ' ');
        list.append(key).append('~').append(v).append('|');
    }
}
