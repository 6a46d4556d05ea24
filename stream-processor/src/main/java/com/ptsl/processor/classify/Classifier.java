package com.ptsl.processor.classify;

import com.ptsl.processor.parse.PayTraceTransaction;

import java.util.Locale;

/**
 * Decides a record's {@link TransactionKind} from transaction_type × status_code × messages
 * (paytrace-api.md §3.1 and §8). Pure and total: an unrecognised combination is UNKNOWN, never an error.
 *
 * <p>Order matters: status N overrides the type, because a SALE that was voided or declined is
 * still exported with transaction_type SALE.
 */
public final class Classifier {

    private static final int AUTO_VOIDED = 103;

    private Classifier() {
    }

    public static TransactionKind classify(PayTraceTransaction tx) {
        String type = upper(tx.transactionType());
        String status = upper(tx.statusCode());
        String statusMessage = upper(tx.statusMessage());

        if (type.equals("DECLINED")) {
            return TransactionKind.DECLINED;
        }
        if (type.equals("VOID")) {
            return TransactionKind.VOIDED;
        }
        if (tx.responseCode().isPresent() && tx.responseCode().getAsInt() == AUTO_VOIDED) {
            return TransactionKind.VOIDED;
        }
        if (status.equals("N")) {
            return notCompleted(type, statusMessage, upper(tx.approvalMessage()));
        }
        boolean settled = isSettled(status);
        boolean pending = status.equals("Y");
        if (!settled && !pending) {
            return TransactionKind.UNKNOWN;
        }
        return switch (type) {
            case "SALE" -> settled ? TransactionKind.SALE_SETTLED : TransactionKind.SALE_APPROVED;
            // A captured authorization keeps its type; Y/GB tells it was captured.
            case "AUTHORIZATION" -> TransactionKind.CAPTURED;
            case "REFUND" -> TransactionKind.REFUNDED;
            default -> TransactionKind.UNKNOWN;
        };
    }

    /** Status N: voided, declined, or an authorization that was not captured. */
    private static TransactionKind notCompleted(String type, String statusMessage, String approvalMessage) {
        // "voided" also matches the 103 text "...approved. However, it was voided because ..." in exports without a code.
        if (statusMessage.contains("VOID")) {
            return TransactionKind.VOIDED;
        }
        if (statusMessage.contains("DECL") || approvalMessage.contains("DECL")) {
            return TransactionKind.DECLINED;
        }
        if (type.equals("AUTHORIZATION") || statusMessage.contains("AUTHORIZATION ONLY")) {
            return TransactionKind.AUTHORIZED;
        }
        return TransactionKind.UNKNOWN;
    }

    /** GB&lt;batch#&gt;, or any code that says Settled (moqui's reading of the detail record schema). */
    private static boolean isSettled(String status) {
        return status.startsWith("GB") || status.contains("SETTLED");
    }

    private static String upper(String s) {
        return s.trim().toUpperCase(Locale.ROOT);
    }
}
