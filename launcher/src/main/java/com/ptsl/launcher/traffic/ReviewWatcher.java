package com.ptsl.launcher.traffic;

import com.ptsl.schemas.Topics;
import com.ptsl.schemas.avro.ReviewItem;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Follows {@code payments.review} as a finance user's review screen would (read_committed, own group, from the
 * start) and keeps the latest item's reason per PayTrace transaction: the topic is keyed by transaction id and
 * the latest item per key is the item's state.
 */
public final class ReviewWatcher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ReviewWatcher.class);

    private final KafkaConsumer<String, ReviewItem> consumer;
    private final Map<String, String> reasonByTransaction = new ConcurrentHashMap<>();
    private final Thread thread;
    private volatile boolean running = true;

    public ReviewWatcher(String bootstrapServers) {
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "ptsl-launcher-review-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false"),
                Topics.PAYMENTS_REVIEW.keySerde().deserializer(), Topics.PAYMENTS_REVIEW.valueSerde().deserializer());
        consumer.subscribe(List.of(Topics.PAYMENTS_REVIEW.name()));
        thread = new Thread(this::run, "review-watcher");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        try {
            while (running) {
                for (ConsumerRecord<String, ReviewItem> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.key() != null && record.value() != null) {
                        reasonByTransaction.put(record.key(), record.value().getReason().name());
                    }
                }
            }
        } catch (WakeupException e) {
            // close() woke us up: leave the loop.
        } catch (RuntimeException e) {
            // An unreadable item must not end the run; the score then misses review items, which it shows.
            log.warn("Stopped following {}: {}", Topics.PAYMENTS_REVIEW.name(), e.toString());
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    /** Latest review reason (ReviewReason symbol) per transaction id, as seen so far. */
    public Map<String, String> reasons() {
        return Map.copyOf(reasonByTransaction);
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
