package com.ptsl.processor.match;

import com.ptsl.processor.CustomerField;
import com.ptsl.processor.ProcessorMetrics;
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

/**
 * Stage "resolve", keyed by transaction id: finds each payable payment's SL customer in the global
 * lookup index and routes it to that customer's matcher. A payment no index entry explains yet (its
 * invoice may not have reached the feed) waits in {@link MatchStores#UNRESOLVED} and is retried by a
 * wall-clock punctuator until the deadline; then it goes to review as UNKNOWN_CUSTOMER and nothing is
 * posted until a person resolves it.
 *
 * <p>The dedupe entry's payment-posted flag is set when the payment is routed: from then on its
 * customer's matcher owns it, and a later record of the same transaction (e.g. settled) is not routed
 * again. Outputs are forwarded before the stores are written (see {@link InvoiceIndexProcessor}).
 */
public final class ResolveProcessor implements Processor<String, ResolveInput, String, Outcome> {

    private static final Logger LOG = LoggerFactory.getLogger(ResolveProcessor.class);

    private final ProcessorMetrics metrics;
    private final CustomerField customerField;
    private final Duration deadline;
    private final Duration retryInterval;
    private ProcessorContext<String, Outcome> context;
    private KeyValueStore<String, DedupeEntry> dedupe;
    private KeyValueStore<String, MatchStores.Unresolved> unresolved;
    private CustomerResolver resolver;

    public ResolveProcessor(ProcessorMetrics metrics, CustomerField customerField, Duration deadline, Duration retryInterval) {
        this.metrics = metrics;
        this.customerField = customerField;
        this.deadline = deadline;
        this.retryInterval = retryInterval;
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
        if (record.value() instanceof ResolveInput.Payment payment) {
            onPayment(payment.facts());
        } else if (record.value() instanceof ResolveInput.Resolution resolution) {
            onResolution(resolution.resolution());
        }
    }

    private void onPayment(PaymentFacts p) {
        DedupeEntry entry = dedupe.get(p.transactionId());
        // Already routed, or already waiting for its customer: a later record (e.g. it settled) changes nothing.
        if ((entry != null && entry.paymentPosted()) || unresolved.get(p.transactionId()) != null) {
            metrics.onAlreadyPosted();
            return;
        }
        long now = context.currentSystemTimeMs();
        CustomerResolver.Resolution resolution = resolver.resolve(p);
        if (resolution.custId().isPresent()) {
            route(p, resolution.custId().get(), null, now);
            return;
        }
        metrics.onWaiting(ProcessorMetrics.WaitStage.CUSTOMER);
        unresolved.put(p.transactionId(), new MatchStores.Unresolved(p, now, false));
    }

    private void route(PaymentFacts p, String custId, MatchInput.Forced forced, long now) {
        context.forward(new Record<>(custId, new Outcome.Route(new MatchInput.Payment(p, forced)), now));
        DedupeEntry entry = dedupe.get(p.transactionId());
        dedupe.put(p.transactionId(), (entry == null ? DedupeEntry.firstSeen("", now) : entry).withPaymentPosted());
        unresolved.delete(p.transactionId());
    }

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
        boolean onAccount = r.getAction() == ResolutionAction.ON_ACCOUNT;
        close(p, custId, (onAccount ? "posted on account of " + custId : "applied to " + String.join(", ", r.getInvoices()))
                + " by " + r.getResolvedBy() + note(r), now);
        route(p.heldSince(waiting.sinceMs()), custId, MatchInput.Forced.of(r, onAccount), now);
        metrics.onResolution(r.getAction(), true);
    }

    private void close(PaymentFacts p, String custId, String resolution, long now) {
        context.forward(new Record<>(p.transactionId(), new Outcome.Review(ReviewItems.resolved(p.transactionId(),
                ReviewReason.UNKNOWN_CUSTOMER, custId, p.amount(), null, p.json(), resolution, Instant.ofEpochMilli(now))), now));
    }

    private static String note(ReviewResolution r) {
        return r.getNote() == null || r.getNote().isBlank() ? "" : " (" + r.getNote() + ")";
    }

    /** Retries waiting payments against the index; those past the deadline go to review. */
    void retry(long now) {
        List<KeyValue<String, MatchStores.Unresolved>> waiting = new ArrayList<>();
        try (KeyValueIterator<String, MatchStores.Unresolved> all = unresolved.all()) {
            all.forEachRemaining(kv -> {
                if (!kv.value.awaitingReview()) {
                    waiting.add(kv);
                }
            });
        }
        for (KeyValue<String, MatchStores.Unresolved> kv : waiting) {
            PaymentFacts p = kv.value.facts();
            CustomerResolver.Resolution resolution = resolver.resolve(p);
            if (resolution.custId().isPresent()) {
                route(p.heldSince(kv.value.sinceMs()), resolution.custId().get(), null, now);
            } else if (now - kv.value.sinceMs() >= deadline.toMillis()) {
                // The payer's fields are quoted back; a card number typed into one must not travel on.
                Decision.Review review = new Decision.Review(ReviewReason.UNKNOWN_CUSTOMER,
                        Redaction.digitRuns(resolution.problem()) + " within " + deadline.toSeconds() + " s; nothing was posted",
                        "name the customer: apply it to invoices (--apply INVOICE[,INVOICE]), post it on account (--on-account --customer CUSTID), or --ignore",
                        List.of(), "");
                context.forward(new Record<>(p.transactionId(),
                        new Outcome.Review(ReviewItems.open(p, null, review, null, Instant.ofEpochMilli(now))), now));
                metrics.onReviewItem(ReviewReason.UNKNOWN_CUSTOMER);
                unresolved.put(kv.key, kv.value.toReview());
                LOG.info("Transaction {} to review: no SL customer found", p.transactionId());
            }
        }
    }
}
