package com.ptsl.reconciler.log;

import java.time.LocalDate;

/**
 * The fields of one PayTrace export record that say what it means for cash (paytrace-api.md §3.1): texts trimmed, ""
 * when absent.
 *
 * @param responseCode the record's own response_code, or {@link #NO_RESPONSE_CODE} (exports usually carry none)
 * @param amountCents  the amount in cents, as PayTrace prints it (a refund may be printed either sign)
 * @param createdDay   the day of created.at (merchant-local), or null when the record has no readable one
 */
public record PayTraceRecord(String transactionId, String transactionType, String statusCode, String statusMessage,
                             String approvalMessage, String cscResponse, int responseCode, long amountCents, LocalDate createdDay) {

    public static final int NO_RESPONSE_CODE = -1;
}
