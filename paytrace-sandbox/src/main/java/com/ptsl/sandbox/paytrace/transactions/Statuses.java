package com.ptsl.sandbox.paytrace.transactions;

import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code status_code} / {@code status_message} pairs of export records (reference §3.1, "Status semantics"):
 * Y will settle at the next cut-off, N will never settle, GB&lt;batch&gt; has settled into that batch.
 */
public final class Statuses {

    public static final String PENDING = "Y";
    public static final String NOT_SETTLING = "N";

    public static final String MSG_PENDING_SETTLEMENT = "Pending Settlement";
    public static final String MSG_AUTHORIZATION_ONLY = "Authorization Only";
    public static final String MSG_VOIDED = "Voided";
    public static final String MSG_DECLINED = "Declined";
    /**
     * Invented (docs/sandbox-inventions.md): PayTrace documents no status for an authorization nobody captured in
     * time. The sandbox gives such an authorization this message at the cut-off after its expiry age.
     */
    public static final String MSG_AUTHORIZATION_EXPIRED = "Authorization Expired";

    private static final Pattern SETTLED = Pattern.compile("^GB(\\d{1,9})$");

    private Statuses() {
    }

    /** {@code GB571}: PayTrace shows the batch number only inside the status code, and repeats it as the message. */
    public static String settledCode(int batchNumber) {
        return "GB" + batchNumber;
    }

    /** The batch of a settled status code, empty for Y, N and anything else. */
    public static OptionalInt batchOf(String statusCode) {
        Matcher m = statusCode == null ? null : SETTLED.matcher(statusCode);
        return m != null && m.matches() ? OptionalInt.of(Integer.parseInt(m.group(1))) : OptionalInt.empty();
    }
}
