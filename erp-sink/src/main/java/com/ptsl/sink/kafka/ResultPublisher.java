package com.ptsl.sink.kafka;

import com.ptsl.schemas.Topics;
import com.ptsl.schemas.avro.ErpResult;
import com.ptsl.sink.deposit.DepositReview;
import com.ptsl.sink.ledger.DeadLetterRow;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Sends the outbox, ErpResults to {@code erp.results}, dead letters to {@code erp.commands.dlq} with their review
 * items on {@code payments.review}, and the deposits' review items there too, and returns only once the broker
 * acknowledged every record (idempotent producer, acks=all). The ledger, dead-letter and deposit rows are marked sent
 * only after that, which makes them a transactional outbox: nothing is lost, at worst sent twice (same key, same content).
 */
public final class ResultPublisher implements AutoCloseable {

    private static final Duration ACK_TIMEOUT = Duration.ofSeconds(30);

    private final Producer<String, byte[]> producer;
    private final Serializer<ErpResult> results = Topics.ERP_RESULTS.valueSerde().serializer();

    public ResultPublisher(String bootstrapServers, String clientId) {
        Map<String, Object> props = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.CLIENT_ID_CONFIG, clientId,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) ACK_TIMEOUT.toMillis(),
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        this.producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
    }

    /** Sends all results and waits for their acknowledgements; throws if any was not acknowledged. */
    public void publish(List<ErpResult> results) throws PublishException {
        publish(results, List.of());
    }

    /** Sends the results, then each dead letter with its review item, and waits for every acknowledgement. */
    public void publish(List<ErpResult> resultList, List<DeadLetterRow> deadLetters) throws PublishException {
        publish(resultList, deadLetters, List.of());
    }

    /** As {@link #publish(List, List)}, then the deposits' review items. */
    public void publish(List<ErpResult> resultList, List<DeadLetterRow> deadLetters, List<DepositReview> depositReviews)
            throws PublishException {
        Sent sent = send(resultList, deadLetters, depositReviews);
        try {
            producer.flush();
        } catch (RuntimeException e) {
            throw new PublishException("outbox not acknowledged by Kafka: " + e, e);
        }
        sent.await();
    }

    /**
     * Hands the results and the dead letters (each with its review item) to the producer and returns at once; the caller
     * learns from {@link Sent#await} whether the broker acknowledged every one, typically after its next transaction, so
     * that the sink applies the next poll batch while the broker takes these. Linger (5 ms) sends them meanwhile.
     */
    public Sent send(List<ErpResult> resultList, List<DeadLetterRow> deadLetters) throws PublishException {
        return send(resultList, deadLetters, List.of());
    }

    /** Records sent, and how to learn whether all were acknowledged. */
    public static final class Sent {
        private final List<Future<RecordMetadata>> acks;

        private Sent(List<Future<RecordMetadata>> acks) {
            this.acks = acks;
        }

        /** Waits (at most the ack timeout, 30 s) until every record is acknowledged; throws if one was not. */
        public void await() throws PublishException {
            await(ACK_TIMEOUT);
        }

        /** {@link #await()} giving up after {@code limit} (a sink stopping does not wait the whole ack timeout). */
        public void await(Duration limit) throws PublishException {
            long deadline = System.nanoTime() + limit.toNanos();
            try {
                for (Future<RecordMetadata> ack : acks) {
                    ack.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new PublishException("interrupted while waiting for acknowledgements", e);
            } catch (ExecutionException | TimeoutException | RuntimeException e) {
                Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
                throw new PublishException("outbox not acknowledged by Kafka: " + cause, cause);
            }
        }
    }

    private Sent send(List<ErpResult> resultList, List<DeadLetterRow> deadLetters, List<DepositReview> depositReviews)
            throws PublishException {
        if (resultList.isEmpty() && deadLetters.isEmpty() && depositReviews.isEmpty()) {
            return new Sent(List.of());
        }
        List<Future<RecordMetadata>> acks = new ArrayList<>(resultList.size() + 2 * deadLetters.size() + depositReviews.size());
        try {
            for (ErpResult result : resultList) {
                acks.add(producer.send(new ProducerRecord<>(Topics.ERP_RESULTS.name(), result.getCommandId(),
                        results.serialize(Topics.ERP_RESULTS.name(), result))));
            }
            for (DeadLetterRow d : deadLetters) {
                for (ProducerRecord<String, byte[]> r : DeadLetterRecords.of(d)) {
                    acks.add(producer.send(r));
                }
            }
            for (DepositReview review : depositReviews) {
                acks.add(producer.send(DepositReviewRecords.of(review)));
            }
        } catch (RuntimeException e) {
            throw new PublishException("outbox not acknowledged by Kafka: " + e, e);
        }
        return new Sent(acks);
    }

    /** The producer, for binding its client metrics; sending goes through {@link #publish} only. */
    public Producer<?, ?> producer() {
        return producer;
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }

    /** Results or dead letters did not reach Kafka; their rows stay unsent and are sent again later. */
    public static final class PublishException extends Exception {
        private static final long serialVersionUID = 1L;

        PublishException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
