package com.ptsl.processor.match;

import com.ptsl.processor.CustomerField;
import com.ptsl.processor.ProcessorMetrics;
import com.ptsl.processor.classify.TransactionKind;
import com.ptsl.processor.command.StatusEvent;
import com.ptsl.processor.command.StatusEvents;
import com.ptsl.processor.dedupe.DedupeEntry;
import com.ptsl.processor.dedupe.DedupeStore;
import com.ptsl.processor.errors.Redaction;
import com.ptsl.schemas.avro.ResolutionAction;
import com.ptsl.schemas.avro.ReviewReason;
import com.ptsl.schemas.avro.ReviewResolution;
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

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Stage "resolve", keyed by transaction id: finds each payment's SL customer and routes it to that customer's
 * matcher; and routes what PayTrace later does to a transaction (a void, a refund) to the same matcher.
 *
 * <ul>
 *   <li>A payment is looked up in the global lookup index. One no index entry explains yet (its invoice may
 *       not have reached the feed) waits in {@link MatchStores#UNRESOLVED} and is retried by a wall-clock
 *       punctuator until the deadline; then it goes to review as UNKNOWN_CUSTOMER and nothing is posted until
 *       a person resolves it. Routing it records the customer in the transaction's dedupe entry: from then on
 *       that matcher owns it, and a later record of it (e.g. settled) is not routed again.</li>
 *   <li>A void of transaction X arrives keyed X, in the task holding X's entry: routed to X's customer's matcher
 *       (which reverses the posting, or drops it if it still waits there); if X still waits here it is dropped;
 *       if X was never routed a status event says nothing was posted. The entry is marked voided, so a late
 *       copy of X's pending record posts nothing.</li>
 *   <li>A refund naming its original O arrives keyed O (the route stage re-keyed it), in the task holding O's
 *       entry: routed to O's customer. While O is not routed (not seen yet, or its customer unknown) the refund
 *       waits, keyed by its own id, retried like a payment; at the deadline it goes to review as
 *       UNLINKED_REFUND, nothing posted. A refund naming nothing is resolved like a payment.</li>
 * </ul>
 * Outputs are forwarded before the stores are written (see {@link InvoiceIndexProcessor}).
 */
public final class ResolveProcessor implements Processor<String, ResolveInput, String, Outcome> {

    private static final Logger LOG = LoggerFactory.getLogger(ResolveProcessor.class);

    private final ProcessorMetrics metrics;
    private final CustomerField customerField;
    private final Duration deadline;
    private final Duration retryInterval;
    private final Duration retention;
    private ProcessorContext<String, Outcome> context;
    private KeyValueStore<String, DedupeEntry> dedupe;
    private KeyValueStore<String, MatchStores.Unresolved> unresolved;
    private CustomerResolver resolver;

    /**
     * @param retention how long an UNLINKED_REFUND entry is kept after its review (as long as dedupe entries), so a
     *                  changed copy of the refund (settled) does not raise the item again
     */
    public ResolveProcessor(ProcessorMetrics metrics, CustomerField customerField, Duration deadline, Duration retryInterval,
                            Duration retention) {
        this.metrics = metrics;
        this.customerField = customerField;
        this.deadline = deadline;
        this.retryInterval = retryInterval;
        this.retention = retention;
    }

    @Override
    public void init(ProcessorContext<String, Outcome> context) {
        this.context = context;
        this.dedupe = context.getStateStore(DedupeStore.NAME);
        this.unresolved = context.getStateStore(MatchStores.UNRESOLVED);
        ReadOnlyKeyValueStore<String, ?> lookup = context.getStateStore(LookupIndex.STORE);
        this.resolver = new CustomerResolver(new LookupIndex(lookup), customerField);
        context.schedule(retryInterval, PunctuationType.WALL_CLOCK_TIME, this::retry);
    }

    @Override
    public void process(Record<String, ResolveInput> record) {
        ResolveInput input = record.value();
        if (input instanceof ResolveInput.Payment payment) {
            onPayment(payment.facts());
        } else if (input instanceof ResolveInput.Refund refund) {
            onRefund(refund.facts(), refund.originalTransactionId());
        } else if (input instanceof ResolveInput.Voided voided) {
            onVoid(voided);
        } else if (input instanceof ResolveInput.Resolution resolution) {
            onResolution(resolution.resolution());
        }
    }

    private void onPayment(PaymentFacts p) {
        DedupeEntry entry = dedupe.get(p.transactionId());
        if (entry != null && entry.voided()) {
            LOG.info("Transaction {} was voided already; an older copy of its record posts nothing", p.transactionId());
            return;
        }
        // Already routed, or already waiting for its customer: a later record (e.g. it settled) changes nothing.
        if ((entry != null && entry.paymentPosted()) || unresolved.get(p.transactionId()) != null) {
            metrics.onAlreadyPosted();
            return;
        }
        long now = context.currentSystemTimeMs();
        CustomerResolver.Resolution resolution = resolver.resolve(p);
        if (resolution.custId().isPresent()) {
            route(p, resolution.custId().get(), null, now, false);
            return;
        }
        metrics.onWaiting(ProcessorMetrics.WaitStage.CUSTOMER);
        unresolved.put(p.transactionId(), MatchStores.Unresolved.payment(p, now));
    }

    /** @param waited whether it waits in the unresolved store (a delete of nothing would still write a changelog record) */
    private void route(PaymentFacts p, String custId, MatchInput.Forced forced, long now, boolean waited) {
        context.forward(new Record<>(custId, new Outcome.Route(new MatchInput.Payment(p, forced)), now));
        markRouted(p.transactionId(), custId, now);
        if (waited) {
            unresolved.delete(p.transactionId());
        }
    }

    private void markRouted(String transactionId, String custId, long now) {
        DedupeEntry entry = dedupe.get(transactionId);
        dedupe.put(transactionId, (entry == null ? DedupeEntry.firstSeen("", now) : entry).withRoutedTo(custId));
    }

    // ---- refunds ----

    private void onRefund(PaymentFacts r, String original) {
        if (unresolved.get(r.transactionId()) != null) {
            metrics.onAlreadyPosted(); // waits already; a settled copy changes nothing
            return;
        }
        long now = context.currentSystemTimeMs();
        if (!original.isEmpty()) {
            Optional<String> custId = routedCustomer(original);
            if (custId.isPresent()) {
                routeRefund(r, original, custId.get(), now, false);
            } else {
                metrics.onWaiting(ProcessorMetrics.WaitStage.CUSTOMER);
                unresolved.put(r.transactionId(), MatchStores.Unresolved.refund(r, original, now));
            }
            return;
        }
        // Keyed here by its own id: its own entry says whether it was routed already (a settled copy of it).
        DedupeEntry entry = dedupe.get(r.transactionId());
        if (entry != null && (entry.paymentPosted() || entry.voided())) {
            metrics.onAlreadyPosted();
            return;
        }
        CustomerResolver.Resolution resolution = resolver.resolve(r);
        if (resolution.custId().isPresent()) {
            routeRefund(r, "", resolution.custId().get(), now, false);
            return;
        }
        metrics.onWaiting(ProcessorMetrics.WaitStage.CUSTOMER);
        unresolved.put(r.transactionId(), MatchStores.Unresolved.refund(r, "", now));
    }

    private void routeRefund(PaymentFacts r, String original, String custId, long now, boolean waited) {
        context.forward(new Record<>(custId, new Outcome.Route(new MatchInput.Refund(r, original)), now));
        if (original.isEmpty()) {
            // Only an unlinked refund is keyed by its own id here; a linked one is in its original's task.
            markRouted(r.transactionId(), custId, now);
        }
        if (waited) {
            unresolved.delete(r.transactionId());
        }
    }

    /** The customer transaction {@code id} (held in this task) was routed to. */
    private Optional<String> routedCustomer(String id) {
        DedupeEntry entry = dedupe.get(id);
        return entry != null && entry.routed() ? Optional.of(entry.custId()) : Optional.empty();
    }

    // ---- voids ----

    private void onVoid(ResolveInput.Voided v) {
        PaymentFacts x = v.facts();
        String tx = x.transactionId();
        long now = context.currentSystemTimeMs();
        MatchStores.Unresolved waiting = unresolved.get(tx);
        if (v.ofLinkedRefund()) {
            // Keyed by the refund's original: the refund itself may wait here, or went to the original's customer.
            if (waiting != null) {
                dropWaiting(waiting, v.kind(), now);
                return;
            }
            Optional<String> custId = routedCustomer(v.originalTransactionId());
            if (custId.isPresent()) {
                context.forward(new Record<>(custId.get(), new Outcome.Route(new MatchInput.Reverse(x, v.kind())), now));
            } else {
                notPosted(x, v.kind(), "", now);
            }
            return;
        }
        DedupeEntry entry = dedupe.get(tx);
        if (entry != null && entry.voided()) {
            return; // voided already; a void is final
        }
        if (waiting != null) {
            dropWaiting(waiting, v.kind(), now);
        } else if (entry != null && entry.routed()) {
            context.forward(new Record<>(entry.custId(), new Outcome.Route(new MatchInput.Reverse(x, v.kind())), now));
        } else if (entry != null && entry.paymentPosted()) {
            // Routed before the entry remembered customers (or ignored by a person): find the customer again; its
            // matcher knows whether anything was posted.
            Optional<String> custId = resolver.resolve(x).custId();
            if (custId.isPresent()) {
                context.forward(new Record<>(custId.get(), new Outcome.Route(new MatchInput.Reverse(x, v.kind())), now));
            } else {
                LOG.warn("Transaction {} was voided; its entry says it was routed but names no customer and none is found: "
                        + "if SL holds a payment for it, reverse it by hand", tx);
                notPosted(x, v.kind(), "", now);
            }
        } else {
            notPosted(x, v.kind(), "", now);
        }
        dedupe.put(tx, (entry == null ? DedupeEntry.firstSeen("", now) : entry).withVoided());
    }

    /** A payment or refund waiting for its customer was voided: nothing was posted, and nothing will be. */
    private void dropWaiting(MatchStores.Unresolved waiting, TransactionKind kind, long now) {
        PaymentFacts p = waiting.facts();
        notPosted(p, kind, "", now);
        if (waiting.awaitingReview()) {
            ReviewReason reason = waiting.ofLinkedRefund() ? ReviewReason.UNLINKED_REFUND : ReviewReason.UNKNOWN_CUSTOMER;
            context.forward(new Record<>(p.transactionId(), new Outcome.Review(ReviewItems.resolved(p.transactionId(), reason, null,
                    p.amount(), null, p.json(), "voided in PayTrace before anything was posted; nothing to do", Instant.ofEpochMilli(now))), now));
        }
        unresolved.delete(p.transactionId());
    }

    private void notPosted(PaymentFacts p, TransactionKind kind, String custId, long now) {
        StatusEvent event = kind == TransactionKind.AUTO_VOIDED ? StatusEvent.AUTO_VOIDED : StatusEvent.VOIDED_UNPOSTED;
        String reason = kind == TransactionKind.AUTO_VOIDED
                ? "approved, then voided by PayTrace because the CSC or address did not match (103); nothing was posted"
                : "voided in PayTrace before anything was posted";
        var result = StatusEvents.notPosted(p, event, kind, reason, custId, Instant.ofEpochMilli(now));
        context.forward(new Record<>(result.getCommandId(), new Outcome.Status(result), now));
        metrics.onStatusEvent(event);
    }

    // ---- people's resolutions ----

    private void onResolution(ReviewResolution r) {
        long now = context.currentSystemTimeMs();
        String tx = r.getTransactionId();
        MatchStores.Unresolved waiting = unresolved.get(tx);
        String custId = r.getCustId() == null ? "" : r.getCustId().strip();
        if (waiting == null) {
            if (custId.isEmpty()) {
                LOG.warn("Resolution of transaction {} ignored: no waiting payment and no customer to route it to", tx);
                metrics.onResolution(r.getAction(), false);
                return;
            }
            // Already routed: the customer's matcher holds the payment and applies the decision there.
            context.forward(new Record<>(custId, new Outcome.Route(new MatchInput.Resolution(r)), now));
            return;
        }
        if (waiting.ofLinkedRefund()) {
            // Its item (UNLINKED_REFUND) waits in the original's task, which resolutions keyed by the refund do not reach
            // in general: such refunds are booked in SL by hand, as the item says.
            LOG.warn("Resolution {} of refund {} ignored: a refund of an unknown original is booked in SL by hand", r.getAction(), tx);
            metrics.onResolution(r.getAction(), false);
            return;
        }
        PaymentFacts p = waiting.facts();
        if (r.getAction() == ResolutionAction.IGNORE) {
            close(p, null, "ignored by " + r.getResolvedBy() + note(r), now);
            DedupeEntry entry = dedupe.get(tx);
            dedupe.put(tx, (entry == null ? DedupeEntry.firstSeen("", now) : entry).withPaymentPosted());
            unresolved.delete(tx);
            metrics.onResolution(r.getAction(), true);
            return;
        }
        if (custId.isEmpty()) {
            LOG.warn("Resolution {} of transaction {} ignored: it names no customer", r.getAction(), tx);
            metrics.onResolution(r.getAction(), false);
            return;
        }
        if (waiting.ofRefund()) {
            close(p, custId, "refund posted for customer " + custId + " by " + r.getResolvedBy() + note(r), now);
            routeRefund(p.heldSince(waiting.sinceMs()), "", custId, now, true);
            metrics.onResolution(r.getAction(), true);
            return;
        }
        boolean onAccount = r.getAction() == ResolutionAction.ON_ACCOUNT;
        close(p, custId, (onAccount ? "posted on account of " + custId : "applied to " + String.join(", ", r.getInvoices()))
                + " by " + r.getResolvedBy() + note(r), now);
        route(p.heldSince(waiting.sinceMs()), custId, MatchInput.Forced.of(r, onAccount), now, true);
        metrics.onResolution(r.getAction(), true);
    }

    private void close(PaymentFacts p, String custId, String resolution, long now) {
        context.forward(new Record<>(p.transactionId(), new Outcome.Review(ReviewItems.resolved(p.transactionId(),
                ReviewReason.UNKNOWN_CUSTOMER, custId, p.amount(), null, p.json(), resolution, Instant.ofEpochMilli(now))), now));
    }

    private static String note(ReviewResolution r) {
        return r.getNote() == null || r.getNote().isBlank() ? "" : " (" + r.getNote() + ")";
    }

    // ---- the retry punctuator ----

    /** Retries waiting payments and refunds; those past the deadline go to review. */
    void retry(long now) {
        List<KeyValue<String, MatchStores.Unresolved>> waiting = new ArrayList<>();
        List<String> forgotten = new ArrayList<>();
        try (KeyValueIterator<String, MatchStores.Unresolved> all = unresolved.all()) {
            all.forEachRemaining(kv -> {
                if (!kv.value.awaitingReview()) {
                    waiting.add(kv);
                } else if (kv.value.ofLinkedRefund() && now - kv.value.sinceMs() > retention.toMillis()) {
                    forgotten.add(kv.key);
                }
            });
        }
        forgotten.forEach(unresolved::delete);
        for (KeyValue<String, MatchStores.Unresolved> kv : waiting) {
            if (kv.value.ofLinkedRefund()) {
                retryLinkedRefund(kv.key, kv.value, now);
                continue;
            }
            PaymentFacts p = kv.value.facts();
            CustomerResolver.Resolution resolution = resolver.resolve(p);
            if (resolution.custId().isPresent()) {
                if (kv.value.ofRefund()) {
                    routeRefund(p.heldSince(kv.value.sinceMs()), "", resolution.custId().get(), now, true);
                } else {
                    route(p.heldSince(kv.value.sinceMs()), resolution.custId().get(), null, now, true);
                }
            } else if (now - kv.value.sinceMs() >= deadline.toMillis()) {
                // The payer's fields are quoted back; a card number typed into one must not travel on.
                Decision.Review review = new Decision.Review(ReviewReason.UNKNOWN_CUSTOMER,
                        Redaction.digitRuns(resolution.problem()) + " within " + deadline.toSeconds() + " s; nothing was posted",
                        kv.value.ofRefund()
                                ? "name the customer the refund is for (--on-account --customer CUSTID), or --ignore"
                                : "name the customer: apply it to invoices (--apply INVOICE[,INVOICE]), post it on account (--on-account --customer CUSTID), or --ignore",
                        List.of(), "");
                toReview(kv, review, now);
                metrics.onReviewItem(ReviewReason.UNKNOWN_CUSTOMER);
                LOG.info("Transaction {} to review: no SL customer found", p.transactionId());
            }
        }
    }

    private void retryLinkedRefund(String key, MatchStores.Unresolved waiting, long now) {
        PaymentFacts r = waiting.facts();
        Optional<String> custId = routedCustomer(waiting.refundOf());
        if (custId.isPresent()) {
            routeRefund(r.heldSince(waiting.sinceMs()), waiting.refundOf(), custId.get(), now, true);
        } else if (now - waiting.sinceMs() >= deadline.toMillis()) {
            Decision.Review review = new Decision.Review(ReviewReason.UNLINKED_REFUND,
                    "refund of transaction " + waiting.refundOf() + ", which this processor never posted for a known customer (not seen within "
                            + deadline.toSeconds() + " s, or forgotten after the retention); nothing was posted",
                    "find the original payment in SL and book the refund there by hand", List.of(), "");
            toReview(new KeyValue<>(key, waiting), review, now);
            metrics.onReviewItem(ReviewReason.UNLINKED_REFUND);
            LOG.info("Refund {} to review: its original {} is not known", r.transactionId(), waiting.refundOf());
        }
    }

    private void toReview(KeyValue<String, MatchStores.Unresolved> kv, Decision.Review review, long now) {
        PaymentFacts p = kv.value.facts();
        context.forward(new Record<>(p.transactionId(), new Outcome.Review(ReviewItems.open(p, null, review, null, Instant.ofEpochMilli(now))), now));
        unresolved.put(kv.key, kv.value.toReview());
    }
}
