package com.ptsl.launcher.review;

import com.ptsl.launcher.kafka.KafkaAccessException;
import com.ptsl.launcher.kafka.KafkaTopicReader;
import com.ptsl.schemas.Topics;
import com.ptsl.schemas.avro.ReviewResolution;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;

/**
 * Writes one resolution to {@code payments.review.resolutions}, keyed by transaction id, and returns only once every
 * in-sync replica has it: idempotent producer, {@code acks=all}, each wait bounded.
 */
final class ResolutionWriter implements AutoCloseable {

    private final String bootstrap;
    private final KafkaProducer<String, ReviewResolution> producer;

    ResolutionWriter(String bootstrap, Duration timeout) {
        this.bootstrap = bootstrap;
        int ms = (int) timeout.toMillis();
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "ptsl-review-cli");
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, ms);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, ms);
        // Must cover linger + request timeout; a few retries within it ride out a leader change.
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 3 * ms);
        try {
            this.producer = new KafkaProducer<>(config, Topics.REVIEW_RESOLUTIONS.keySerde().serializer(),
                    Topics.REVIEW_RESOLUTIONS.valueSerde().serializer());
        } catch (KafkaException e) {
            throw new KafkaAccessException("--bootstrap-server " + bootstrap + ": " + KafkaTopicReader.rootMessage(e), e);
        }
    }

    RecordMetadata write(ReviewResolution resolution) {
        ProducerRecord<String, ReviewResolution> record =
                new ProducerRecord<>(Topics.REVIEW_RESOLUTIONS.name(), resolution.getTransactionId(), resolution);
        try {
            return producer.send(record).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw notConfirmed(e);
        } catch (ExecutionException | KafkaException e) {
            throw notConfirmed(e);
        }
    }

    private KafkaAccessException notConfirmed(Exception e) {
        return new KafkaAccessException("Kafka at " + bootstrap + " did not confirm the resolution (" + KafkaTopicReader.rootMessage(e)
                + "); it may or may not be written: check with 'ptsl review list --all' before trying again", e);
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
