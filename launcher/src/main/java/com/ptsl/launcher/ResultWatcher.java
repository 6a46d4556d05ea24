package com.ptsl.launcher;

import com.ptsl.schemas.Topics;
import com.ptsl.schemas.avro.ErpResult;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Follows {@code erp.results} like any downstream system would (read_committed, own group) and keeps
 * the latest result per PayTrace transaction, so the launcher can tell when every sale reached SL.
 */
final class ResultWatcher implements AutoCloseable {

    private final KafkaConsumer<String, ErpResult> consumer;
    private final Map<String, ErpResult> byTransaction = new ConcurrentHashMap<>();
    private final Thread thread;
    private volatile boolean running = true;

    ResultWatcher(String bootstrapServers) {
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "ptsl-launcher-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false"),
                Topics.ERP_RESULTS.keySerde().deserializer(), Topics.ERP_RESULTS.valueSerde().deserializer());
        consumer.subscribe(List.of(Topics.ERP_RESULTS.name()));
        thread = new Thread(this::run, "result-watcher");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        try {
            while (running) {
                for (ConsumerRecord<String, ErpResult> record : consumer.poll(Duration.ofMillis(200))) {
                    byTransaction.put(record.value().getSourceTransactionId(), record.value());
                }
            }
        } catch (WakeupException e) {
            // close() woke us up: leave the loop.
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    Map<String, ErpResult> results() {
        return Map.copyOf(byTransaction);
    }

    int count() {
        return byTransaction.size();
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
