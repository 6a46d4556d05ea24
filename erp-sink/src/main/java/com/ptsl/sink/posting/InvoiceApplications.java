package com.ptsl.sink.posting;

import com.ptsl.schemas.avro.Application;
import com.ptsl.sink.sql.SlConventions;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** The checks every requested application passes, whether it comes with a new payment or applies one already in SL. */
final class InvoiceApplications {

    /** Debit documents a payment can pay. */
    static final Set<String> PAYABLE_TYPES = Set.of("IN", "DM", "FI");

    private InvoiceApplications() {
    }

    /** The invoice's DocType; blank means IN, as the contract's default does. */
    static String docType(Application a) {
        String t = a.getInvoiceDocType() == null ? "" : a.getInvoiceDocType().strip().toUpperCase(Locale.ROOT);
        return t.isEmpty() ? "IN" : t;
    }

    /** Shape only, before anything is read: a RefNbr SL can hold, a payable type, a positive amount. Returns the amount in cents. */
    static BigDecimal check(Application a) throws Rejection {
        String ref = a.getInvoiceRefNbr().strip();
        if (ref.isEmpty() || ref.length() > PaymentPoster.REFNBR_LENGTH) {
            throw new Rejection("application to invoice '" + ref + "': not an SL RefNbr (1.." + PaymentPoster.REFNBR_LENGTH + " characters)");
        }
        String type = docType(a);
        if (!PAYABLE_TYPES.contains(type)) {
            throw new Rejection("application to " + type + " " + ref + ": a payment can only pay IN, DM or FI documents");
        }
        BigDecimal applied = SlConventions.money(a.getAmount());
        if (applied.signum() <= 0) {
            throw new Rejection("application to " + type + " " + ref + " must be positive, is " + applied);
        }
        return applied;
    }

    /**
     * Each application against SL, in order: the invoice must exist for the customer and be released (SL error
     * 12306 otherwise); the plan caps the amount by what is still available. Invoices are update-locked, so
     * their balances cannot be spent twice while this transaction runs.
     */
    static void plan(Connection c, ArLookups lookups, String custId, List<Application> applications, ApplicationPlan plan)
            throws SQLException, Rejection {
        plan(new Source() {
            @Override
            public Optional<ArLookups.Invoice> invoice(String cust, String docType, String refNbr) throws SQLException {
                return lookups.invoice(c, cust, docType, refNbr);
            }

            @Override
            public BigDecimal pendingApplications(String cust, String docType, String refNbr) throws SQLException {
                return lookups.pendingApplications(c, cust, docType, refNbr);
            }
        }, custId, applications, plan);
    }

    /** Where the invoices and their pending 'U' lines are read from: SL row by row, or a transaction's bulk reads. */
    interface Source {

        /** The customer's document, update-locked, as {@link ArLookups#invoice}. */
        Optional<ArLookups.Invoice> invoice(String custId, String docType, String refNbr) throws SQLException;

        /** What unreleased 'U' lines already apply to it, as {@link ArLookups#pendingApplications}. */
        BigDecimal pendingApplications(String custId, String docType, String refNbr) throws SQLException;
    }

    /** {@link #plan(Connection, ArLookups, String, List, ApplicationPlan)} over any source. */
    static void plan(Source source, String custId, List<Application> applications, ApplicationPlan plan) throws SQLException, Rejection {
        for (Application a : applications) {
            String type = docType(a);
            String ref = a.getInvoiceRefNbr().strip();
            ArLookups.Invoice invoice = source.invoice(custId, type, ref)
                    .orElseThrow(() -> new Rejection("invoice " + type + " " + ref + " does not exist for customer " + custId));
            if (!invoice.released()) {
                throw new Rejection("invoice " + type + " " + ref + " of customer " + custId
                        + " is not released (SL would refuse the application: error 12306)");
            }
            BigDecimal available = invoice.docBal().subtract(source.pendingApplications(custId, type, ref));
            plan.apply(invoice, SlConventions.money(a.getAmount()), available);
        }
    }
}
