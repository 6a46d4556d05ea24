package com.ptsl.sandbox.sl;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * The seed data as plain values, decided before anything is written: everything except the dates follows
 * from {@link SeedSpec} alone (dates are counted back from {@link #asOf}). Kept free of JDBC so the
 * numbering rules can be read in one place.
 */
final class SeedPlan {

    /** ARSetup.LastBatNbr after seeding; the seeded invoice batches end at this number. */
    static final int LAST_BAT_NBR = 100;
    /** The first invoice RefNbr is this + 1 ('0000010001'); ARSetup.LastRefNbr ends up at the last one. */
    static final long REF_NBR_BASE = 10_000;
    static final int MIN_CENTS = 5_000;
    static final int MAX_CENTS = 500_000;
    static final int MAX_AGE_DAYS = 60;
    /** Terms '30': net 30, no discount. */
    static final int TERMS_DAYS = 30;
    /** Customer POs are "PO-" + five digits, so a seed holds at most this many invoices (each PO names one). */
    static final int MAX_PO_NUMBERS = 90_000;
    /** About this share of invoices came from a sales order (OM) and carry its number in ARDoc.OrdNbr. */
    static final double SALES_ORDER_SHARE = 0.7;
    /** The first sales order number is "SO" + this + 1; later ones count up with small gaps. */
    static final int SALES_ORDER_BASE = 200_000;

    record CustomerPlan(String custId, CompanyNames.Company company, boolean ownArAccount) {
    }

    /**
     * @param custOrdNbr the customer's PO (ARDoc.CustOrdNbr), unique within the seed
     * @param ordNbr     the sales order (ARDoc.OrdNbr), unique, or "" for an invoice keyed without one
     */
    record InvoicePlan(String custId, String refNbr, BigDecimal amount, LocalDate docDate, String custOrdNbr,
                       String ordNbr, String batNbr, int batSeq) {
        LocalDate dueDate() {
            return docDate.plusDays(TERMS_DAYS);
        }

        String perPost() {
            return SlValues.period(docDate);
        }
    }

    /** One released 08010 batch per invoicing day, as an AR clerk would key them. */
    record BatchPlan(String batNbr, LocalDate dateEnt, List<InvoicePlan> invoices) {
        BigDecimal total() {
            return invoices.stream().map(InvoicePlan::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
        }

        String perPost() {
            return SlValues.period(dateEnt);
        }
    }

    final SeedSpec spec;
    final LocalDate asOf;
    final List<CustomerPlan> customers = new ArrayList<>();
    final List<BatchPlan> batches = new ArrayList<>();
    final List<InvoicePlan> invoices = new ArrayList<>();
    final String lastRefNbr;
    final String lastBatNbr = SlValues.zeroPad(LAST_BAT_NBR, 6);

    /**
     * @param today dates end here, or at the end of the current period when that is earlier, so that no
     *              document is posted to a period after GLSetup.PerNbr (GL post would skip its batch).
     */
    SeedPlan(SeedSpec spec, LocalDate today) {
        this.spec = spec;
        LocalDate periodEnd = spec.currentPeriod().atEndOfMonth();
        this.asOf = today.isBefore(periodEnd) ? today : periodEnd;

        Random random = new Random(spec.randomSeed());
        CompanyNames names = new CompanyNames(random);
        for (int i = 1; i <= spec.customers(); i++) {
            // Customer.ArAcct blank means "use ARSetup.ArAcct"; some customers carry the override.
            customers.add(new CustomerPlan(String.format("C%05d", i), names.next(), random.nextInt(4) == 0));
        }

        long invoiceCount = (long) spec.customers() * spec.invoicesPerCustomer();
        if (invoiceCount > MAX_PO_NUMBERS) {
            throw new IllegalArgumentException("at most " + MAX_PO_NUMBERS + " invoices (one unique PO each), asked for "
                    + invoiceCount);
        }
        record Draft(String custId, int seq, BigDecimal amount, LocalDate docDate, String custOrdNbr) {
        }
        List<Draft> drafts = new ArrayList<>();
        Set<Integer> posTaken = new HashSet<>();
        for (CustomerPlan customer : customers) {
            for (int j = 0; j < spec.invoicesPerCustomer(); j++) {
                int cents = MIN_CENTS + random.nextInt(MAX_CENTS - MIN_CENTS + 1);
                LocalDate docDate = asOf.minusDays(random.nextInt(MAX_AGE_DAYS));
                // A PO names one order, so a payment quoting it identifies one invoice. A repeated draw moves on to
                // the next free number instead of drawing again, which keeps every other value of a seed as it was.
                int po = 10_000 + random.nextInt(90_000);
                while (!posTaken.add(po)) {
                    po = po == 99_999 ? 10_000 : po + 1;
                }
                drafts.add(new Draft(customer.custId(), j, BigDecimal.valueOf(cents, 2), docDate, "PO-" + po));
            }
        }
        // Reference numbers follow entry order (by date), as AutoRef hands them out.
        drafts.sort(Comparator.comparing(Draft::docDate).thenComparing(Draft::custId).thenComparingInt(Draft::seq));
        Map<LocalDate, List<Draft>> byDay = new LinkedHashMap<>();
        drafts.forEach(d -> byDay.computeIfAbsent(d.docDate(), k -> new ArrayList<>()).add(d));

        // Sales orders come from their own random sequence, so adding them changed no other seeded value.
        Random orders = new Random(spec.randomSeed() ^ 0x5A1E5_0DE5L);
        int orderNbr = SALES_ORDER_BASE;
        long refNbr = REF_NBR_BASE;
        int batNbr = LAST_BAT_NBR - byDay.size() + 1;  // at most 60 days, so this stays positive
        for (Map.Entry<LocalDate, List<Draft>> day : byDay.entrySet()) {
            String batch = SlValues.zeroPad(batNbr++, 6);
            List<InvoicePlan> docs = new ArrayList<>();
            int batSeq = 0;
            for (Draft d : day.getValue()) {
                // BatSeq numbers the documents within their batch [I: SL's starting value not verified].
                String ordNbr = "";
                if (orders.nextDouble() < SALES_ORDER_SHARE) {
                    // Orders are invoiced roughly in order; the gaps are orders not invoiced (yet) or cancelled.
                    orderNbr += 1 + orders.nextInt(3);
                    ordNbr = "SO" + SlValues.zeroPad(orderNbr, 6);
                }
                docs.add(new InvoicePlan(d.custId(), SlValues.zeroPad(++refNbr, 10), d.amount(), d.docDate(),
                        d.custOrdNbr(), ordNbr, batch, ++batSeq));
            }
            batches.add(new BatchPlan(batch, day.getKey(), List.copyOf(docs)));
            invoices.addAll(docs);
        }
        this.lastRefNbr = SlValues.zeroPad(refNbr, 10);
    }

    String currentPeriod() {
        return SlValues.period(spec.currentPeriod());
    }
}
