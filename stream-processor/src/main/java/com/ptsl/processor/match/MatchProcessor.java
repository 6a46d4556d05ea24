package com.ptsl.processor.match;

import com.ptsl.processor.ProcessorMetrics;
import com.ptsl.processor.classify.TransactionKind;
import com.ptsl.processor.command.PostPayments;
import com.ptsl.processor.command.Refunds;
import com.ptsl.processor.command.Reversals;
import com.ptsl.processor.command.StatusEvent;
import com.ptsl.processor.command.StatusEvents;
import com.ptsl.schemas.SlKeys;
import com.ptsl.schemas.avro.ErpCommand;
import com.ptsl.schemas.avro.InvoiceApplication;
import com.ptsl.schemas.avro.ResolutionAction;
import com.ptsl.schemas.avro.ReviewReason;
import com.ptsl.schemas.avro.ReviewResolution;
import com.ptsl.schemas.avro.SlInvoiceSnapshot;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Stage "match", keyed by SL CustId: one customer's open invoices, the payments waiting for them and
 * the balances this processor has already spent all live in this task, so every decision reads only
 * local state and two payments of one customer are decided one after the other.
 *
 * <ul>
 *   <li>An invoice snapshot replaces the stored one; reservations that SL now shows (an application
 *       from the same payment RefNbr) are dropped; waiting payments of the customer are retried.</li>
 *   <li>A payment is decided by {@link Matcher} against the invoices' available balances: a
 *       PostPayment (its applications reserved until SL shows them) and maybe a review item; or it
 *       waits in {@link MatchStores#PENDING} for the invoice it names, until the deadline.</li>
 *   <li>A resolution of an already posted payment applies its on-account cash (ApplyPayment) or
 *       just closes the item.</li>
 *   <li>A void of a posted payment (or refund) becomes a ReversePayment, and what the payment had spent of its
 *       invoices is given back at once (its reservations dropped; what SL already shows of it offset by a
 *       negative reservation until SL shows the reversal), so a later payment can take the invoice. A void of a
 *       payment still waiting drops it; a void of nothing posted is a status event.</li>
 *   <li>A refund becomes a PostRefund naming the original's first invoice, fullRefund once the refunds of the
 *       original add up to it (the running total is kept in the original's decided entry); a refund over what is
 *       left of the original is posted and raises AMOUNT_MISMATCH. A refund of a payment still waiting for its
 *       invoice decides that payment first (the refund proves it settled), so the sink sees them in order.</li>
 *   <li>A wall-clock punctuator posts waiting payments whose deadline passed, and drops reservations
 *       older than their TTL (a command SL rejected never shows up in SL).</li>
 * </ul>
 * Outputs are forwarded before the stores are written (see {@link InvoiceIndexProcessor}).
 */
public final class MatchProcessor implements Processor<String, MatchInput, String, Outcome> {

    private static final Logger LOG = LoggerFactory.getLogger(MatchProcessor.class);

    private final ProcessorMetrics metrics;
    private final ZoneId merchantZone;
    private final Duration deadline;
    private final Duration reservationTtl;
    private final Duration sweepInterval;
    private final Duration decidedRetention;
    private final Duration decidedSweepInterval;
    private ProcessorContext<String, Outcome> context;
    private KeyValueStore<String, SlInvoiceSnapshot> invoices;
    private KeyValueStore<String, MatchStores.Reservation> reservations;
    private KeyValueStore<String, MatchStores.Pending> pending;
    private KeyValueStore<String, MatchStores.Decided> decided;
    private LookupIndex index;
    // The sweep reads a whole store, which at a high rate holds hundreds of thousands of reservations that SL has not
    // shown yet; so it only reads one when something in it can be due. Each is the earliest time an entry of its store
    // can expire or pass its deadline (never later than the truth; 0 = unknown, as after a start: read it).
    private long reservationsDueMs;
    private long pendingDueMs;

    /**
     * @param decidedRetention how long a decided payment is remembered (as long as the dedupe store remembers
     *                         its transaction); one with an open review item is kept until it is resolved
     */
    public MatchProcessor(ProcessorMetrics metrics, ZoneId merchantZone, Duration deadline, Duration reservationTtl,
                          Duration sweepInterval, Duration decidedRetention, Duration decidedSweepInterval) {
        this.metrics = metrics;
        this.merchantZone = merchantZone;
        this.deadline = deadline;
        this.reservationTtl = reservationTtl;
        this.sweepInterval = sweepInterval;
        this.decidedRetention = decidedRetention;
        this.decidedSweepInterval = decidedSweepInterval;
    }

    @Override
    public void init(ProcessorContext<String, Outcome> context) {
        this.context = context;
        this.invoices = context.getStateStore(MatchStores.INVOICES);
        this.reservations = context.getStateStore(MatchStores.RESERVATIONS);
        this.pending = context.getStateStore(MatchStores.PENDING);
        this.decided = context.getStateStore(MatchStores.DECIDED);
        ReadOnlyKeyValueStore<String, ?> lookup = context.getStateStore(LookupIndex.STORE);
        this.index = new LookupIndex(lookup);
        // A task that is revived after a failed transaction keeps this instance but gets its stores back as the
        // changelog has them, without what the failed transaction wrote: read them again before trusting these.
        this.reservationsDueMs = 0;
        this.pendingDueMs = 0;
        context.schedule(sweepInterval, PunctuationType.WALL_CLOCK_TIME, this::sweep);
        context.schedule(decidedSweepInterval, PunctuationType.WALL_CLOCK_TIME, this::forgetDecided);
    }

    @Override
    public void process(Record<String, MatchInput> record) {
        String custId = record.key();
        MatchInput input = record.value();
        long now = context.currentSystemTimeMs();
        if (input instanceof MatchInput.Payment payment) {
            onPayment(custId, payment.facts(), payment.forced(), now, now);
        } else if (input instanceof MatchInput.InvoiceUpsert upsert) {
            onInvoice(custId, upsert.invoice(), now);
        } else if (input instanceof MatchInput.InvoiceRemoved removed) {
            onInvoiceRemoved(custId, removed.invoiceKey());
        } else if (input instanceof MatchInput.Resolution resolution) {
            onResolution(custId, resolution.resolution(), now);
        } else if (input instanceof MatchInput.Reverse reverse) {
            onReverse(custId, reverse.facts(), reverse.kind(), now);
        } else if (input instanceof MatchInput.Refund refund) {
            onRefund(custId, refund.facts(), refund.originalTransactionId(), now);
        }
    }

    /**
     * @param sinceMs when the payment first reached this stage (its deadline counts from there)
     */
    private void onPayment(String custId, PaymentFacts p, MatchInput.Forced forced, long sinceMs, long now) {
        onPayment(custId, p, forced, sinceMs, now, true);
    }

    /** @param mayWait false to decide now whatever is missing, as at the deadline */
    private void onPayment(String custId, PaymentFacts p, MatchInput.Forced forced, long sinceMs, long now, boolean mayWait) {
        String key = MatchStores.key(custId, p.transactionId());
        if (decided.get(key) != null) {
            metrics.onAlreadyPosted();
            return;
        }
        List<InvoiceBalance> open = balances(custId);
        Decision decision = forced != null
                ? Matcher.decideForced(p.amount(), forced, open)
                : Matcher.decide(p, open, notHereYet(custId, p, open), mayWait && now - sinceMs < deadline.toMillis());
        if (decision.waits()) {
            if (pending.get(key) == null) {
                metrics.onWaiting(ProcessorMetrics.WaitStage.INVOICE);
                pending.put(key, new MatchStores.Pending(p, forced, sinceMs, decision.waitReason()));
                pendingDueMs = Math.min(pendingDueMs, sinceMs + deadline.toMillis());
            }
            return;
        }
        if (decision.review() != null && decision.review().reason() == ReviewReason.DEADLINE_PASSED) {
            LOG.info("Transaction {} posted on account after the deadline: {}", p.transactionId(), decision.review().detail());
        }
        long heldSince = p.heldSinceMs() > 0 ? Math.min(p.heldSinceMs(), sinceMs) : sinceMs;
        post(custId, p, decision, now - heldSince, now);
        // Most payments never waited; a delete of nothing would still write a changelog record.
        if (pending.get(key) != null) {
            pending.delete(key);
        }
    }

    private void post(String custId, PaymentFacts p, Decision decision, long heldMs, long now) {
        Instant at = Instant.ofEpochMilli(now);
        ErpCommand command = PostPayments.postPayment(p, custId, decision, merchantZone, at, heldMs);
        context.forward(new Record<>(custId, new Outcome.Command(command), now));
        if (decision.review() != null) {
            context.forward(new Record<>(p.transactionId(), new Outcome.Review(
                    ReviewItems.open(p, custId, decision.review(), decision.onAccount(), at)), now));
            metrics.onReviewItem(decision.review().reason());
        }
        metrics.onMatched(decision.strategy());
        metrics.onCommandEmitted(command);
        reserve(custId, p.transactionId(), decision, now);
        decided.put(MatchStores.key(custId, p.transactionId()), MatchStores.Decided.payment(command.getCommandId(), p.amount(),
                decision.onAccount(), decision.review() == null ? null : decision.review().reason().name(),
                decision.review() == null ? null : p.json(), now, appliedTo(decision)));
    }

    private static List<MatchStores.AppliedTo> appliedTo(Decision decision) {
        return decision.applications().stream()
                .map(a -> new MatchStores.AppliedTo(a.invoice().key(), a.invoice().refNbr(), a.invoice().invoice().getDocType(), a.amount()))
                .toList();
    }

    private void reserve(String custId, String transactionId, Decision decision, long now) {
        for (Decision.Applied a : decision.applications()) {
            String key = MatchStores.key(custId, a.invoice().key(), transactionId);
            MatchStores.Reservation before = reservations.get(key);
            BigDecimal amount = before == null ? a.amount() : before.amount().add(a.amount());
            putReservation(key, new MatchStores.Reservation(amount, now));
        }
    }

    private void putReservation(String key, MatchStores.Reservation reservation) {
        reservations.put(key, reservation);
        reservationsDueMs = Math.min(reservationsDueMs, reservation.atMs() + reservationTtl.toMillis());
    }

    private void onInvoice(String custId, SlInvoiceSnapshot invoice, long now) {
        String invoiceKey = SlKeys.invoice(invoice.getCpnyId(), invoice.getRefNbr());
        invoices.put(MatchStores.key(custId, invoiceKey), invoice);
        Set<String> shown = invoice.getApplications().stream().map(InvoiceApplication::getPaymentRefNbr).map(String::strip)
                .collect(Collectors.toSet());
        for (KeyValue<String, MatchStores.Reservation> r : scan(reservations, MatchStores.prefix(custId, invoiceKey))) {
            String tx = r.key.substring(r.key.lastIndexOf('|') + 1);
            // Spent by us: SL shows it now. Given back by us: SL no longer counts it (removed, or reversed by an NS).
            boolean settled = r.value.givesBack() ? shownNet(invoice, tx).signum() <= 0 : shown.contains(tx);
            if (settled) {
                reservations.delete(r.key);
            }
        }
        retryPending(custId, now);
    }

    private void onInvoiceRemoved(String custId, String invoiceKey) {
        invoices.delete(MatchStores.key(custId, invoiceKey));
        for (KeyValue<String, MatchStores.Reservation> r : scan(reservations, MatchStores.prefix(custId, invoiceKey))) {
            reservations.delete(r.key);
        }
    }

    private void retryPending(String custId, long now) {
        for (KeyValue<String, MatchStores.Pending> kv : scan(pending, MatchStores.prefix(custId))) {
            onPayment(custId, kv.value.facts(), kv.value.forced(), kv.value.sinceMs(), now);
        }
    }

    private void onResolution(String custId, ReviewResolution r, long now) {
        String tx = r.getTransactionId();
        String key = MatchStores.key(custId, tx);
        MatchStores.Pending waiting = pending.get(key);
        if (waiting != null) {
            // Decided by a person before the deadline: the payment posts their way now.
            boolean onAccount = r.getAction() != ResolutionAction.APPLY;
            onPayment(custId, waiting.facts(), MatchInput.Forced.of(r, onAccount), waiting.sinceMs(), now);
            metrics.onResolution(r.getAction(), true);
            return;
        }
        MatchStores.Decided d = decided.get(key);
        if (d == null || !d.reviewOpen()) {
            LOG.warn("Resolution of transaction {} for customer {} ignored: {}", tx, custId,
                    d == null ? "no payment of this customer with that id" : "its review item is already closed");
            metrics.onResolution(r.getAction(), false);
            return;
        }
        Instant at = Instant.ofEpochMilli(now);
        BigDecimal onAccount = d.onAccount();
        List<MatchStores.AppliedTo> applied = List.of();
        String what;
        if (r.getAction() == ResolutionAction.APPLY && onAccount.signum() > 0) {
            Decision decision = Matcher.decideForced(onAccount, MatchInput.Forced.of(r, false),
                    balances(custId));
            PaymentFacts facts = new PaymentFacts(tx, d.amount(), "", "", "", "", LocalDateTime.ofInstant(at, merchantZone).toString(),
                    "", "", now, "", 0, "");
            if (!decision.applications().isEmpty()) {
                ErpCommand command = PostPayments.applyPayment(facts, custId, decision, merchantZone, at, now - d.atMs());
                context.forward(new Record<>(custId, new Outcome.Command(command), now));
                metrics.onCommandEmitted(command);
                reserve(custId, tx, decision, now);
                applied = appliedTo(decision);
            }
            onAccount = decision.onAccount();
            what = "applied " + decision.applied() + " to " + decision.applications().stream().map(a -> a.invoice().refNbr())
                    .collect(Collectors.joining(", ")) + ", " + onAccount + " left on account";
        } else {
            what = r.getAction() == ResolutionAction.IGNORE ? "ignored" : "kept on account";
        }
        String resolution = what + " by " + r.getResolvedBy() + (r.getNote() == null || r.getNote().isBlank() ? "" : " (" + r.getNote() + ")");
        context.forward(new Record<>(tx, new Outcome.Review(ReviewItems.resolved(tx, ReviewReason.valueOf(d.reviewReason()), custId,
                d.amount(), onAccount, d.json(), resolution, at)), now));
        decided.put(key, d.closed(onAccount, applied));
        metrics.onResolution(r.getAction(), true);
    }

    // ---- voids ----

    /** PayTrace voided transaction {@code x} (a payment or a refund of this customer). */
    private void onReverse(String custId, PaymentFacts x, TransactionKind kind, long now) {
        String tx = x.transactionId();
        String key = MatchStores.key(custId, tx);
        MatchStores.Pending waiting = pending.get(key);
        if (waiting != null) {
            // Nothing was posted and nothing will be; its reservations were never made.
            notPosted(x, kind, custId, "voided in PayTrace while it waited for its invoice; nothing was posted", now);
            pending.delete(key);
            return;
        }
        MatchStores.Decided d = decided.get(key);
        if (d == null) {
            notPosted(x, kind, custId, "voided in PayTrace; nothing had been posted for it", now);
            return;
        }
        if (d.reversed()) {
            metrics.onAlreadyPosted();
            return;
        }
        Instant at = Instant.ofEpochMilli(now);
        ErpCommand command = Reversals.reversePayment(x, custId, d.amount(), kind, d.postedBy(tx), merchantZone, at);
        context.forward(new Record<>(custId, new Outcome.Command(command), now));
        metrics.onCommandEmitted(command);
        if (d.reviewOpen()) {
            context.forward(new Record<>(tx, new Outcome.Review(ReviewItems.resolved(tx, ReviewReason.valueOf(d.reviewReason()), custId,
                    d.amount(), null, d.json(), "voided in PayTrace; " + command.getCommandId() + " undoes the posting", at)), now));
        }
        giveBack(custId, tx, d.applications(), now);
        if (d.ofRefund() && !d.originalTransactionId().isEmpty()) {
            String originalKey = MatchStores.key(custId, d.originalTransactionId());
            MatchStores.Decided original = decided.get(originalKey);
            if (original != null) {
                decided.put(originalKey, original.withRefunded(original.refunded().subtract(d.amount()).max(BigDecimal.ZERO)));
            }
        }
        decided.put(key, d.reversedNow());
        LOG.info("Transaction {} of customer {} voided in PayTrace: {}", tx, custId, command.getCommandId());
    }

    /**
     * What a reversed payment had spent of its invoices becomes available again now, not when SL's feed shows the
     * reversal: its own reservations go, and what SL already shows of it is offset by a negative reservation that
     * {@link #onInvoice} drops once SL shows the payment gone (or the TTL passes, if SL refused the reversal).
     */
    private void giveBack(String custId, String tx, List<MatchStores.AppliedTo> applications, long now) {
        Set<String> done = new HashSet<>();
        for (MatchStores.AppliedTo a : applications) {
            if (!done.add(a.invoiceKey())) {
                continue;
            }
            String key = MatchStores.key(custId, a.invoiceKey(), tx);
            reservations.delete(key);
            SlInvoiceSnapshot invoice = invoices.get(MatchStores.key(custId, a.invoiceKey()));
            BigDecimal shown = invoice == null ? BigDecimal.ZERO : shownNet(invoice, tx);
            if (shown.signum() > 0) {
                putReservation(key, new MatchStores.Reservation(shown.negate(), now));
            }
        }
    }

    /** What SL shows transaction {@code tx} applied to the invoice, net (an NS adds negated rows). */
    private static BigDecimal shownNet(SlInvoiceSnapshot invoice, String tx) {
        return invoice.getApplications().stream().filter(a -> a.getPaymentRefNbr().strip().equals(tx))
                .map(InvoiceApplication::getAmount).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    private void notPosted(PaymentFacts x, TransactionKind kind, String custId, String reason, long now) {
        StatusEvent event = kind == TransactionKind.AUTO_VOIDED ? StatusEvent.AUTO_VOIDED : StatusEvent.VOIDED_UNPOSTED;
        var result = StatusEvents.notPosted(x, event, kind, reason, custId, Instant.ofEpochMilli(now));
        context.forward(new Record<>(result.getCommandId(), new Outcome.Status(result), now));
        metrics.onStatusEvent(event);
    }

    // ---- refunds ----

    /** @param original the refunded payment's transaction id, "" when the record names none */
    private void onRefund(String custId, PaymentFacts r, String original, long now) {
        String key = MatchStores.key(custId, r.transactionId());
        if (decided.get(key) != null) {
            metrics.onAlreadyPosted(); // e.g. REFUND_SETTLED after REFUNDED
            return;
        }
        BigDecimal amount = r.amount().abs().setScale(2);
        String originalKey = original.isEmpty() ? null : MatchStores.key(custId, original);
        MatchStores.Pending waitingOriginal = originalKey == null ? null : pending.get(originalKey);
        if (waitingOriginal != null) {
            // Refunded, so settled: the payment waited long enough; post it first so the sink sees payment, then refund.
            onPayment(custId, waitingOriginal.facts(), waitingOriginal.forced(), waitingOriginal.sinceMs(), now, false);
        }
        MatchStores.Decided d = originalKey == null ? null : decided.get(originalKey);
        Instant at = Instant.ofEpochMilli(now);
        String invoiceRefNbr = "";
        boolean full = false;
        Decision.Review review = null;
        MatchStores.Decided originalNow = null;
        if (d != null && !d.ofRefund()) {
            BigDecimal left = d.refundable();
            invoiceRefNbr = d.applications().isEmpty() ? "" : d.applications().get(0).refNbr();
            full = d.refunded().add(amount).compareTo(d.amount()) >= 0;
            if (amount.compareTo(left) > 0) {
                review = new Decision.Review(ReviewReason.AMOUNT_MISMATCH,
                        "refund of " + amount + " is more than the " + left + " left of payment " + original + " (" + d.amount()
                                + (d.reversed() ? ", voided" : ", " + d.refunded() + " refunded before") + "); the refund was posted",
                        "check the refund against the original payment in SL and correct it by hand if PayTrace's figures are wrong",
                        List.of(), "");
            }
            originalNow = d.withRefunded(d.refunded().add(amount));
        } else if (!original.isEmpty()) {
            LOG.info("Refund {} of {} for customer {}: the original's decision is not remembered here; posted without its invoice",
                    r.transactionId(), original, custId);
        }
        long heldSince = r.heldSinceMs() > 0 ? r.heldSinceMs() : now;
        ErpCommand command = Refunds.postRefund(r, custId, original, invoiceRefNbr, full, merchantZone, at, now - heldSince);
        context.forward(new Record<>(custId, new Outcome.Command(command), now));
        metrics.onCommandEmitted(command);
        if (review != null) {
            context.forward(new Record<>(r.transactionId(), new Outcome.Review(ReviewItems.open(r, custId, review, null, at)), now));
            metrics.onReviewItem(review.reason());
        }
        if (originalNow != null) {
            decided.put(originalKey, originalNow);
        }
        decided.put(key, MatchStores.Decided.refund(command.getCommandId(), amount, review == null ? null : review.reason().name(),
                review == null ? null : r.json(), now, original));
    }

    /** Numbers the payment mentions that the global index lists for this customer and this task does not hold yet. */
    private Set<String> notHereYet(String custId, PaymentFacts p, List<InvoiceBalance> open) {
        Set<String> refs = new HashSet<>();
        Set<String> orders = new HashSet<>();
        for (InvoiceBalance i : open) {
            refs.add(Refs.invoice(i.refNbr()));
            orders.add(Refs.order(i.invoice().getOrdNbr()));
            orders.add(Refs.order(i.invoice().getCustOrdNbr()));
        }
        Set<String> missing = new LinkedHashSet<>();
        Set<String> mentioned = new LinkedHashSet<>(Refs.invoiceTokens(p.invoiceId(), p.description()));
        if (p.namesInvoice()) {
            mentioned.add(Refs.invoice(p.invoiceId()));
        }
        for (String ref : mentioned) {
            if (!refs.contains(ref) && index.customers(LookupKeys.Kind.INVOICE, ref).contains(custId)) {
                missing.add(ref);
            }
        }
        for (String nbr : List.of(p.invoiceId(), p.customerReferenceId())) {
            if (!nbr.isBlank() && !orders.contains(Refs.order(nbr)) && index.customers(LookupKeys.Kind.ORDER, nbr).contains(custId)) {
                missing.add(Refs.order(nbr));
            }
        }
        return missing;
    }

    /** The customer's invoices with what is still available on each. */
    private List<InvoiceBalance> balances(String custId) {
        Map<String, BigDecimal> reserved = new HashMap<>();
        for (KeyValue<String, MatchStores.Reservation> r : scan(reservations, MatchStores.prefix(custId))) {
            String invoiceKey = r.key.substring(custId.length() + 1, r.key.lastIndexOf('|'));
            reserved.merge(invoiceKey, r.value.amount(), BigDecimal::add);
        }
        List<InvoiceBalance> out = new ArrayList<>();
        for (KeyValue<String, SlInvoiceSnapshot> kv : scan(invoices, MatchStores.prefix(custId))) {
            SlInvoiceSnapshot inv = kv.value;
            BigDecimal pendingInSl = inv.getApplications().stream().filter(a -> !a.getReleased()).map(InvoiceApplication::getAmount)
                    .reduce(BigDecimal.ZERO, BigDecimal::add);
            String invoiceKey = kv.key.substring(custId.length() + 1);
            BigDecimal available = inv.getDocBal().subtract(pendingInSl).subtract(reserved.getOrDefault(invoiceKey, BigDecimal.ZERO));
            out.add(new InvoiceBalance(inv, available.setScale(2)));
        }
        return out;
    }

    /** Posts waiting payments whose deadline passed, and drops reservations (spent or given back) older than their TTL. */
    void sweep(long now) {
        if (now >= pendingDueMs) {
            pendingDueMs = Long.MAX_VALUE; // lowered again by every payment that still waits
            long due = Long.MAX_VALUE;
            for (KeyValue<String, MatchStores.Pending> kv : scan(pending, "")) {
                if (now - kv.value.sinceMs() >= deadline.toMillis()) {
                    String custId = kv.key.substring(0, kv.key.indexOf('|'));
                    onPayment(custId, kv.value.facts(), kv.value.forced(), kv.value.sinceMs(), now);
                } else {
                    due = Math.min(due, kv.value.sinceMs() + deadline.toMillis());
                }
            }
            pendingDueMs = Math.min(pendingDueMs, due);
        }
        if (now >= reservationsDueMs) {
            reservationsDueMs = Long.MAX_VALUE;
            long due = Long.MAX_VALUE;
            for (KeyValue<String, MatchStores.Reservation> kv : scan(reservations, "")) {
                if (now - kv.value.atMs() >= reservationTtl.toMillis()) {
                    reservations.delete(kv.key);
                    metrics.onReservationExpired();
                } else {
                    due = Math.min(due, kv.value.atMs() + reservationTtl.toMillis());
                }
            }
            reservationsDueMs = Math.min(reservationsDueMs, due);
        }
    }

    /** Decided payments are forgotten like dedupe entries; if one comes again the sink's ledger still knows its commandId. */
    void forgetDecided(long now) {
        for (KeyValue<String, MatchStores.Decided> kv : scan(decided, "")) {
            if (!kv.value.reviewOpen() && now - kv.value.atMs() >= decidedRetention.toMillis()) {
                decided.delete(kv.key);
            }
        }
    }

    /** A snapshot of the entries under a prefix ("" = all), so the caller may write the store while going through them. */
    private static <V> List<KeyValue<String, V>> scan(KeyValueStore<String, V> store, String prefix) {
        List<KeyValue<String, V>> out = new ArrayList<>();
        try (KeyValueIterator<String, V> it = prefix.isEmpty() ? store.all() : store.prefixScan(prefix, Serdes.String().serializer())) {
            it.forEachRemaining(out::add);
        }
        return out;
    }
}
