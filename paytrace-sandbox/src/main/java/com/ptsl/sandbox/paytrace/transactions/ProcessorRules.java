package com.ptsl.sandbox.paytrace.transactions;

import java.math.BigDecimal;

/**
 * What the (simulated) card processor answers. Deterministic on PayTrace's sandbox triggers so tests can ask
 * for each outcome: amount 1.12 declines (reference §8, "Sandbox test data"), CSC 999 approves then auto-voids
 * (103, a CSC mismatch), a past expiry declines as an expired card, everything else approves (101).
 */
public final class ProcessorRules {

    public static final BigDecimal DECLINE_AMOUNT = new BigDecimal("1.12");
    public static final String AUTO_VOID_CSC = "999";

    public static final String TYPE_SALE = "SALE";
    public static final String TYPE_DECLINED = "DECLINED";
    public static final String TYPE_AUTHORIZATION = "AUTHORIZATION";
    public static final String TYPE_REFUND = "REFUND";

    /** @param httpOk false for a decline, whose HTTP status is configurable */
    public record Outcome(int responseCode, boolean success, boolean httpOk, String statusMessage,
                          String approvalCode, String approvalMessage, String avsResponse, String cscResponse,
                          String transactionType, String statusCode, String exportStatusMessage) {

        /**
         * The same processor answer for an authorization: approved means "Authorization Only" (N until captured),
         * a 103 voids the authorization, a decline is a decline whatever was asked.
         */
        public Outcome asAuthorization() {
            if (!TYPE_SALE.equals(transactionType)) {
                return this;
            }
            String message = responseCode == 101 ? Statuses.MSG_AUTHORIZATION_ONLY : exportStatusMessage;
            return new Outcome(responseCode, success, httpOk, statusMessage, approvalCode, approvalMessage,
                    avsResponse, cscResponse, TYPE_AUTHORIZATION, Statuses.NOT_SETTLING, message);
        }
    }

    private ProcessorRules() {
    }

    /**
     * @param csc               as sent, or null
     * @param billingVerifiable the billing address has a street and a zip, so AVS can match
     * @param expired           the card's expiry month lies in the past
     */
    public static Outcome decide(long transactionId, BigDecimal amount, String csc, boolean billingVerifiable,
                                 boolean expired) {
        // The sandbox's AVS matches whatever was sent; without street and zip there is nothing to match.
        String avs = billingVerifiable ? "Full Exact Match" : "No Match";
        String avsWords = billingVerifiable ? "EXACT MATCH" : "NO  MATCH";
        if (expired) {
            return new Outcome(102, false, false, "Your transaction was not approved.", "",
                    "  EXPIRED CARD - Expired card", avs, "", TYPE_DECLINED, Statuses.NOT_SETTLING, Statuses.MSG_DECLINED);
        }
        if (amount.compareTo(DECLINE_AMOUNT) == 0) {
            return new Outcome(102, false, false, "Your transaction was not approved.", "",
                    "    DECLINE - Do not honor", avs, "", TYPE_DECLINED, Statuses.NOT_SETTLING, Statuses.MSG_DECLINED);
        }
        // Approval codes are six characters at PayTrace; derived from the id so replies are reproducible.
        String approvalCode = String.format("TAS%03d", transactionId % 1000);
        String approvalMessage = "  " + avsWords + " - Approved and completed";
        if (AUTO_VOID_CSC.equals(csc)) {
            return new Outcome(103, true, true, "Your transaction was successfully approved. However, it was voided "
                    + "because your address and/or CSC did not match.", approvalCode, approvalMessage, avs,
                    "No Match", TYPE_SALE, Statuses.NOT_SETTLING, Statuses.MSG_VOIDED);
        }
        String cscResponse = csc == null || csc.isBlank() ? "" : "Match";
        return new Outcome(101, true, true, "Your transaction was successfully approved.", approvalCode,
                approvalMessage, avs, cscResponse, TYPE_SALE, Statuses.PENDING, Statuses.MSG_PENDING_SETTLEMENT);
    }
}
