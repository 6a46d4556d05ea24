package com.ptsl.launcher.review;

import com.ptsl.launcher.kafka.KafkaTopicReader;
import com.ptsl.schemas.Topics;
import com.ptsl.schemas.avro.ReviewItem;
import com.ptsl.schemas.avro.ReviewStatus;

import java.time.Duration;
import java.util.Optional;

/** Folds {@code payments.review} to the latest item per transaction id, and follows one item until it is resolved. */
final class ReviewQueueReader {

    private final KafkaTopicReader reader;

    ReviewQueueReader(KafkaTopicReader reader) {
        this.reader = reader;
    }

    ReviewQueue read() {
        KafkaTopicReader.Snapshot<ReviewItem> snapshot = reader.readLatest(Topics.PAYMENTS_REVIEW);
        return new ReviewQueue(snapshot.latest(), snapshot.endOffsets());
    }

    /**
     * Waits up to {@code wait} for the item to turn RESOLVED, reading only what was written after {@code queue} was
     * read. Returns the item's latest state seen since then (empty when nothing new arrived for it).
     */
    Optional<ReviewItem> awaitResolved(ReviewQueue queue, String transactionId, Duration wait) {
        return reader.awaitLatest(Topics.PAYMENTS_REVIEW, queue.endOffsets(), transactionId,
                item -> item.getStatus() == ReviewStatus.RESOLVED, wait);
    }
}
