package com.ptsl.gateway.poll;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Locale;

/**
 * Whether a PayTrace transaction record can still change: the one reading of record content the gateway does.
 *
 * <p>Why it lives here and not in the stream processor, which classifies records: PayTrace changes records in place
 * and has no change feed, so a record created before the poll window would never be seen again unless the gateway
 * keeps re-reading it by id. Deciding how long to keep re-reading needs this one fact, and nothing else of the
 * record's meaning; the gateway still publishes every version verbatim and leaves classification downstream.
 *
 * <p>Terminal (design contract, issue 7):
 * <ul>
 *   <li>settled: {@code status_code} {@code GB<batch#>}, or containing "Settled" (reference §3.1);</li>
 *   <li>{@code transaction_type} {@code DECLINED};</li>
 *   <li>{@code status_code} {@code N} with a message saying voided, declined or expired ("Voided", "Declined",
 *       "Authorization Expired"; matched on VOID / DECL / EXPIRED as PayTrace clients parse them, reference §3.1).</li>
 * </ul>
 * Everything else stays open: {@code Y} (pending settlement, may be voided or settled), {@code N Authorization Only}
 * (may be captured, voided or expire), and any status this rule does not know: following an unknown record too long
 * costs a few reads, missing its change would lose a fact.
 */
public final class TerminalStatus {

    private TerminalStatus() {
    }

    /** True if PayTrace will not change this record any more (see the class comment for the rule). */
    public static boolean isTerminal(JsonNode record) {
        if (record == null) {
            return false;
        }
        String type = upper(record.path("transaction_type").asText(""));
        String code = upper(record.path("status_code").asText(""));
        String message = upper(record.path("status_message").asText(""));
        if (code.startsWith("GB") || code.contains("SETTLED")) {
            return true;
        }
        if ("DECLINED".equals(type)) {
            return true;
        }
        return "N".equals(code) && (message.contains("VOID") || message.contains("DECL") || message.contains("EXPIRED"));
    }

    private static String upper(String text) {
        return text.trim().toUpperCase(Locale.ROOT);
    }
}
