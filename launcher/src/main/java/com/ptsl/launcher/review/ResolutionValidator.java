package com.ptsl.launcher.review;

import com.ptsl.launcher.review.ValidatedResolution.Allocation;
import com.ptsl.schemas.avro.ResolutionAction;
import com.ptsl.schemas.avro.ReviewItem;
import com.ptsl.schemas.avro.ReviewResolution;
import com.ptsl.schemas.avro.ReviewReason;
import com.ptsl.schemas.avro.ReviewStatus;
import com.ptsl.schemas.avro.SlCustomerSnapshot;
import com.ptsl.schemas.avro.SlInvoiceSnapshot;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static com.ptsl.launcher.review.Formats.money;
import static com.ptsl.launcher.review.InvoiceCatalog.available;
import static com.ptsl.launcher.review.InvoiceCatalog.sameCustomer;

/**
 * Decides whether a person's resolution of a review item may be written, and builds it. Pure: the item and the SL
 * catalogue are handed in, so every rule is tested without Kafka. A rejection is one line naming the bad input;
 * nothing is written for it.
 *
 * <p>Money follows the processor's rules: an invoice's available balance is DocBal less SL's unreleased applications;
 * a payment can still apply what was posted on account for it, or its whole amount when nothing was; listed invoices
 * without an amount share the payment oldest first, each up to its available balance, the rest staying on account.
 */
final class ResolutionValidator {

    private static final int CENTS = 2;
    private static final String ONE_ACTION = "give exactly one of --apply, --on-account or --ignore";
    /** Oldest first, the order the processor applies a payment in. */
    private static final Comparator<SlInvoiceSnapshot> OLDEST_FIRST = Comparator.comparing(SlInvoiceSnapshot::getDocDate)
            .thenComparing(i -> InvoiceCatalog.refNbrKey(i.getRefNbr()));

    private final Clock clock;
    private final String resolvedBy;

    ResolutionValidator(Clock clock, String resolvedBy) {
        this.clock = clock;
        this.resolvedBy = resolvedBy == null ? "" : resolvedBy;
    }

    /** One {@code --apply} entry: as typed, the RefNbr part, and the amount when one was given. */
    record InvoiceRequest(String given, String refNbr, BigDecimal amount) {
    }

    /** The rules that need nothing from Kafka: which options go together and the {@code --apply} syntax. */
    List<InvoiceRequest> checkOptions(ResolutionRequest r) throws ResolutionRejected {
        if (r.transactionId() == null || r.transactionId().isBlank()) {
            throw new ResolutionRejected("give the transaction id of the review item (see: ptsl review list)");
        }
        List<String> actions = new ArrayList<>();
        if (r.apply() != null) {
            actions.add("--apply");
        }
        if (r.onAccount()) {
            actions.add("--on-account");
        }
        if (r.ignore()) {
            actions.add("--ignore");
        }
        if (actions.isEmpty()) {
            throw new ResolutionRejected("say what to do with " + r.transactionId().strip() + ": " + ONE_ACTION);
        }
        if (actions.size() > 1) {
            throw new ResolutionRejected(String.join(" and ", actions) + " cannot be combined: " + ONE_ACTION);
        }
        if (r.customer() != null) {
            if (!r.onAccount()) {
                throw new ResolutionRejected("--customer " + Formats.oneLine(r.customer())
                        + " is only used with --on-account (with --apply the invoices name the customer)");
            }
            if (r.customer().isBlank()) {
                throw new ResolutionRejected("--customer is empty: give the SL CustId");
            }
        }
        return r.apply() == null ? List.of() : parseApply(r.apply());
    }

    /** Checks the request against the item and SL's invoices and customers; returns the resolution to write. */
    ValidatedResolution validate(ResolutionRequest r, ReviewItem item, InvoiceCatalog catalog) throws ResolutionRejected {
        List<InvoiceRequest> targets = checkOptions(r);
        String id = r.transactionId().strip();
        if (item == null) {
            throw new ResolutionRejected("no review item with transaction id " + id + " in payments.review (see: ptsl review list)");
        }
        if (item.getStatus() == ReviewStatus.RESOLVED) {
            String how = item.getResolution() == null ? "" : ": " + Formats.oneLine(item.getResolution());
            throw new ResolutionRejected("review item " + id + " is already RESOLVED" + how);
        }
        if (item.getReason() == ReviewReason.REJECTED_BY_SL || item.getReason() == ReviewReason.DEAD_LETTER) {
            // The command exists and SL refused it: a new decision would be a second command, not a fix.
            throw new ResolutionRejected("SL refused the command for " + id + " (" + Formats.oneLine(item.getDetail())
                    + "): fix the cause in SL, then re-drive it with 'ptsl dlq redrive' (see: ptsl dlq list)");
        }
        if (item.getReason() == ReviewReason.DEPOSIT_MISMATCH) {
            // A settlement batch, not a payment: there is no invoice to decide; what is missing is posted by re-drive.
            throw new ResolutionRejected("review item " + id + " is a settlement batch that differs from SL ("
                    + Formats.oneLine(item.getDetail()) + "): post what is missing with 'ptsl reconcile --redrive' or correct"
                    + " SL; it resolves when PayTrace's batch matches");
        }
        ReviewResolution.Builder out = ReviewResolution.newBuilder()
                .setTransactionId(item.getTransactionId())
                .setCustId(item.getCustId())
                .setInvoices(List.of())
                .setResolvedBy(resolvedBy)
                .setNote(r.note() == null ? "" : r.note().strip())
                .setResolvedAt(clock.instant().truncatedTo(ChronoUnit.MILLIS));
        if (r.ignore()) {
            return new ValidatedResolution(out.setAction(ResolutionAction.IGNORE).build(), List.of(), null, List.of());
        }
        if (r.onAccount()) {
            return new ValidatedResolution(out.setAction(ResolutionAction.ON_ACCOUNT)
                    .setCustId(onAccountCustomer(r, item, catalog)).build(), List.of(), null, List.of());
        }
        return apply(id, targets, item, catalog, out.setAction(ResolutionAction.APPLY));
    }

    private static String onAccountCustomer(ResolutionRequest r, ReviewItem item, InvoiceCatalog catalog) throws ResolutionRejected {
        String custId = item.getCustId();
        if (custId == null) {
            if (r.customer() == null) {
                throw new ResolutionRejected("review item " + item.getTransactionId()
                        + " has no known customer: --on-account needs --customer CUSTID");
            }
            String given = r.customer().strip();
            SlCustomerSnapshot customer = catalog.customer(given).orElseThrow(() ->
                    new ResolutionRejected("--customer " + Formats.oneLine(given) + ": no such customer in sl.customers"));
            return customer.getCustId();
        }
        if (r.customer() != null && !sameCustomer(custId, r.customer())) {
            throw new ResolutionRejected("--customer " + Formats.oneLine(r.customer().strip()) + ": the payment belongs to customer "
                    + custId + "; --customer is only for payments of an unknown customer");
        }
        return custId;
    }

    private ValidatedResolution apply(String id, List<InvoiceRequest> targets, ReviewItem item, InvoiceCatalog catalog,
                                      ReviewResolution.Builder out) throws ResolutionRejected {
        BigDecimal capacity;
        String basis;
        if (item.getPostedOnAccount() != null && item.getPostedOnAccount().signum() > 0) {
            capacity = item.getPostedOnAccount();
            basis = money(capacity) + " posted on account";
        } else if (item.getAmount() != null && item.getAmount().signum() > 0) {
            capacity = item.getAmount();
            basis = "its amount " + money(capacity);
        } else {
            throw new ResolutionRejected("review item " + id + " has no amount to apply to invoices; use --on-account or --ignore");
        }

        String payer = item.getCustId();
        Map<InvoiceRequest, SlInvoiceSnapshot> found = new LinkedHashMap<>();
        for (InvoiceRequest t : targets) {
            SlInvoiceSnapshot invoice = find(t, payer, catalog);
            String ref = invoice.getRefNbr();
            if (!invoice.getOpen()) {
                throw new ResolutionRejected("--apply " + t.given() + ": invoice " + ref + " is closed in SL");
            }
            if (payer != null && !sameCustomer(payer, invoice.getCustId())) {
                throw new ResolutionRejected("--apply " + t.given() + ": invoice " + ref + " belongs to customer "
                        + invoice.getCustId() + ", not to the payment's customer " + payer);
            }
            if (!invoice.getReleased()) {
                throw new ResolutionRejected("--apply " + t.given() + ": invoice " + ref
                        + " is not released in SL; a payment cannot be applied to it until it is");
            }
            BigDecimal available = available(invoice);
            if (t.amount() != null && t.amount().compareTo(available) > 0) {
                throw new ResolutionRejected("--apply " + t.given() + ": " + money(t.amount()) + " is more than invoice " + ref
                        + " has available (" + money(available) + ")");
            }
            if (t.amount() == null && available.signum() <= 0) {
                throw new ResolutionRejected("--apply " + t.given() + ": invoice " + ref + " has nothing left to pay (available "
                        + money(available) + ")");
            }
            found.put(t, invoice);
        }
        if (payer == null) {
            Set<String> customers = found.values().stream().map(i -> i.getCustId().strip()).collect(Collectors.toCollection(HashSet::new));
            if (customers.size() > 1) {
                String who = found.values().stream().map(i -> i.getRefNbr() + " " + i.getCustId()).collect(Collectors.joining(", "));
                throw new ResolutionRejected("--apply: the invoices belong to different customers (" + who
                        + "); a payment of an unknown customer can pay invoices of one customer only");
            }
            payer = found.values().iterator().next().getCustId();
        }

        BigDecimal explicit = targets.stream().map(InvoiceRequest::amount).filter(a -> a != null).reduce(BigDecimal.ZERO, BigDecimal::add);
        if (explicit.compareTo(capacity) > 0) {
            throw new ResolutionRejected("--apply: the amounts add up to " + money(explicit)
                    + ", more than the payment can still apply (" + basis + ")");
        }
        Map<InvoiceRequest, BigDecimal> planned = spreadOldestFirst(found, capacity.subtract(explicit), basis);

        List<Allocation> allocations = new ArrayList<>();
        List<String> refNbrs = new ArrayList<>();
        for (Map.Entry<InvoiceRequest, SlInvoiceSnapshot> e : found.entrySet()) {
            InvoiceRequest t = e.getKey();
            SlInvoiceSnapshot invoice = e.getValue();
            boolean given = t.amount() != null;
            allocations.add(new Allocation(invoice, available(invoice), given ? t.amount() : planned.get(t), given));
            refNbrs.add(invoice.getRefNbr());
        }
        List<String> warnings = new ArrayList<>();
        out.setAmounts(allocations.stream().map(a -> a.explicit() ? a.amount() : null).toList());
        ReviewResolution resolution = out.setCustId(payer).setInvoices(refNbrs).build();
        return new ValidatedResolution(resolution, allocations, capacity, warnings);
    }

    /**
     * What the invoices without an amount get of {@code left}, oldest first, each up to its available balance. An invoice
     * the payment no longer reaches is a mistake the person should correct, not a silent zero.
     */
    private static Map<InvoiceRequest, BigDecimal> spreadOldestFirst(Map<InvoiceRequest, SlInvoiceSnapshot> found, BigDecimal left,
                                                                  String basis) throws ResolutionRejected {
        List<Map.Entry<InvoiceRequest, SlInvoiceSnapshot>> unpriced = found.entrySet().stream()
                .filter(e -> e.getKey().amount() == null)
                .sorted(Map.Entry.comparingByValue(OLDEST_FIRST))
                .toList();
        Map<InvoiceRequest, BigDecimal> planned = new LinkedHashMap<>();
        for (Map.Entry<InvoiceRequest, SlInvoiceSnapshot> e : unpriced) {
            if (left.signum() <= 0) {
                String sofar = planned.entrySet().stream()
                        .map(p -> found.get(p.getKey()).getRefNbr() + " " + money(p.getValue()))
                        .collect(Collectors.joining(", "));
                throw new ResolutionRejected("--apply: the payment (" + basis + ") is used up before invoice "
                        + e.getValue().getRefNbr() + ", which would get nothing"
                        + (sofar.isEmpty() ? "" : " (oldest first: " + sofar + ")")
                        + "; list fewer invoices or give amounts as INVOICE:AMOUNT");
            }
            BigDecimal share = available(e.getValue()).min(left);
            planned.put(e.getKey(), share);
            left = left.subtract(share);
        }
        return planned;
    }

    /** The invoice a typed RefNbr means; of several with that number (several companies), the payer's one. */
    private static SlInvoiceSnapshot find(InvoiceRequest t, String payer, InvoiceCatalog catalog) throws ResolutionRejected {
        List<SlInvoiceSnapshot> matches = catalog.invoices(t.refNbr());
        if (matches.isEmpty()) {
            throw new ResolutionRejected("--apply " + t.given() + ": no open invoice " + t.refNbr() + " in sl.invoices");
        }
        List<SlInvoiceSnapshot> candidates = payer == null ? matches
                : matches.stream().filter(i -> sameCustomer(payer, i.getCustId())).toList();
        if (candidates.isEmpty()) {
            return matches.get(0); // another customer's: the customer check names it
        }
        if (candidates.size() > 1) {
            String which = candidates.stream().map(i -> i.getCpnyId() + "/" + i.getRefNbr() + " (" + i.getCustId() + ")")
                    .collect(Collectors.joining(", "));
            throw new ResolutionRejected("--apply " + t.given() + ": several SL invoices have that number (" + which
                    + "); a resolution names invoices by RefNbr only, so apply this one in SL");
        }
        return candidates.get(0);
    }

    private static List<InvoiceRequest> parseApply(List<String> entries) throws ResolutionRejected {
        List<InvoiceRequest> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String raw : entries) {
            String given = Formats.oneLine(raw);
            if (given.isEmpty()) {
                throw new ResolutionRejected("--apply: an invoice number is empty (write INVOICE[:AMOUNT],INVOICE[:AMOUNT]...)");
            }
            String[] parts = given.split(":", -1);
            if (parts.length > 2) {
                throw new ResolutionRejected("--apply " + given + ": write INVOICE or INVOICE:AMOUNT");
            }
            String refNbr = parts[0].strip();
            if (refNbr.isEmpty()) {
                throw new ResolutionRejected("--apply " + given + ": the invoice number is missing");
            }
            BigDecimal amount = parts.length == 2 ? amount(given, parts[1].strip()) : null;
            if (!seen.add(InvoiceCatalog.refNbrKey(refNbr))) {
                throw new ResolutionRejected("--apply lists invoice " + refNbr + " twice");
            }
            out.add(new InvoiceRequest(given, refNbr, amount));
        }
        return out;
    }

    private static BigDecimal amount(String given, String text) throws ResolutionRejected {
        BigDecimal amount;
        try {
            amount = new BigDecimal(text);
        } catch (NumberFormatException e) {
            throw new ResolutionRejected("--apply " + given + ": '" + text + "' is not an amount (write it like 125.50)");
        }
        if (amount.signum() <= 0) {
            throw new ResolutionRejected("--apply " + given + ": the amount must be more than 0");
        }
        if (amount.stripTrailingZeros().scale() > CENTS) {
            throw new ResolutionRejected("--apply " + given + ": an amount has at most " + CENTS + " decimals");
        }
        return amount.setScale(CENTS, RoundingMode.UNNECESSARY);
    }
}
