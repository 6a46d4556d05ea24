package com.ptsl.sink.notify;

import com.ptsl.schemas.Topics;
import com.ptsl.schemas.avro.DeadLetter;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Writes undeliverable results to erp.results.webhook.dlq and returns only once the broker acknowledged them. */
final class WebhookDeadLetters implements AutoCloseable {

    private static final Duration ACK_TIMEOUT = Duration.ofSeconds(30);

    private final Producer<String, DeadLetter> producer;

    WebhookDeadLetters(String bootstrapServers, String clientId) {
        Map<String, Object> props = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.CLIENT_ID_CONFIG, clientId,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) ACK_TIMEOUT.toMillis(),
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        this.producer = new KafkaProducer<>(props, Topics.WEBHOOK_DLQ.keySerde().serializer(), Topics.WEBHOOK_DLQ.valueSerde().serializer());
    }

    /** Throws if Kafka did not acknowledge; the caller retries, and does not commit the result's offset before. */
    void send(DeadLetter d) throws InterruptedException, ExecutionException, TimeoutException {
        producer.send(new ProducerRecord<>(Topics.WEBHOOK_DLQ.name(), d.getId(), d)).get(ACK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }

    Producer<?, ?> producer() {
        return producer;
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
