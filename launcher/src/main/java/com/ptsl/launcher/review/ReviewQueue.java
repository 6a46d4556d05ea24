package com.ptsl.launcher.review;

import com.ptsl.schemas.avro.ReviewItem;
import com.ptsl.schemas.avro.ReviewStatus;
import org.apache.kafka.common.TopicPartition;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The review queue as of one read of {@code payments.review}: each transaction's latest item, and the end offsets the
 * read stopped at (where to follow the topic from, for {@code --wait}).
 */
record ReviewQueue(Map<String, ReviewItem> latest, Map<TopicPartition, Long> endOffsets) {

    /** Oldest first, as they were raised; ties by transaction id so the order is stable. */
    static final Comparator<ReviewItem> RAISED_ORDER = Comparator.comparing(ReviewItem::getRaisedAt)
            .thenComparing(ReviewItem::getTransactionId);

    ReviewQueue {
        latest = Map.copyOf(latest);
        endOffsets = Map.copyOf(endOffsets);
    }

    Optional<ReviewItem> item(String transactionId) {
        return Optional.ofNullable(latest.get(transactionId));
    }

    /** Every item, open or resolved. */
    List<ReviewItem> all() {
        return latest.values().stream().sorted(RAISED_ORDER).toList();
    }

    List<ReviewItem> open() {
        return all().stream().filter(ReviewQueue::isOpen).toList();
    }

    static boolean isOpen(ReviewItem item) {
        return item.getStatus() == ReviewStatus.OPEN;
    }
}
