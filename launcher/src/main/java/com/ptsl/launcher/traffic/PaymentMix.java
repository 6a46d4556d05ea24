package com.ptsl.launcher.traffic;

import com.ptsl.launcher.traffic.PlannedPayment.Expected;
import com.ptsl.launcher.traffic.PlannedPayment.LaterInvoice;
import com.ptsl.sandbox.paytrace.TrafficGenerator.SaleRequest;
import com.ptsl.sandbox.sl.NewInvoice;
import com.ptsl.sandbox.sl.OpenInvoice;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Plans a day's card payments the way real payers make them, from SL's open invoices and a seed, together with
 * what SL should show for each ({@link PlannedPayment.Expected}, the ground truth). The same invoices, number of
 * sales, seed, decline share and date always give the same plan.
 *
 * <p>The realistic mix (shares at the default 5 % declines; at least one payment of every scenario from 15
 * sales on, a pair counting two):
 * <table>
 *   <caption>Payment mix</caption>
 *   <tr><th>scenario</th><th>share</th><th>the payment carries</th><th>expected in SL</th></tr>
 *   <tr><td>INVOICE_ID</td><td>22 %</td><td>invoice_id = RefNbr as SL prints it (0000010001); partial or full
 *       (customer_reference_id = CustId for half of them)</td><td>applied to that invoice (INVOICE_ID)</td></tr>
 *   <tr><td>INVOICE_ID_NO_ZEROS</td><td>8 %</td><td>invoice_id = RefNbr without leading zeros (10001)</td>
 *       <td>applied to that invoice (INVOICE_ID)</td></tr>
 *   <tr><td>SALES_ORDER</td><td>10 %</td><td>invoice_id = the invoice's sales order (OrdNbr, some in lower case)</td>
 *       <td>applied to that invoice (ORDER_NUMBER)</td></tr>
 *   <tr><td>CUSTOMER_PO</td><td>8 %</td><td>customer_reference_id = the invoice's PO (CustOrdNbr) only</td>
 *       <td>applied to that invoice (CUSTOMER_PO)</td></tr>
 *   <tr><td>INVOICE_LIST</td><td>5 %</td><td>invoice_id = 2-3 invoices of one customer ("0000010001,0000010007")</td>
 *       <td>oldest first (DocDate, RefNbr) (INVOICE_LIST); half pay all, half leave the youngest partly open</td></tr>
 *   <tr><td>INVOICE_LIST_IN_DESCRIPTION</td><td>4 %</td><td>description "Invoices 10001, 10007 and 10012"</td>
 *       <td>as INVOICE_LIST</td></tr>
 *   <tr><td>INVOICE_IN_DESCRIPTION</td><td>6 %</td><td>description "Payment for invoice 10001" only</td>
 *       <td>applied to that invoice (INVOICE_LIST)</td></tr>
 *   <tr><td>CUSTOMER_EXACT_AMOUNT</td><td>6 %</td><td>customer_reference_id = CustId, amount = the open balance of
 *       one of its invoices, a balance no other invoice of the customer shows during the run</td>
 *       <td>applied to that invoice (EXACT_AMOUNT)</td></tr>
 *   <tr><td>OVERPAYMENT</td><td>5 %</td><td>invoice_id = RefNbr, amount = balance + 1.00..30 %</td>
 *       <td>balance applied, the rest on account, review OVERPAYMENT</td></tr>
 *   <tr><td>QUICK_PAIR</td><td>6 %</td><td>two payments back to back on one invoice, each 60 % of its balance</td>
 *       <td>60 % and 40 % applied, 20 % on account and one review OVERPAYMENT (either payment may be first)</td></tr>
 *   <tr><td>INVOICE_LATER</td><td>5 %</td><td>invoice_id = a new sales order, no customer; the invoice is entered
 *       in SL (08.010 + release) 1-3 s after the sale</td><td>applied once the invoice exists (ORDER_NUMBER)</td></tr>
 *   <tr><td>UNKNOWN_INVOICE</td><td>5 %</td><td>customer_reference_id = CustId, invoice_id = a number SL does not
 *       have, an amount no invoice of the customer shows</td><td>all on account after the deadline, review
 *       DEADLINE_PASSED</td></tr>
 *   <tr><td>UNKNOWN_CUSTOMER</td><td>5 %</td><td>customer_reference_id and invoice_id SL does not know</td>
 *       <td>nothing posted, review UNKNOWN_CUSTOMER</td></tr>
 *   <tr><td>DECLINED</td><td>5 % (the decline share)</td><td>amount 1.12, which PayTrace's sandbox declines</td>
 *       <td>nothing posted</td></tr>
 * </table>
 *
 * <p>Every seeded invoice serves at most one scenario (a quick pair shares one invoice between its two
 * payments), so a prediction never depends on the order the processor sees payments in; the seed must hold
 * about {@link #INVOICES_PER_SALE} open invoices per sale ({@link #invoicesNeeded}).
 *
 * <p>The simple mix is the original load: every sale pays part of its own invoice, naming the invoice and the
 * customer (INVOICE_ID), with a share of declines.
 */
public final class PaymentMix {

    /** Open invoices the seed should hold per planned sale (lists take 2-3 invoices, the unknowns none). */
    public static final double INVOICES_PER_SALE = 1.6;
    /** The decline share the scenario shares are given at. */
    static final double DEFAULT_DECLINE_SHARE = Scenario.DECLINED.share();

    private static final BigDecimal DECLINE_AMOUNT = new BigDecimal("1.12");
    private static final BigDecimal QUICK_SHARE = new BigDecimal("0.60");
    private static final Pattern SALES_ORDER = Pattern.compile("SO(\\d+)");
    private static final List<String> PLAIN_DESCRIPTIONS = List.of("", "", "Invoice payment", "Online payment", "Thank you");
    /** Allocation order: scenarios with the scarcest invoices first, those that must see every balance last. */
    private static final List<Scenario> ALLOCATION_ORDER = List.of(
            Scenario.INVOICE_LIST, Scenario.INVOICE_LIST_IN_DESCRIPTION, Scenario.SALES_ORDER, Scenario.CUSTOMER_PO,
            Scenario.QUICK_PAIR, Scenario.OVERPAYMENT, Scenario.INVOICE_ID, Scenario.INVOICE_ID_NO_ZEROS,
            Scenario.INVOICE_IN_DESCRIPTION, Scenario.DECLINED, Scenario.INVOICE_LATER, Scenario.CUSTOMER_EXACT_AMOUNT,
            Scenario.UNKNOWN_INVOICE, Scenario.UNKNOWN_CUSTOMER);

    /** One line of {@link #table()}. */
    public record TableRow(Scenario scenario, double share, int payments) {
    }

    private final String name;
    private final List<PlannedPayment> payments;
    private final List<TableRow> table;

    private PaymentMix(String name, List<PlannedPayment> payments, List<TableRow> table) {
        this.name = name;
        this.payments = List.copyOf(payments);
        this.table = List.copyOf(table);
    }

    /** Open invoices a seed needs for {@code sales} payments of the realistic mix. */
    public static int invoicesNeeded(int sales) {
        return (int) Math.ceil(INVOICES_PER_SALE * Math.max(0, sales));
    }

    /**
     * @param open         SL's open invoices before the run (the seed)
     * @param declineShare share of declined sales; the other scenarios share the rest in their proportions
     * @param today        the date new invoices are entered with
     * @throws IllegalStateException when the invoices cannot serve the mix (see {@link #invoicesNeeded})
     */
    public static PaymentMix realistic(List<OpenInvoice> open, int sales, long seed, double declineShare, LocalDate today) {
        if (!(declineShare >= 0 && declineShare < 1)) {
            throw new IllegalArgumentException("declineShare must be in [0, 1), was " + declineShare);
        }
        Map<Scenario, Double> shares = shares(declineShare);
        Map<Scenario, Integer> counts = counts(shares, sales);
        Random random = new Random(seed);
        Planner planner = new Planner(open, random, today);
        // Allocate in an order that keeps predictions exact, then shuffle into traffic order.
        List<List<Draft>> units = new ArrayList<>();
        for (Scenario scenario : ALLOCATION_ORDER) {
            for (int i = 0; i < counts.get(scenario) / scenario.paymentsPerUnit(); i++) {
                units.add(planner.plan(scenario));
            }
        }
        Collections.shuffle(units, random);
        List<TableRow> table = new ArrayList<>();
        for (Scenario s : Scenario.values()) {
            table.add(new TableRow(s, shares.get(s), counts.get(s)));
        }
        return new PaymentMix("realistic", number(units), table);
    }

    /** Every sale pays part of its own invoice and names it and its customer; about {@code declineShare} declined. */
    public static PaymentMix simple(List<OpenInvoice> open, int sales, long seed, double declineShare) {
        Random random = new Random(seed);
        Planner planner = new Planner(open, random, LocalDate.now());
        List<List<Draft>> units = new ArrayList<>();
        int declined = 0;
        for (int i = 0; i < sales; i++) {
            boolean decline = random.nextDouble() < declineShare;
            declined += decline ? 1 : 0;
            units.add(decline ? planner.plan(Scenario.DECLINED) : List.of(planner.simpleInvoicePayment()));
        }
        List<TableRow> table = List.of(
                new TableRow(Scenario.INVOICE_ID, 1 - declineShare, sales - declined),
                new TableRow(Scenario.DECLINED, declineShare, declined));
        return new PaymentMix("simple", number(units), table);
    }

    public String name() {
        return name;
    }

    /** In traffic order; the two payments of a quick pair are next to each other. */
    public List<PlannedPayment> payments() {
        return payments;
    }

    /** The planned mix, one row per scenario (in {@link Scenario} order). */
    public List<TableRow> table() {
        return table;
    }

    /** {@link #table()} as aligned text lines, for the console. */
    public List<String> formatTable() {
        List<String> lines = new ArrayList<>();
        int width = table.stream().mapToInt(r -> r.scenario().name().length()).max().orElse(8);
        lines.add(String.format("%-" + width + "s  %6s  %8s  %-70s  %s", "scenario", "share", "payments",
                "the payment carries", "expected in SL"));
        for (TableRow r : table) {
            lines.add(String.format(Locale.ROOT, "%-" + width + "s  %5.1f%%  %8d  %-70s  %s", r.scenario().name(),
                    100 * r.share(), r.payments(), r.scenario().carries(), r.scenario().expected()));
        }
        lines.add(String.format("%-" + width + "s  %6s  %8d", "total", "", payments.size()));
        return lines;
    }

    /** The scenarios' shares when {@code declineShare} of the sales are declined: the others keep their proportions. */
    static Map<Scenario, Double> shares(double declineShare) {
        Map<Scenario, Double> shares = new EnumMap<>(Scenario.class);
        for (Scenario s : Scenario.values()) {
            shares.put(s, s == Scenario.DECLINED ? declineShare
                    : s.share() * (1 - declineShare) / (1 - DEFAULT_DECLINE_SHARE));
        }
        return shares;
    }

    /**
     * Payments per scenario: the floor of share x sales (a pair's count even), at least one of each (a pair: two)
     * once there are enough sales for all, then the rest to the largest remainders, or the excess taken from the
     * largest counts.
     */
    static Map<Scenario, Integer> counts(Map<Scenario, Double> shares, int sales) {
        Map<Scenario, Integer> counts = new EnumMap<>(Scenario.class);
        boolean everyScenario = sales >= Scenario.values().length + 1;
        for (Scenario s : Scenario.values()) {
            double exact = shares.get(s) * sales;
            int n = (int) Math.floor(exact);
            n -= n % s.paymentsPerUnit();
            if (everyScenario && shares.get(s) > 0) {
                n = Math.max(n, s.paymentsPerUnit());
            }
            counts.put(s, n);
        }
        List<Scenario> single = Arrays.stream(Scenario.values()).filter(s -> s.paymentsPerUnit() == 1).toList();
        while (sum(counts) < sales) {
            Scenario most = single.stream()
                    .max(Comparator.comparingDouble((Scenario s) -> shares.get(s) * sales - counts.get(s))
                            .thenComparing(s -> -s.ordinal()))
                    .orElseThrow();
            counts.merge(most, 1, Integer::sum);
        }
        while (sum(counts) > sales) {
            Scenario largest = single.stream()
                    .filter(s -> counts.get(s) > (everyScenario && shares.get(s) > 0 ? 1 : 0))
                    .max(Comparator.comparingInt((Scenario s) -> counts.get(s)).thenComparing(s -> -s.ordinal()))
                    .orElseThrow();
            counts.merge(largest, -1, Integer::sum);
        }
        return counts;
    }

    private static int sum(Map<Scenario, Integer> counts) {
        return counts.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** A payment before it has its place in the traffic. */
    private record Draft(Scenario scenario, SaleRequest sale, Expected expected, LaterInvoice later) {
    }

    private static List<PlannedPayment> number(List<List<Draft>> units) {
        List<PlannedPayment> out = new ArrayList<>();
        int pairs = 0;
        for (List<Draft> unit : units) {
            String group = unit.size() > 1 ? "pair-" + (++pairs) : null;
            for (Draft d : unit) {
                out.add(new PlannedPayment(out.size() + 1, d.scenario(), d.sale(), d.expected(), group, d.later()));
            }
        }
        return out;
    }

    /** Picks invoices and amounts for one scenario at a time and predicts the outcome by the processor's rules. */
    private static final class Planner {
        private final Random random;
        private final InvoicePool pool;
        private final LocalDate today;
        private final Set<String> knownRefs = new HashSet<>();
        private final Set<String> usedPos = new HashSet<>();
        private final Set<String> madeUp = new HashSet<>();
        private int nextSalesOrder;

        Planner(List<OpenInvoice> open, Random random, LocalDate today) {
            this.random = random;
            this.pool = new InvoicePool(open, random);
            this.today = today;
            int maxOrder = 0;
            for (OpenInvoice inv : open) {
                knownRefs.add(normalised(inv.refNbr()));
                knownRefs.add(normalised(inv.ordNbr()));
                knownRefs.add(normalised(inv.custOrdNbr()));
                usedPos.add(inv.custOrdNbr());
                Matcher m = SALES_ORDER.matcher(inv.ordNbr());
                if (m.matches() && m.group(1).length() <= 9) {
                    maxOrder = Math.max(maxOrder, Integer.parseInt(m.group(1)));
                }
            }
            // New orders come well after the seeded ones, as if entered in OM since.
            this.nextSalesOrder = Math.max(maxOrder, 100_000) + 500;
        }

        List<Draft> plan(Scenario scenario) {
            return switch (scenario) {
                case INVOICE_ID -> List.of(invoiceId(scenario, true));
                case INVOICE_ID_NO_ZEROS -> List.of(invoiceId(scenario, false));
                case SALES_ORDER -> List.of(salesOrder());
                case CUSTOMER_PO -> List.of(customerPo());
                case INVOICE_LIST -> List.of(invoiceList(false));
                case INVOICE_LIST_IN_DESCRIPTION -> List.of(invoiceList(true));
                case INVOICE_IN_DESCRIPTION -> List.of(invoiceInDescription());
                case CUSTOMER_EXACT_AMOUNT -> List.of(exactAmount());
                case OVERPAYMENT -> List.of(overpayment());
                case QUICK_PAIR -> quickPair();
                case INVOICE_LATER -> List.of(invoiceLater());
                case UNKNOWN_INVOICE -> List.of(unknownInvoice());
                case UNKNOWN_CUSTOMER -> List.of(unknownCustomer());
                case DECLINED -> List.of(declined());
            };
        }

        Draft simpleInvoicePayment() {
            OpenInvoice inv = take(Scenario.INVOICE_ID, i -> true);
            BigDecimal amount = partial(inv.docBal());
            pool.willShow(inv, inv.docBal().subtract(amount));
            return new Draft(Scenario.INVOICE_ID,
                    new SaleRequest(amount, inv.refNbr(), inv.custId(), "Payment for invoice " + inv.refNbr()),
                    applied(inv.custId(), "INVOICE_ID", Map.of(inv.refNbr(), amount)), null);
        }

        private Draft invoiceId(Scenario scenario, boolean asSlPrintsIt) {
            OpenInvoice inv = take(scenario, i -> true);
            BigDecimal amount = partialOrFull(inv.docBal());
            pool.willShow(inv, inv.docBal().subtract(amount));
            String invoiceId = asSlPrintsIt ? inv.refNbr() : withoutLeadingZeros(inv.refNbr());
            // Half the payers also give their customer number; INVOICE_ID decides before it is looked at.
            String customerRef = asSlPrintsIt && random.nextBoolean() ? inv.custId() : "";
            String description = asSlPrintsIt && random.nextInt(4) == 0 ? "Payment for invoice " + inv.refNbr() : plain();
            return new Draft(scenario, new SaleRequest(amount, invoiceId, customerRef, description),
                    applied(inv.custId(), "INVOICE_ID", Map.of(inv.refNbr(), amount)), null);
        }

        private Draft salesOrder() {
            OpenInvoice inv = take(Scenario.SALES_ORDER, i -> !i.ordNbr().isEmpty());
            BigDecimal amount = partialOrFull(inv.docBal());
            pool.willShow(inv, inv.docBal().subtract(amount));
            // References compare case-insensitively: some payers type the order number in lower case.
            String order = random.nextInt(4) == 0 ? inv.ordNbr().toLowerCase(Locale.ROOT) : inv.ordNbr();
            return new Draft(Scenario.SALES_ORDER, new SaleRequest(amount, order, "", plain()),
                    applied(inv.custId(), "ORDER_NUMBER", Map.of(inv.refNbr(), amount)), null);
        }

        private Draft customerPo() {
            OpenInvoice inv = take(Scenario.CUSTOMER_PO, i -> !i.custOrdNbr().isEmpty());
            BigDecimal amount = partialOrFull(inv.docBal());
            pool.willShow(inv, inv.docBal().subtract(amount));
            return new Draft(Scenario.CUSTOMER_PO, new SaleRequest(amount, "", inv.custOrdNbr(), plain()),
                    applied(inv.custId(), "CUSTOMER_PO", Map.of(inv.refNbr(), amount)), null);
        }

        private Draft invoiceList(boolean inDescription) {
            Scenario scenario = inDescription ? Scenario.INVOICE_LIST_IN_DESCRIPTION : Scenario.INVOICE_LIST;
            int n = 2 + random.nextInt(2);
            List<OpenInvoice> chosen = pool.takeOfOneCustomer(n)
                    .or(() -> pool.takeOfOneCustomer(2))
                    .orElseThrow(() -> notEnough(scenario));
            // The payer lists them in any order; the processor applies oldest first (DocDate, then RefNbr).
            List<OpenInvoice> listed = new ArrayList<>(chosen);
            Collections.shuffle(listed, random);
            List<OpenInvoice> oldestFirst = chosen.stream()
                    .sorted(Comparator.comparing(OpenInvoice::docDate).thenComparing(OpenInvoice::refNbr)).toList();
            Map<String, BigDecimal> applications = new LinkedHashMap<>();
            BigDecimal amount = BigDecimal.ZERO;
            boolean partlyOpen = random.nextBoolean();
            for (int i = 0; i < oldestFirst.size(); i++) {
                OpenInvoice inv = oldestFirst.get(i);
                boolean youngest = i == oldestFirst.size() - 1;
                BigDecimal paid = youngest && partlyOpen ? partial(inv.docBal()) : inv.docBal();
                applications.put(inv.refNbr(), paid);
                pool.willShow(inv, inv.docBal().subtract(paid));
                amount = amount.add(paid);
            }
            String custId = chosen.get(0).custId();
            SaleRequest sale;
            if (inDescription) {
                List<String> numbers = listed.stream().map(inv -> withoutLeadingZeros(inv.refNbr())).toList();
                String text = numbers.size() == 2 ? numbers.get(0) + " and " + numbers.get(1)
                        : String.join(", ", numbers.subList(0, numbers.size() - 1)) + " and " + numbers.get(numbers.size() - 1);
                sale = new SaleRequest(amount, "", "", "Invoices " + text);
            } else {
                String separator = random.nextBoolean() ? "," : ", ";
                sale = new SaleRequest(amount, String.join(separator, listed.stream().map(OpenInvoice::refNbr).toList()), "", plain());
            }
            return new Draft(scenario, sale, applied(custId, "INVOICE_LIST", applications), null);
        }

        private Draft invoiceInDescription() {
            OpenInvoice inv = take(Scenario.INVOICE_IN_DESCRIPTION, i -> true);
            BigDecimal amount = partialOrFull(inv.docBal());
            pool.willShow(inv, inv.docBal().subtract(amount));
            String description = switch (random.nextInt(3)) {
                case 0 -> "Payment for invoice " + withoutLeadingZeros(inv.refNbr());
                case 1 -> "Inv #" + inv.refNbr() + " - thank you";
                default -> "invoice " + withoutLeadingZeros(inv.refNbr()) + " paid online";
            };
            return new Draft(Scenario.INVOICE_IN_DESCRIPTION, new SaleRequest(amount, "", "", description),
                    applied(inv.custId(), "INVOICE_LIST", Map.of(inv.refNbr(), amount)), null);
        }

        private Draft exactAmount() {
            OpenInvoice inv = take(Scenario.CUSTOMER_EXACT_AMOUNT, pool::balanceIsUniqueForItsCustomer);
            pool.willShow(inv, BigDecimal.ZERO);
            return new Draft(Scenario.CUSTOMER_EXACT_AMOUNT, new SaleRequest(inv.docBal(), "", inv.custId(), plain()),
                    applied(inv.custId(), "EXACT_AMOUNT", Map.of(inv.refNbr(), inv.docBal())), null);
        }

        private Draft overpayment() {
            OpenInvoice inv = take(Scenario.OVERPAYMENT, i -> true);
            BigDecimal maxExtra = inv.docBal().multiply(new BigDecimal("0.30")).setScale(2, RoundingMode.DOWN);
            BigDecimal extra = cents(new BigDecimal("1.00"), maxExtra.max(new BigDecimal("1.00")));
            BigDecimal amount = inv.docBal().add(extra);
            pool.willShow(inv, BigDecimal.ZERO);
            String customerRef = random.nextBoolean() ? inv.custId() : "";
            return new Draft(Scenario.OVERPAYMENT, new SaleRequest(amount, inv.refNbr(), customerRef, plain()),
                    new Expected(true, inv.custId(), "INVOICE_ID", Map.of(inv.refNbr(), inv.docBal()), extra, "OVERPAYMENT"),
                    null);
        }

        /**
         * Both pay 60 %: whichever the processor takes first gets its 60 % applied; the other finds 40 % available
         * (the first one's application is still pending), so 20 % of the balance stays on account with a review.
         */
        private List<Draft> quickPair() {
            OpenInvoice inv = take(Scenario.QUICK_PAIR, i -> true);
            BigDecimal each = notTheDeclineAmount(inv.docBal().multiply(QUICK_SHARE).setScale(2, RoundingMode.HALF_UP));
            BigDecimal rest = inv.docBal().subtract(each);
            BigDecimal over = each.subtract(rest);
            pool.willShow(inv, rest);
            pool.willShow(inv, BigDecimal.ZERO);
            String customerRef = random.nextBoolean() ? inv.custId() : "";
            SaleRequest sale = new SaleRequest(each, inv.refNbr(), customerRef, plain());
            return List.of(
                    new Draft(Scenario.QUICK_PAIR, sale,
                            applied(inv.custId(), "INVOICE_ID", Map.of(inv.refNbr(), each)), null),
                    new Draft(Scenario.QUICK_PAIR, sale,
                            new Expected(true, inv.custId(), "INVOICE_ID", Map.of(inv.refNbr(), rest), over, "OVERPAYMENT"),
                            null));
        }

        private Draft invoiceLater() {
            List<String> customers = pool.customers();
            if (customers.isEmpty()) {
                throw notEnough(Scenario.INVOICE_LATER);
            }
            String custId = customers.get(random.nextInt(customers.size()));
            nextSalesOrder += 1 + random.nextInt(3);
            String order = "SO" + nextSalesOrder;
            BigDecimal invoiceAmount = cents(new BigDecimal("50.00"), new BigDecimal("5000.00"));
            BigDecimal paid = partialOrFull(invoiceAmount);
            NewInvoice invoice = new NewInvoice(custId, invoiceAmount, today, order, newPo());
            LaterInvoice later = new LaterInvoice(invoice, Duration.ofMillis(1_000 + random.nextInt(2_001)));
            pool.willShow(custId, later.placeholder(), invoiceAmount);
            pool.willShow(custId, later.placeholder(), invoiceAmount.subtract(paid));
            // No customer reference: nothing identifies the payer until the invoice reaches the processor.
            return new Draft(Scenario.INVOICE_LATER, new SaleRequest(paid, order, "", ""),
                    applied(custId, "ORDER_NUMBER", Map.of(later.placeholder(), paid)), later);
        }

        private Draft unknownInvoice() {
            List<String> customers = pool.customers();
            if (customers.isEmpty()) {
                throw notEnough(Scenario.UNKNOWN_INVOICE);
            }
            String custId = customers.get(random.nextInt(customers.size()));
            BigDecimal amount;
            do {
                amount = cents(new BigDecimal("20.00"), new BigDecimal("2000.00"));
            } while (pool.anyBalanceEquals(custId, amount));
            return new Draft(Scenario.UNKNOWN_INVOICE, new SaleRequest(amount, madeUpNumber("7"), custId, plain()),
                    new Expected(true, custId, "ON_ACCOUNT", Map.of(), amount, "DEADLINE_PASSED"), null);
        }

        private Draft unknownCustomer() {
            BigDecimal amount = cents(new BigDecimal("20.00"), new BigDecimal("2000.00"));
            String customerRef;
            do {
                customerRef = "WEB-" + (10_000 + random.nextInt(90_000));
            } while (!madeUp.add(customerRef));
            return new Draft(Scenario.UNKNOWN_CUSTOMER, new SaleRequest(amount, madeUpNumber("8"), customerRef, plain()),
                    Expected.nothing("UNKNOWN_CUSTOMER"), null);
        }

        private Draft declined() {
            OpenInvoice inv = take(Scenario.DECLINED, i -> true);
            return new Draft(Scenario.DECLINED, new SaleRequest(DECLINE_AMOUNT, inv.refNbr(), inv.custId(), plain()),
                    Expected.declined(), null);
        }

        private OpenInvoice take(Scenario scenario, Predicate<OpenInvoice> fits) {
            return pool.take(fits).orElseThrow(() -> notEnough(scenario));
        }

        private IllegalStateException notEnough(Scenario scenario) {
            return new IllegalStateException("the seed's " + pool.size() + " open invoices cannot serve the mix (at "
                    + scenario + "); seed about " + INVOICES_PER_SALE + " open invoices per sale, with several per customer");
        }

        /** A number SL has for nothing: not a RefNbr, order or PO, not used before in this plan. */
        private String madeUpNumber(String firstDigit) {
            String number;
            do {
                number = firstDigit + String.format("%06d", random.nextInt(1_000_000));
            } while (knownRefs.contains(normalised(number)) || !madeUp.add(number));
            return number;
        }

        private String newPo() {
            String po;
            do {
                po = "PO-" + (10_000 + random.nextInt(90_000));
            } while (!usedPos.add(po));
            return po;
        }

        private String plain() {
            return PLAIN_DESCRIPTIONS.get(random.nextInt(PLAIN_DESCRIPTIONS.size()));
        }

        /** A third of the payers pay the whole balance, the others 10-90 % of it. */
        private BigDecimal partialOrFull(BigDecimal balance) {
            return random.nextInt(3) == 0 ? balance : partial(balance);
        }

        private BigDecimal partial(BigDecimal balance) {
            BigDecimal low = balance.multiply(new BigDecimal("0.10")).setScale(2, RoundingMode.UP).max(new BigDecimal("1.00"));
            BigDecimal high = balance.multiply(new BigDecimal("0.90")).setScale(2, RoundingMode.DOWN);
            return high.compareTo(low) < 0 ? balance : cents(low, high);
        }

        /** Uniform whole cents in [low, high], never the decline amount. */
        private BigDecimal cents(BigDecimal low, BigDecimal high) {
            long lo = low.movePointRight(2).longValueExact();
            long hi = high.movePointRight(2).longValueExact();
            long c = lo + (long) (random.nextDouble() * (hi - lo + 1));
            return notTheDeclineAmount(BigDecimal.valueOf(Math.min(c, hi), 2));
        }
    }

    private static Expected applied(String custId, String strategy, Map<String, BigDecimal> applications) {
        return new Expected(true, custId, strategy, applications, BigDecimal.ZERO.setScale(2), null);
    }

    private static BigDecimal notTheDeclineAmount(BigDecimal amount) {
        return amount.compareTo(DECLINE_AMOUNT) == 0 ? new BigDecimal("1.13") : amount;
    }

    static String withoutLeadingZeros(String ref) {
        String stripped = ref.replaceFirst("^0+", "");
        return stripped.isEmpty() ? "0" : stripped;
    }

    /** How the processor compares references: trimmed, case-insensitive, leading zeros ignored. */
    static String normalised(String ref) {
        return withoutLeadingZeros(ref.strip().toUpperCase(Locale.ROOT));
    }
}
