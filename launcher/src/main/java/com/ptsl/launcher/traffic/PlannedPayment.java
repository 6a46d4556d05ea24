package com.ptsl.launcher.traffic;

import com.ptsl.sandbox.paytrace.TrafficGenerator.SaleRequest;
import com.ptsl.sandbox.sl.NewInvoice;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One payment of the mix before it is made: the sale to make, what SL should show for it if PayTrace approves
 * it, and for {@link Scenario#INVOICE_LATER} the invoice to enter in SL after the sale.
 *
 * @param seq   position in the traffic, from 1
 * @param group shared by the two payments of a {@link Scenario#QUICK_PAIR}, null otherwise
 * @param later the invoice to enter after the sale, null for every other scenario
 */
public record PlannedPayment(int seq, Scenario scenario, SaleRequest sale, Expected expected, String group,
                             LaterInvoice later) {

    public PlannedPayment {
        Objects.requireNonNull(scenario, "scenario");
        Objects.requireNonNull(sale, "sale");
        Objects.requireNonNull(expected, "expected");
    }

    /**
     * What the stream processor's rules (strategies in order, oldest first, available = DocBal less pending
     * applications) predict for the payment.
     *
     * @param approved     PayTrace should approve it (false only for the decline amount)
     * @param custId       the SL customer it is posted to; null when nothing may be posted
     * @param strategy     the processor's match strategy (INVOICE_ID, ORDER_NUMBER, ...), null when none
     * @param applications invoice RefNbr as SL stores it -> amount applied, in the order applied
     * @param onAccount    what stays unapplied on the payment (ARDoc.ApplAmt)
     * @param review       the review reason (ReviewReason symbol), null when no review item is due
     */
    public record Expected(boolean approved, String custId, String strategy, Map<String, BigDecimal> applications,
                           BigDecimal onAccount, String review) {
        public Expected {
            applications = Collections.unmodifiableMap(new LinkedHashMap<>(applications));
            Objects.requireNonNull(onAccount, "onAccount");
        }

        static Expected nothing(String review) {
            return new Expected(true, null, null, Map.of(), BigDecimal.ZERO.setScale(2), review);
        }

        static Expected declined() {
            return new Expected(false, null, null, Map.of(), BigDecimal.ZERO.setScale(2), null);
        }
    }

    /**
     * An invoice the payer paid before the AR clerk entered it.
     *
     * @param delay how long after the sale it is entered (well within the processor's match deadline)
     */
    public record LaterInvoice(NewInvoice invoice, Duration delay) {

        /**
         * Stands for the invoice's RefNbr in {@link Expected#applications()} until SL hands the number out;
         * the ground truth carries the real one.
         */
        public String placeholder() {
            return placeholderFor(invoice.ordNbr());
        }

        static String placeholderFor(String ordNbr) {
            return "(entered " + ordNbr + ")";
        }
    }

    /** The same payment with its later invoice entered after {@code delay} (tests enter it at once). */
    public PlannedPayment withLaterDelay(Duration delay) {
        return later == null ? this : new PlannedPayment(seq, scenario, sale, expected, group, new LaterInvoice(later.invoice(), delay));
    }
}
