package com.ptsl.launcher;

import com.ptsl.schemas.Topic;
import com.ptsl.schemas.Topics;
import com.ptsl.schemas.avro.ErpResult;
import com.ptsl.schemas.avro.ReviewItem;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Follows a topic from its beginning like any downstream system would (read_committed, its own group, nothing
 * committed) and keeps the latest value per key, on its own thread, so the launcher can tell when every sale has
 * its outcome.
 *
 * @param <V> the topic's value
 * @param <T> what is kept of it
 */
public final class TopicFollower<V, T> implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TopicFollower.class);

    private final Topic<String, V> topic;
    private final KafkaConsumer<String, V> consumer;
    private final Function<ConsumerRecord<String, V>, String> keyOf;
    private final Function<V, T> valueOf;
    private final Map<String, T> latest = new ConcurrentHashMap<>();
    private final Thread thread;
    private volatile boolean running = true;

    private TopicFollower(String bootstrapServers, Topic<String, V> topic, Function<ConsumerRecord<String, V>, String> keyOf,
                          Function<V, T> valueOf) {
        this.topic = topic;
        this.keyOf = keyOf;
        this.valueOf = valueOf;
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "ptsl-launcher-" + topic.name() + "-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false"),
                topic.keySerde().deserializer(), topic.valueSerde().deserializer());
        consumer.subscribe(List.of(topic.name()));
        thread = new Thread(this::run, "follow-" + topic.name());
        thread.setDaemon(true);
        thread.start();
    }

    /** The latest result per commandId, the topic's key (a transaction may have several commands: a payment, its void). */
    public static TopicFollower<ErpResult, ErpResult> results(String bootstrapServers) {
        return new TopicFollower<>(bootstrapServers, Topics.ERP_RESULTS, ConsumerRecord::key, Function.identity());
    }

    /** The PayTrace transactions whose PostPayment has a result from the sink (APPLIED, DUPLICATE or REJECTED). */
    public static Set<String> paymentResults(Map<String, ErpResult> byCommand) {
        Set<String> transactions = new HashSet<>();
        byCommand.forEach((commandId, result) -> {
            if (commandId.startsWith("PostPayment:")) {
                transactions.add(result.getSourceTransactionId());
            }
        });
        return transactions;
    }

    /** The latest review item's reason (a ReviewReason symbol) per transaction id, the topic's key. */
    public static TopicFollower<ReviewItem, String> reviewReasons(String bootstrapServers) {
        return new TopicFollower<>(bootstrapServers, Topics.PAYMENTS_REVIEW, ConsumerRecord::key, item -> item.getReason().name());
    }

    private void run() {
        try {
            while (running) {
                for (ConsumerRecord<String, V> record : consumer.poll(Duration.ofMillis(200))) {
                    String key = record.value() == null ? null : keyOf.apply(record);
                    if (key != null) {
                        latest.put(key, valueOf.apply(record.value()));
                    }
                }
            }
        } catch (WakeupException e) {
            // close() woke us up: leave the loop.
        } catch (RuntimeException e) {
            // An unreadable record must not end the run; the summary then misses outcomes, which it shows.
            log.warn("Stopped following {}: {}", topic.name(), e.toString());
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    /** What was seen so far, latest per key. */
    public Map<String, T> latest() {
        return Map.copyOf(latest);
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
