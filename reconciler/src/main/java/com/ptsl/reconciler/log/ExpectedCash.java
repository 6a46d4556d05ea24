package com.ptsl.reconciler.log;

import com.ptsl.reconciler.model.PayTraceKind;

import java.util.Locale;

/**
 * What PayTrace's final state of a transaction means for cash, decided by the reconciler on its own (the stream
 * processor's classifier is not imported, on purpose: the report is an independent check of it). From the record's
 * transaction_type × status_code × status_message × response_code (paytrace-api.md §3.1 and §8, and what the
 * sandbox sends, docs/sandbox-inventions.md rows 1–3, 12, 13, 17, 18, 20):
 * <ol>
 *   <li>response_code 103 is an auto-void and 102 a decline, whatever else the record says;</li>
 *   <li>type DECLINED is a decline, type VOID a void;</li>
 *   <li>status N never settles: a void (an auto-void when the CSC did not match or the message says so), a decline,
 *       or for an authorization "Authorization Only" / "Authorization Expired";</li>
 *   <li>status Y (pending settlement) or GB&lt;n&gt; / "Settled" (settled): a SALE brings in its amount, an
 *       AUTHORIZATION was captured for its record's amount, a REFUND pays out its amount (printed either sign);</li>
 *   <li>anything else is UNKNOWN, and no cash is expected for it.</li>
 * </ol>
 */
public final class ExpectedCash {

    /** A kind and the cash it means, in cents (+ in, − out). */
    public record Interpretation(PayTraceKind kind, long cents) {
    }

    private ExpectedCash() {
    }

    public static Interpretation of(PayTraceRecord r) {
        String type = upper(r.transactionType());
        String status = upper(r.statusCode());
        String message = upper(r.statusMessage());
        if (r.responseCode() == 103) {
            return none(PayTraceKind.AUTO_VOID);
        }
        if (r.responseCode() == 102) {
            return none(PayTraceKind.DECLINE);
        }
        if (type.equals("DECLINED")) {
            return none(PayTraceKind.DECLINE);
        }
        if (type.equals("VOID")) {
            return none(PayTraceKind.VOID);
        }
        if (status.equals("N")) {
            return notSettling(type, message, upper(r.approvalMessage()), upper(r.cscResponse()));
        }
        if (!status.equals("Y") && settledBatch(r.statusCode()) == null && !status.contains("SETTLED")) {
            return none(PayTraceKind.UNKNOWN);
        }
        long amount = r.amountCents();
        switch (type) {
            case "SALE":
                return amount > 0 ? new Interpretation(PayTraceKind.SALE, amount) : none(PayTraceKind.UNKNOWN);
            case "AUTHORIZATION":
                // A captured authorization keeps its type; its record's amount is what was captured (sandbox row 12).
                return amount > 0 ? new Interpretation(PayTraceKind.CAPTURE, amount) : none(PayTraceKind.UNKNOWN);
            case "REFUND":
                return amount != 0 ? new Interpretation(PayTraceKind.REFUND, -Math.abs(amount)) : none(PayTraceKind.UNKNOWN);
            default:
                return none(PayTraceKind.UNKNOWN);
        }
    }

    /** Status N: PayTrace will never settle it, so no cash whichever way it ended. */
    private static Interpretation notSettling(String type, String message, String approval, String csc) {
        if (message.contains("DID NOT MATCH") || (message.contains("VOID") && csc.contains("NO MATCH"))) {
            return none(PayTraceKind.AUTO_VOID);
        }
        if (message.contains("VOID")) {
            return none(PayTraceKind.VOID);
        }
        if (message.contains("DECL") || message.contains("NOT APPROVED") || approval.contains("DECL")) {
            return none(PayTraceKind.DECLINE);
        }
        if (type.equals("AUTHORIZATION")) {
            return none(message.contains("EXPIRED") ? PayTraceKind.AUTHORIZATION_EXPIRED : PayTraceKind.AUTHORIZATION);
        }
        return none(PayTraceKind.UNKNOWN);
    }

    /** The batch number of a settled status code {@code GB<n>}, or null. */
    public static String settledBatch(String statusCode) {
        String s = statusCode.strip();
        if (s.length() < 3 || !s.regionMatches(true, 0, "GB", 0, 2)) {
            return null;
        }
        for (int i = 2; i < s.length(); i++) {
            if (!Character.isDigit(s.charAt(i))) {
                return null;
            }
        }
        // Batch numbers are compared as PayTrace's digits without leading zeros, as paytrace.batches.raw keys them.
        String digits = s.substring(2).replaceFirst("^0+(?=\\d)", "");
        return digits;
    }

    private static Interpretation none(PayTraceKind kind) {
        return new Interpretation(kind, 0);
    }

    private static String upper(String s) {
        return s.strip().toUpperCase(Locale.ROOT);
    }
}
