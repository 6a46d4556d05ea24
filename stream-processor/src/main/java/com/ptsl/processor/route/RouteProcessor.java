package com.ptsl.processor.route;

import com.ptsl.processor.PostOn;
import com.ptsl.processor.ProcessorMetrics;
import com.ptsl.processor.classify.ClassifiedTransaction;
import com.ptsl.processor.classify.TransactionKind;
import com.ptsl.processor.command.StatusEvent;
import com.ptsl.processor.command.StatusEvents;
import com.ptsl.processor.dedupe.DedupeEntry;
import com.ptsl.processor.dedupe.DedupeStore;
import com.ptsl.processor.errors.Redaction;
import com.ptsl.processor.match.Decision;
import com.ptsl.processor.match.PaymentFacts;
import com.ptsl.processor.match.ResolveInput;
import com.ptsl.processor.match.ReviewItems;
import com.ptsl.processor.parse.PayTraceTransaction;
import com.ptsl.schemas.avro.ReviewReason;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

import java.time.Instant;
import java.util.List;

/**
 * Stage "route", keyed by transaction id: sends each classified record where its kind is handled (see
 * {@link Routing}). Payments, voids and unlinked refunds stay keyed by their own id, because their own task
 * holds their dedupe entry; a refund that names its original (and the void of such a refund) is re-keyed by the
 * original's id, so the repartition lands it in the task holding the original's entry and with it the customer
 * the original was routed to. Declines, authorizations and unknown records need no state: their status event
 * (and, for an unknown one, a review item) is written here.
 *
 * <p>It reads the dedupe entry of the record's transaction for one thing: an authorization's record is the one
 * kind that is followed by other versions of itself (captured, voided, expired), so an older copy of it (a
 * replay, an overlapping poll) must not announce AUTHORIZED again once the entry says it moved on. An expiry marks
 * the entry closed (voided) for the same reason.
 */
public final class RouteProcessor implements Processor<String, ClassifiedTransaction, String, Routed> {

    private final ProcessorMetrics metrics;
    private final PostOn postOn;
    private ProcessorContext<String, Routed> context;
    private KeyValueStore<String, DedupeEntry> dedupe;

    public RouteProcessor(ProcessorMetrics metrics, PostOn postOn) {
        this.metrics = metrics;
        this.postOn = postOn;
    }

    @Override
    public void init(ProcessorContext<String, Routed> context) {
        this.context = context;
        this.dedupe = context.getStateStore(DedupeStore.NAME);
    }

    @Override
    public void process(Record<String, ClassifiedTransaction> record) {
        PayTraceTransaction tx = record.value().transaction();
        TransactionKind kind = record.value().kind();
        PaymentFacts facts = PaymentFacts.of(tx);
        long now = context.currentSystemTimeMs();
        String link = tx.originalTransactionId();
        switch (Routing.action(kind, postOn)) {
            case PAYMENT -> forward(tx.transactionId(), new Routed.ToResolve(new ResolveInput.Payment(facts)), now);
            case REFUND -> {
                ResolveInput refund = new ResolveInput.Refund(facts.absolute(), link);
                if (link.isEmpty()) {
                    forward(tx.transactionId(), new Routed.ToResolve(refund), now);
                } else {
                    forward(link, new Routed.ToOriginal(refund), now);
                }
            }
            case VOID -> {
                // A voided refund keeps its type and its link: its customer is found through the original, like the refund's.
                boolean ofLinkedRefund = "REFUND".equalsIgnoreCase(tx.transactionType().strip()) && !link.isEmpty();
                ResolveInput voided = new ResolveInput.Voided(facts.absolute(), kind, ofLinkedRefund ? link : "");
                if (ofLinkedRefund) {
                    forward(link, new Routed.ToOriginal(voided), now);
                } else {
                    forward(tx.transactionId(), new Routed.ToResolve(voided), now);
                }
            }
            case STATUS -> status(tx, kind, facts, now);
            case NONE -> {
                // Posts later (post-on SETTLEMENT and not settled yet): nothing to tell anyone now.
            }
        }
    }

    private void status(PayTraceTransaction tx, TransactionKind kind, PaymentFacts facts, long now) {
        DedupeEntry entry = dedupe.get(tx.transactionId());
        if (kind == TransactionKind.AUTHORIZED && entry != null && (entry.paymentPosted() || entry.voided())) {
            return; // captured, voided or expired since: this copy is old news
        }
        StatusEvent event = Routing.event(kind);
        Instant at = Instant.ofEpochMilli(now);
        String reason = switch (kind) {
            case DECLINED -> tx.approvalMessage().isBlank() ? tx.statusMessage() : tx.approvalMessage();
            case AUTHORIZATION_EXPIRED -> "authorization expired without being captured; nothing was posted";
            case UNKNOWN -> unknown(tx);
            default -> null;
        };
        var result = StatusEvents.notPosted(facts, event, kind, reason, "", at);
        forward(result.getCommandId(), new Routed.Status(result), now);
        metrics.onStatusEvent(event);
        if (kind == TransactionKind.AUTHORIZATION_EXPIRED) {
            dedupe.put(tx.transactionId(), (entry == null ? DedupeEntry.firstSeen("", now) : entry).withVoided());
        }
        if (kind == TransactionKind.UNKNOWN) {
            Decision.Review review = new Decision.Review(ReviewReason.UNKNOWN_KIND, unknown(tx) + "; nothing was posted",
                    "look the transaction up in PayTrace; if it moved money, book it in SL by hand", List.of(), "");
            forward(tx.transactionId(), new Routed.Review(ReviewItems.open(facts, null, review, null, at)), now);
            metrics.onReviewItem(ReviewReason.UNKNOWN_KIND);
        }
    }

    private static String unknown(PayTraceTransaction tx) {
        return Redaction.digitRuns("no classifier rule matches transaction_type '" + tx.transactionType() + "', status_code '"
                + tx.statusCode() + "', status_message '" + tx.statusMessage() + "', amount " + tx.amount().toPlainString());
    }

    private void forward(String key, Routed value, long now) {
        context.forward(new Record<>(key, value, now));
    }
}
