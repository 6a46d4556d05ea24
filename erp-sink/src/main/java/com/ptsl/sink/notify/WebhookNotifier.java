package com.ptsl.sink.notify;

import com.ptsl.schemas.TopicCreator;
import com.ptsl.schemas.Topics;
import com.ptsl.schemas.avro.DeadLetter;
import com.ptsl.schemas.avro.ErpResult;
import com.ptsl.service.health.Check;
import com.ptsl.service.metrics.ServiceMetrics;
import com.ptsl.sink.kafka.Backoff;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The outbound webhook: its own consumer group on erp.results (read_committed), each result POSTed as signed JSON
 * ({@link ResultJson}, {@link WebhookSignature}) in partition order. A 2xx delivers it; 408, 429, 5xx, timeouts and
 * connection errors are retried with exponential backoff (a Retry-After is honoured up to the cap) up to
 * SINK_WEBHOOK_MAX_ATTEMPTS; a permanent refusal (another 4xx, a redirect) or the last failed attempt sends it to
 * erp.results.webhook.dlq (a DeadLetter of payloadType ErpResult, the record value byte for byte).
 *
 * <p><b>At least once.</b> The consumer offset is committed only after a result was delivered or its dead letter
 * acknowledged, so a crash or a stop between the 2xx and the commit POSTs that result again. Every attempt at the
 * same record carries the same {@code X-PTSL-Delivery} id (topic-partition@offset): a receiver that must not act
 * twice dedupes on it (or on commandId + status + event, which identify a result's content).
 *
 * <p>While it waits between attempts the partitions are paused and the consumer keeps polling, so a slow endpoint
 * does not cost the group membership; a partition revoked meanwhile is left to its new owner, which starts at the
 * committed offset.
 */
public final class WebhookNotifier implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookNotifier.class);
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(500);
    private static final int MAX_POLL_RECORDS = 50;

    private final String bootstrapServers;
    private final WebhookSettings settings;
    private final WebhookMetrics metrics;
    private final ServiceMetrics serviceMetrics;
    private final Clock clock;
    private final Deserializer<ErpResult> results = Topics.ERP_RESULTS.valueSerde().deserializer();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean stopping;
    private volatile boolean running;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private volatile String fatalError;
    private volatile String lastFailure;

    // Consumer thread only (rebalance callbacks run inside poll).
    /** Next offset to commit per partition: everything before it was delivered or dead-lettered. */
    private final Map<TopicPartition, OffsetAndMetadata> done = new HashMap<>();
    /** What was committed for partitions revoked during a held batch: a rewind must not go back before it. */
    private final Map<TopicPartition, Long> committedOnRevoke = new HashMap<>();
    private int revocations;
    private List<KafkaClientMetrics> clientMetrics = List.of();

    public WebhookNotifier(String bootstrapServers, WebhookSettings settings, WebhookMetrics metrics, ServiceMetrics serviceMetrics,
                           Clock clock) {
        if (!settings.enabled()) {
            throw new IllegalArgumentException("the webhook is not configured (SINK_WEBHOOK_URL)");
        }
        this.bootstrapServers = bootstrapServers;
        this.settings = settings;
        this.metrics = metrics;
        this.serviceMetrics = serviceMetrics;
        this.clock = clock;
    }

    public boolean running() {
        return running;
    }

    /** Ends the loop at its next step; a POST in flight finishes (at most the timeout), its result is not committed. */
    public void stop() {
        stopping = true;
        stopped.countDown();
        KafkaConsumer<String, byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
    }

    /** For /health/ready: failing only when the thread died; a failing endpoint is news, not unreadiness of the sink. */
    public Check.Result readiness() {
        String target = settings.url().getScheme() + "://" + settings.url().getAuthority();
        if (!running) {
            return Check.Result.failing("webhook thread is not running" + (fatalError == null ? "" : ": " + fatalError));
        }
        String failure = lastFailure;
        return Check.Result.ok("delivering erp.results to " + target + ": " + metrics.deliveredCount() + " delivered, "
                + metrics.deadLetteredCount() + " dead-lettered" + (failure == null ? "" : "; last failure: " + failure));
    }

    @Override
    public void run() {
        running = true;
        String clientId = "erp-sink-webhook-" + UUID.randomUUID().toString().substring(0, 8);
        try (KafkaConsumer<String, byte[]> kafka = new KafkaConsumer<>(consumerProps(clientId), new StringDeserializer(),
                new ByteArrayDeserializer());
             WebhookDeadLetters dlq = new WebhookDeadLetters(bootstrapServers, clientId + "-dlq")) {
            consumer = kafka;
            if (stopping || !topicsExist()) {
                return;
            }
            if (serviceMetrics != null) {
                clientMetrics = List.of(serviceMetrics.bind(new KafkaClientMetrics(kafka)),
                        serviceMetrics.bind(new KafkaClientMetrics(dlq.producer())));
            }
            WebhookSender sender = new WebhookSender(settings, clock);
            kafka.subscribe(List.of(Topics.ERP_RESULTS.name()), new Ownership(kafka));
            LOG.info("Webhook delivering {} to {} as group {}", Topics.ERP_RESULTS.name(), settings.url().getAuthority(),
                    settings.groupId());
            while (!stopping) {
                try {
                    ConsumerRecords<String, byte[]> polled = kafka.poll(POLL_TIMEOUT);
                    if (!polled.isEmpty()) {
                        deliverAll(kafka, polled, sender, dlq);
                    }
                    commit(kafka);
                } catch (WakeupException e) {
                    // stop(): leave the loop, commit what was delivered.
                }
            }
            commitQuietly(kafka);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            fatalError = e.toString();
            LOG.error("Webhook stopped by an unexpected error", e);
        } finally {
            clientMetrics.forEach(KafkaClientMetrics::close);
            running = false;
            consumer = null;
        }
    }

    private boolean topicsExist() throws InterruptedException {
        Backoff backoff = new Backoff(settings.backoff(), settings.maxBackoff());
        while (!stopping) {
            try {
                TopicCreator.ensure(bootstrapServers, List.of(Topics.ERP_RESULTS, Topics.WEBHOOK_DLQ));
                return true;
            } catch (RuntimeException e) {
                LOG.warn("Webhook cannot start yet: {}", e.toString());
                stopped.await(backoff.next().toMillis(), TimeUnit.MILLISECONDS);
            }
        }
        return false;
    }

    /** Each partition's records in order; stops at the first one not finished (stop, or the partition was revoked). */
    private void deliverAll(KafkaConsumer<String, byte[]> kafka, ConsumerRecords<String, byte[]> polled, WebhookSender sender,
                            WebhookDeadLetters dlq) throws InterruptedException {
        int generation = revocations;
        for (TopicPartition tp : polled.partitions()) {
            for (ConsumerRecord<String, byte[]> record : polled.records(tp)) {
                if (stopping || generation != revocations || !handle(kafka, record, sender, dlq)) {
                    rewind(kafka, polled);
                    return;
                }
                done.put(tp, new OffsetAndMetadata(record.offset() + 1));
            }
        }
    }

    /** True when the record is finished with (delivered, dead-lettered, or a tombstone); false when abandoned. */
    private boolean handle(KafkaConsumer<String, byte[]> kafka, ConsumerRecord<String, byte[]> record, WebhookSender sender,
                           WebhookDeadLetters dlq) throws InterruptedException {
        if (record.value() == null) {
            return true;
        }
        ErpResult result;
        try {
            result = results.deserialize(record.topic(), record.value());
        } catch (RuntimeException e) {
            Instant now = clock.instant();
            return deadLetter(kafka, dlq, record, null, "not a readable ErpResult: " + e.getMessage(), 0, now, now);
        }
        byte[] body = ResultJson.of(result);
        String deliveryId = record.topic() + "-" + record.partition() + "@" + record.offset();
        Backoff backoff = new Backoff(settings.backoff(), settings.maxBackoff());
        Instant firstFailure = null;
        for (int attempt = 1; ; attempt++) {
            long started = System.nanoTime();
            WebhookSender.Attempt answer = sender.post(body, deliveryId);
            metrics.request(System.nanoTime() - started);
            if (answer.verdict() == WebhookSender.Verdict.DELIVERED) {
                metrics.delivered();
                lastFailure = null;
                return true;
            }
            Instant now = clock.instant();
            firstFailure = firstFailure == null ? now : firstFailure;
            lastFailure = answer.detail();
            if (answer.verdict() == WebhookSender.Verdict.PERMANENT) {
                return deadLetter(kafka, dlq, record, result, "refused by the webhook: " + answer.detail(), attempt, firstFailure, now);
            }
            if (attempt >= settings.maxAttempts()) {
                return deadLetter(kafka, dlq, record, result, "no 2xx from the webhook after " + attempt + " attempts; last: "
                        + answer.detail(), attempt, firstFailure, now);
            }
            metrics.retried();
            Duration wait = backoff.next();
            if (answer.retryAfter().isPresent()) {
                Duration asked = answer.retryAfter().get();
                wait = asked.compareTo(settings.maxBackoff()) > 0 ? settings.maxBackoff() : asked.compareTo(wait) > 0 ? asked : wait;
            }
            LOG.warn("Webhook attempt {} for {} failed ({}); retrying in {} ms", attempt, result.getCommandId(), answer.detail(),
                    wait.toMillis());
            if (!waitPaused(kafka, wait)) {
                return false;
            }
        }
    }

    /** Sends the dead letter and waits for its ack, retrying while Kafka does not answer; false only when abandoned. */
    private boolean deadLetter(KafkaConsumer<String, byte[]> kafka, WebhookDeadLetters dlq, ConsumerRecord<String, byte[]> record,
                               ErpResult result, String reason, int attempts, Instant first, Instant last) throws InterruptedException {
        DeadLetter d = DeadLetter.newBuilder()
                .setId(result != null ? result.getCommandId() : record.key() != null ? record.key()
                        : record.topic() + "-" + record.partition() + "@" + record.offset())
                .setPayloadType("ErpResult")
                .setPayload(ByteBuffer.wrap(record.value()))
                .setKey(record.key() == null ? "" : record.key())
                .setSourceTopic(record.topic())
                .setReason(reason.length() > 1000 ? reason.substring(0, 1000) : reason)
                .setAttempts(attempts)
                .setFirstFailedAt(first)
                .setLastFailedAt(last)
                .setCustId(result == null ? "" : result.getCustId())
                .setSourceTransactionId(result == null ? "" : result.getSourceTransactionId())
                .setCommandType(result == null ? "" : result.getCommandType())
                .build();
        Backoff backoff = new Backoff(settings.backoff(), settings.maxBackoff());
        while (!stopping) {
            try {
                dlq.send(d);
                metrics.deadLettered();
                LOG.warn("Result {} sent to {}: {}", d.getId(), Topics.WEBHOOK_DLQ.name(), reason);
                return true;
            } catch (ExecutionException | TimeoutException | KafkaException e) {
                LOG.warn("Dead letter of {} not acknowledged ({}); retrying", d.getId(), e.toString());
                if (!waitPaused(kafka, backoff.next())) {
                    return false;
                }
            }
        }
        return false;
    }

    /**
     * Waits with every partition paused while polling (membership kept, rebalances served). False when the wait was cut
     * short by a stop or by a rebalance that took partitions away (the records held may now belong to another member).
     */
    private boolean waitPaused(KafkaConsumer<String, byte[]> kafka, Duration delay) {
        int generation = revocations;
        long deadline = System.nanoTime() + delay.toNanos();
        kafka.pause(kafka.assignment());
        try {
            long left;
            while (!stopping && (left = deadline - System.nanoTime()) > 0) {
                ConsumerRecords<String, byte[]> fetched = kafka.poll(Duration.ofNanos(Math.min(left, POLL_TIMEOUT.toNanos())));
                if (!fetched.isEmpty()) {
                    // A partition assigned during the wait is not paused: put its records back and pause it too.
                    for (TopicPartition tp : fetched.partitions()) {
                        kafka.seek(tp, fetched.records(tp).get(0).offset());
                    }
                    kafka.pause(kafka.assignment());
                }
                if (generation != revocations) {
                    return false;
                }
            }
            return !stopping;
        } catch (WakeupException e) {
            return false;
        } finally {
            kafka.resume(kafka.assignment());
        }
    }

    /** After an abandoned batch: each still-owned partition goes back to its first record not finished with. */
    private void rewind(KafkaConsumer<String, byte[]> kafka, ConsumerRecords<String, byte[]> polled) {
        Set<TopicPartition> assigned = kafka.assignment();
        for (TopicPartition tp : polled.partitions()) {
            if (!assigned.contains(tp)) {
                continue;
            }
            long next = polled.records(tp).get(0).offset();
            OffsetAndMetadata finished = done.get(tp);
            next = Math.max(next, finished == null ? next : finished.offset());
            kafka.seek(tp, Math.max(next, committedOnRevoke.getOrDefault(tp, next)));
        }
        committedOnRevoke.clear();
    }

    private void commit(KafkaConsumer<String, byte[]> kafka) {
        if (done.isEmpty()) {
            return;
        }
        kafka.commitSync(new HashMap<>(done));
        done.clear();
    }

    private void commitQuietly(KafkaConsumer<String, byte[]> kafka) {
        try {
            commit(kafka);
        } catch (RuntimeException e) {
            LOG.warn("Webhook offsets not committed on stop ({}); those results will be POSTed again", e.toString());
        }
    }

    private Map<String, Object> consumerProps(String clientId) {
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, settings.groupId());
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, MAX_POLL_RECORDS);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, settings.startFrom());
        return props;
    }

    /** Commits what was finished before a partition leaves, and tells a held batch that it may no longer be its to send. */
    private final class Ownership implements ConsumerRebalanceListener {

        private final KafkaConsumer<String, byte[]> kafka;

        Ownership(KafkaConsumer<String, byte[]> kafka) {
            this.kafka = kafka;
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            Map<TopicPartition, OffsetAndMetadata> leaving = new HashMap<>();
            for (TopicPartition tp : partitions) {
                OffsetAndMetadata o = done.remove(tp);
                if (o != null) {
                    leaving.put(tp, o);
                }
            }
            if (!leaving.isEmpty()) {
                try {
                    kafka.commitSync(leaving);
                    leaving.forEach((tp, o) -> committedOnRevoke.put(tp, o.offset()));
                } catch (RuntimeException e) {
                    LOG.warn("Offsets of revoked partitions not committed ({}); their new owner POSTs those results again", e.toString());
                }
            }
            if (!partitions.isEmpty()) {
                revocations++;
            }
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            partitions.forEach(done::remove);
            if (!partitions.isEmpty()) {
                revocations++;
            }
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            // Positions come from the committed offsets; nothing to do.
        }
    }
}
