package com.ptsl.launcher.dlq;

import com.ptsl.launcher.kafka.KafkaAccessException;
import com.ptsl.launcher.kafka.KafkaTopicReader;
import com.ptsl.schemas.Topics;
import com.ptsl.schemas.avro.DeadLetter;
import com.ptsl.sink.kafka.Redrive;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;

/** Puts a dead letter's payload back on erp.commands, as it was, with the re-drive header; returns once acknowledged. */
final class RedriveWriter implements AutoCloseable {

    private final String bootstrap;
    private final KafkaProducer<String, byte[]> producer;

    RedriveWriter(String bootstrap, Duration timeout) {
        this.bootstrap = bootstrap;
        int ms = (int) timeout.toMillis();
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "ptsl-dlq-cli");
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, ms);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, ms);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 3 * ms);
        try {
            this.producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
        } catch (KafkaException e) {
            throw new KafkaAccessException("--bootstrap-server " + bootstrap + ": " + KafkaTopicReader.rootMessage(e), e);
        }
    }

    void send(DeadLetter d) {
        ByteBuffer payload = d.getPayload().duplicate();
        byte[] bytes = new byte[payload.remaining()];
        payload.get(bytes);
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.ERP_COMMANDS.name(),
                d.getKey().isEmpty() ? null : d.getKey(), bytes);
        record.headers().add(Topics.REDRIVE_HEADER, Integer.toString(d.getAttempts() + 1).getBytes(StandardCharsets.UTF_8));
        // An unreadable record's id is its old log position: this header makes the re-drive one more attempt of it.
        record.headers().add(Redrive.ID_HEADER, d.getId().getBytes(StandardCharsets.UTF_8));
        try {
            producer.send(record).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw notConfirmed(d, e);
        } catch (ExecutionException | KafkaException e) {
            throw notConfirmed(d, e);
        }
    }

    private KafkaAccessException notConfirmed(DeadLetter d, Exception e) {
        return new KafkaAccessException("Kafka at " + bootstrap + " did not confirm the re-drive of " + d.getId() + " ("
                + KafkaTopicReader.rootMessage(e) + "); re-driving it again is safe", e);
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
