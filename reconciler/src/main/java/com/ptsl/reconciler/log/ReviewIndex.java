package com.ptsl.reconciler.log;

import com.ptsl.reconciler.model.Evidence;
import com.ptsl.reconciler.model.Money;
import com.ptsl.reconciler.model.OpenReview;
import com.ptsl.reconciler.model.TransactionFacts;
import com.ptsl.schemas.AvroSerde;
import com.ptsl.schemas.Topics;
import com.ptsl.schemas.avro.ReviewItem;
import com.ptsl.schemas.avro.ReviewStatus;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.nio.charset.StandardCharsets;

/**
 * payments.review, the whole topic: the latest item per transaction is its state, so a transaction has an open item
 * exactly when its latest item is OPEN. Read in offset order (one key, one partition), a later item simply replaces.
 */
public final class ReviewIndex implements RecordHandler {

    @SuppressWarnings("unchecked")
    private static final AvroSerde<ReviewItem> SERDE = (AvroSerde<ReviewItem>) Topics.PAYMENTS_REVIEW.valueSerde();

    private final Evidence evidence;

    public ReviewIndex(Evidence evidence) {
        this.evidence = evidence;
    }

    @Override
    public void handle(ConsumerRecord<byte[], byte[]> record) {
        String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8).strip();
        ReviewItem item;
        try {
            item = SERDE.deserialize(record.topic(), record.value());
        } catch (RuntimeException e) {
            evidence.countUnreadable();
            return;
        }
        String tx = key != null ? key : item == null ? null : item.getTransactionId().strip();
        if (tx == null) {
            return;
        }
        TransactionFacts facts = evidence.known(tx);
        if (facts != null) {
            facts.review(open(item));
        }
    }

    /** The item's meaning for the comparison: null unless it is OPEN (a tombstone or a RESOLVED item closes it). */
    public OpenReview open(ReviewItem item) {
        if (item == null || item.getStatus() != ReviewStatus.OPEN) {
            return null;
        }
        long onAccount = item.getPostedOnAccount() == null ? OpenReview.NOTHING_POSTED : Money.cents(item.getPostedOnAccount());
        return new OpenReview(evidence.pool().of(item.getReason().name()), item.getCustId() == null ? "" : evidence.pool().of(item.getCustId()),
                onAccount, item.getRaisedAt() == null ? 0 : item.getRaisedAt().toEpochMilli());
    }
}
