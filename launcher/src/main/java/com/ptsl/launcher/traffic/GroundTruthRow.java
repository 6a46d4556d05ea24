package com.ptsl.launcher.traffic;

import com.ptsl.sandbox.paytrace.TrafficGenerator.SaleMade;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What SL must show for one PayTrace transaction of the run, written before the pipeline is looked at
 * (one line of {@code ground-truth.jsonl}).
 *
 * @param transactionId        PayTrace's transaction id = the SL payment's RefNbr
 * @param seq                  position in the traffic, from 1
 * @param scenario             a {@link Scenario} name
 * @param group                shared by the payments of a quick pair, whose split between the two may come out
 *                             either way round (the group's total per invoice is certain); null otherwise
 * @param approved             PayTrace approved it (response 101)
 * @param madeAt               when the checkout got PayTrace's answer
 * @param expectedCustId       the SL customer it is posted to; null when nothing may be posted
 * @param expectedStrategy     the processor's match strategy, null when none
 * @param expectedApplications invoice RefNbr as SL stores it -> amount applied ('U' lines), in the order applied
 * @param expectedOnAccount    unapplied rest (ARDoc.ApplAmt)
 * @param expectedReview       reason of the review item due (payments.review), null when none
 * @param enteredInvoice       RefNbr of the invoice entered in SL after the sale (INVOICE_LATER), null otherwise
 */
public record GroundTruthRow(String transactionId, int seq, String scenario, String group, boolean approved,
                             Instant madeAt, BigDecimal amount, String invoiceId, String customerReferenceId,
                             String description, String expectedCustId, String expectedStrategy,
                             Map<String, BigDecimal> expectedApplications, BigDecimal expectedOnAccount,
                             String expectedReview, String enteredInvoice) {

    public GroundTruthRow {
        Objects.requireNonNull(transactionId, "transactionId");
        Objects.requireNonNull(scenario, "scenario");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(expectedOnAccount, "expectedOnAccount");
        expectedApplications = Collections.unmodifiableMap(new LinkedHashMap<>(expectedApplications));
    }

    /**
     * The planned payment as made. A sale PayTrace did not approve posts nothing, whatever was planned;
     * the later invoice's placeholder becomes the RefNbr SL gave it.
     */
    public static GroundTruthRow of(PlannedPayment planned, SaleMade made, String enteredRefNbr) {
        PlannedPayment.Expected e = planned.expected();
        boolean approved = made.approved();
        Map<String, BigDecimal> applications = new LinkedHashMap<>();
        if (approved) {
            e.applications().forEach((ref, amount) -> applications.put(
                    planned.later() != null && ref.equals(planned.later().placeholder()) ? enteredRefNbr : ref, amount));
        }
        return new GroundTruthRow(Long.toString(made.transactionId()), planned.seq(), planned.scenario().name(),
                planned.group(), approved, made.madeAt(), made.amount(), planned.sale().invoiceId(),
                planned.sale().customerReferenceId(), planned.sale().description(),
                approved ? e.custId() : null, approved ? e.strategy() : null, applications,
                approved ? e.onAccount() : BigDecimal.ZERO.setScale(2), approved ? e.review() : null, enteredRefNbr);
    }

    /** An approved payment with a known customer: SL must get exactly one payment document for it. */
    public boolean expectsPosting() {
        return approved && expectedCustId != null;
    }

    /** At least one invoice to apply it to: the payments the auto-apply rate is counted over. */
    public boolean matchable() {
        return expectsPosting() && !expectedApplications.isEmpty();
    }
}
