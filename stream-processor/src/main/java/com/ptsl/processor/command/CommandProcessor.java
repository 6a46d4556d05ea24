package com.ptsl.processor.command;

import com.ptsl.processor.ProcessorMetrics;
import com.ptsl.processor.classify.ClassifiedTransaction;
import com.ptsl.processor.dedupe.DedupeEntry;
import com.ptsl.processor.dedupe.DedupeStore;
import com.ptsl.processor.parse.PayTraceTransaction;
import com.ptsl.schemas.avro.ErpCommand;
import com.ptsl.schemas.avro.ReviewItem;
import com.ptsl.schemas.avro.ReviewReason;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.time.ZoneId;

/**
 * Stage "command": a payable sale becomes one PostPayment, re-keyed by SL CustId so each customer's
 * commands stay in order, unless its payment was already posted.
 *
 * <p>The payment-posted flag lives in the dedupe store entry and is set here, in the same processor
 * that emits the command: under exactly-once the flag and the command are committed in one
 * transaction, so a crash can neither post twice nor lose the command.
 */
public final class CommandProcessor implements Processor<String, ClassifiedTransaction, String, CommandOutcome> {

    private static final Logger LOG = LoggerFactory.getLogger(CommandProcessor.class);

    private final ProcessorMetrics metrics;
    private final CustomerIds customerIds;
    private final ZoneId merchantZone;
    private ProcessorContext<String, CommandOutcome> context;
    private KeyValueStore<String, DedupeEntry> store;

    public CommandProcessor(ProcessorMetrics metrics, CustomerIds customerIds, ZoneId merchantZone) {
        this.metrics = metrics;
        this.customerIds = customerIds;
        this.merchantZone = merchantZone;
    }

    @Override
    public void init(ProcessorContext<String, CommandOutcome> context) {
        this.context = context;
        this.store = context.getStateStore(DedupeStore.NAME);
    }

    @Override
    public void process(Record<String, ClassifiedTransaction> record) {
        PayTraceTransaction tx = record.value().transaction();
        if (!record.value().kind().postsPayment()) {
            return; // the topology filters these out; kept so the stage is safe on its own
        }
        DedupeEntry entry = store.get(tx.transactionId());
        if (entry != null && entry.paymentPosted()) {
            metrics.onAlreadyPosted();
            return;
        }
        Instant now = Instant.ofEpochMilli(context.currentSystemTimeMs());
        CustomerIds.Resolution customer = customerIds.resolve(tx);
        if (customer.custId().isEmpty()) {
            // Not marked posted: if a corrected record arrives, it may still post.
            metrics.onReviewItem(ReviewReason.UNKNOWN_CUSTOMER);
            LOG.info("Transaction {} to review: {}", tx.transactionId(), customer.problem());
            context.forward(record.withKey(tx.transactionId())
                    .withValue(new CommandOutcome.Review(unknownCustomer(tx, customer.problem(), now))));
            return;
        }
        ErpCommand command = PostPayments.postPayment(tx, customer.custId().get(), merchantZone, now);
        store.put(tx.transactionId(), (entry == null ? DedupeEntry.firstSeen(tx.fingerprint(), now.toEpochMilli()) : entry)
                .withPaymentPosted());
        metrics.onCommandEmitted(command);
        context.forward(record.withKey(command.getCustId()).withValue(new CommandOutcome.Command(command)));
    }

    private static ReviewItem unknownCustomer(PayTraceTransaction tx, String detail, Instant now) {
        return ReviewItem.newBuilder()
                .setTransactionId(tx.transactionId())
                .setReason(ReviewReason.UNKNOWN_CUSTOMER)
                .setDetail(detail)
                .setAmount(tx.amount().setScale(2))
                .setJson(tx.json())
                .setRaisedAt(now)
                .build();
    }
}
