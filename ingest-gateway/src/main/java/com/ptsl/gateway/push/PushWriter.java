package com.ptsl.gateway.push;

import com.ptsl.schemas.Topics;
import com.ptsl.schemas.avro.RawPayTraceRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.UnsupportedVersionException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Writes what the push receivers accept to Kafka with one transactional producer, so a request's records are
 * either all committed or, on any failure, aborted (consumers read {@code read_committed}): a 503 never leaves part
 * of a request visible. One writer thread does group commit: requests queue up (bounded) while a transaction is
 * committing; the thread takes everything queued, begins a transaction, sends all of it, commits, and completes
 * each request's future. A failure aborts the transaction and every request of that group is told so.
 *
 * <p><b>Time bound.</b> Each request is answered within the ack timeout: it must reach the commit within the first
 * half ({@link #decisionTimeout()}), else it is answered "not acknowledged in time" and its group is aborted; the
 * commit gets the second half (the producer's {@code max.block.ms}). A commit that times out is in doubt only if
 * its end-transaction request reached the coordinator; the producer is then closed and a new one fences it, and
 * the sender's retry is a duplicate that the stream processor drops ((transaction id, fingerprint)).
 *
 * <p><b>Failures.</b> Kafka unreachable, a fenced producer (another instance with the same {@code transactional.id}:
 * each gateway needs its own), a commit timeout: the producer is closed and built again with a back-off; meanwhile
 * requests are answered at once as not acknowledged. {@link #state()} says which, for readiness.
 *
 * <p>Thread-safe: {@link #submit} may be called from any thread.
 */
public final class PushWriter implements AutoCloseable {

    /** What became of a submitted request: committed, or not (with why, for the 503 body and the log). */
    public record Ack(boolean committed, String reason) {
        static final Ack COMMITTED = new Ack(true, null);

        static Ack failed(String reason) {
            return new Ack(false, reason);
        }
    }

    /** Readiness: {@code ready} when a producer is initialized; else why not. */
    public record State(boolean ready, String detail) {
    }

    /**
     * Largest record value sent: under the broker's default message.max.bytes (1,048,588 with batch overhead), so a
     * large pushed record is refused up front (413) instead of failing its transaction on every retry.
     */
    public static final int MAX_RECORD_BYTES = 1_000_000;

    private static final Logger LOG = LoggerFactory.getLogger(PushWriter.class);
    private static final Duration INIT_BACKOFF_INITIAL = Duration.ofMillis(500);
    private static final Duration INIT_BACKOFF_MAX = Duration.ofSeconds(5);
    private static final Duration TAKE_WAIT = Duration.ofMillis(100);

    private static final int QUEUED = 0;
    private static final int SENDING = 1;
    private static final int COMMITTING = 2;
    private static final int DONE = 3;

    private final Map<String, Object> producerConfig;
    private final String transactionalId;
    private final Duration ackTimeout;
    private final Duration decisionTimeout;
    private final BlockingQueue<Submission> queue;
    private final ScheduledThreadPoolExecutor timers;
    private final Thread thread;
    private final AtomicReference<State> state = new AtomicReference<>(new State(false, "push writer not started"));
    private volatile boolean closing;
    /** The last producer initialization failed: requests are answered at once until one succeeds. */
    private volatile boolean kafkaDown;
    private KafkaProducer<byte[], byte[]> producer; // writer thread only
    private Duration initBackoff = INIT_BACKOFF_INITIAL; // writer thread only

    /** One request's records, its answer, and where it stands; the state decides who answers it. */
    private static final class Submission {
        final List<ProducerRecord<byte[], byte[]>> records;
        final CompletableFuture<Ack> answer = new CompletableFuture<>();
        final AtomicInteger state = new AtomicInteger(QUEUED);
        volatile ScheduledFuture<?> timer;

        Submission(List<ProducerRecord<byte[], byte[]>> records) {
            this.records = records;
        }

        /** The writer takes it into a transaction; false if it was answered already (ran out of time). */
        boolean claim() {
            return state.compareAndSet(QUEUED, SENDING);
        }

        /** The writer is about to commit; from here on only the writer answers it. */
        boolean startCommit() {
            return state.compareAndSet(SENDING, COMMITTING);
        }

        /** The decision deadline passed before the commit began. */
        void expire(Duration decisionTimeout) {
            if (state.compareAndSet(QUEUED, DONE) || state.compareAndSet(SENDING, DONE)) {
                answer.complete(Ack.failed("Kafka did not take the records within " + decisionTimeout.toMillis()
                        + " ms"));
            }
        }

        void finish(Ack ack) {
            if (state.getAndSet(DONE) != DONE) {
                ScheduledFuture<?> t = timer;
                if (t != null) {
                    t.cancel(false);
                }
                answer.complete(ack);
            }
        }
    }

    /**
     * @param bootstrapServers Kafka bootstrap servers
     * @param clientId         the producer's client.id
     * @param transactionalId  unique per gateway instance: two producers with one id fence each other
     * @param ackTimeout       every request is answered within this
     * @param queueCapacity    requests waiting for the writer at most; over it {@link #submit} answers at once
     */
    public PushWriter(String bootstrapServers, String clientId, String transactionalId, Duration ackTimeout,
                      int queueCapacity) {
        this(producerConfig(bootstrapServers, clientId, transactionalId, ackTimeout), ackTimeout, queueCapacity);
    }

    PushWriter(Map<String, Object> producerConfig, Duration ackTimeout, int queueCapacity) {
        this.producerConfig = Map.copyOf(producerConfig);
        this.transactionalId = String.valueOf(producerConfig.get(ProducerConfig.TRANSACTIONAL_ID_CONFIG));
        this.ackTimeout = Objects.requireNonNull(ackTimeout, "ackTimeout");
        this.decisionTimeout = decisionTimeout(ackTimeout);
        this.queue = new ArrayBlockingQueue<>(queueCapacity);
        this.timers = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "ingest-gateway-push-deadlines");
            t.setDaemon(true);
            return t;
        });
        timers.setRemoveOnCancelPolicy(true);
        this.thread = new Thread(this::run, "ingest-gateway-push-writer");
        thread.setDaemon(true);
    }

    /** The transactional producer's settings: acks=all, idempotent, blocking at most half the ack timeout. */
    public static Map<String, Object> producerConfig(String bootstrapServers, String clientId, String transactionalId,
                                                     Duration ackTimeout) {
        int half = (int) decisionTimeout(ackTimeout).toMillis();
        int linger = 2;
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.LINGER_MS_CONFIG, linger);
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, 64 * 1024);
        // commitTransaction, initTransactions and a full buffer block at most this long: the commit's half.
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, half);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, half);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, half + linger);
        // Transactions here last milliseconds; one left open by a crash is aborted by the coordinator after this.
        config.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, (int) Math.max(60_000, 2 * ackTimeout.toMillis()));
        return config;
    }

    /**
     * A raw transaction record as the writer sends it: key = transaction id, value = Avro; serialized by the caller
     * (the request thread), so the writer thread only sends.
     */
    public static ProducerRecord<byte[], byte[]> rawTransaction(RawPayTraceRecord raw) {
        String topic = Topics.RAW_TRANSACTIONS.name();
        return new ProducerRecord<>(topic,
                Topics.RAW_TRANSACTIONS.keySerde().serializer().serialize(topic, raw.getTransactionId()),
                Topics.RAW_TRANSACTIONS.valueSerde().serializer().serialize(topic, raw));
    }

    static Duration decisionTimeout(Duration ackTimeout) {
        return ackTimeout.dividedBy(2);
    }

    /** Starts the writer thread; it initializes the producer (and retries that) on its own. */
    public PushWriter start() {
        state.set(new State(false, "initializing the transactional producer " + transactionalId));
        thread.start();
        return this;
    }

    /**
     * Queues one request's records for the next transaction. The future completes with {@link Ack#committed()}
     * true once Kafka committed them, or false (nothing of them visible to read_committed consumers) within the ack
     * timeout; it never completes exceptionally.
     */
    public CompletableFuture<Ack> submit(List<ProducerRecord<byte[], byte[]>> records) {
        Submission s = new Submission(List.copyOf(records));
        if (closing) {
            s.finish(Ack.failed("the gateway is shutting down"));
            return s.answer;
        }
        if (kafkaDown) {
            // Known to be down: no point in queueing.
            s.finish(Ack.failed(state.get().detail()));
            return s.answer;
        }
        s.timer = timers.schedule(() -> s.expire(decisionTimeout), decisionTimeout.toMillis(), TimeUnit.MILLISECONDS);
        if (!queue.offer(s)) {
            s.finish(Ack.failed("the push writer's queue is full"));
        }
        return s.answer;
    }

    public Duration ackTimeout() {
        return ackTimeout;
    }

    /** How long a request may wait for its transaction to begin committing. */
    public Duration decisionTimeout() {
        return decisionTimeout;
    }

    public State state() {
        return state.get();
    }

    public String transactionalId() {
        return transactionalId;
    }

    // --- the writer thread -------------------------------------------------------------------------------

    private void run() {
        while (!closing) {
            if (producer == null && !initialize()) {
                failArrivalsFor(initBackoff);
                initBackoff = initBackoff.multipliedBy(2).compareTo(INIT_BACKOFF_MAX) > 0 ? INIT_BACKOFF_MAX
                        : initBackoff.multipliedBy(2);
                continue;
            }
            Submission first;
            try {
                first = queue.poll(TAKE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                break;
            }
            if (first == null) {
                continue;
            }
            List<Submission> group = new ArrayList<>();
            group.add(first);
            queue.drainTo(group);
            writeGroup(group);
        }
        failQueued("the gateway is shutting down");
        closeProducer(Duration.ofSeconds(5));
    }

    private boolean initialize() {
        KafkaProducer<byte[], byte[]> created = null;
        try {
            created = new KafkaProducer<>(producerConfig, new ByteArraySerializer(), new ByteArraySerializer());
            created.initTransactions();
            producer = created;
            initBackoff = INIT_BACKOFF_INITIAL;
            kafkaDown = false;
            state.set(new State(true, "transactional producer " + transactionalId + " ready"));
            LOG.info("Push writer ready (transactional.id {})", transactionalId);
            return true;
        } catch (KafkaException e) {
            if (created != null) {
                created.close(Duration.ZERO);
            }
            String why = describe(e);
            state.set(new State(false, "Kafka not available for push (transactional.id " + transactionalId + "): "
                    + why));
            if (!kafkaDown) {
                LOG.warn("Push writer could not initialize its transactional producer {}; answering 503 and retrying "
                        + "every {} ms or less: {}", transactionalId, INIT_BACKOFF_MAX.toMillis(), why);
            } else {
                LOG.debug("Push writer still cannot initialize its producer: {}", why);
            }
            kafkaDown = true;
            return false;
        }
    }

    /** One transaction for every request of the group that is still waiting. */
    private void writeGroup(List<Submission> group) {
        List<Submission> inTransaction = new ArrayList<>(group.size());
        try {
            producer.beginTransaction();
            for (Submission s : group) {
                if (!s.claim()) {
                    continue; // ran out of time while queued, already answered; none of its records are sent
                }
                inTransaction.add(s);
                for (ProducerRecord<byte[], byte[]> record : s.records) {
                    producer.send(record); // a failed send fails the commit below
                }
            }
            boolean onTime = !inTransaction.isEmpty();
            for (Submission s : inTransaction) {
                onTime &= s.startCommit();
            }
            if (!onTime) {
                producer.abortTransaction();
                inTransaction.forEach(s -> s.finish(Ack.failed("a request of the same transaction was not acknowledged in "
                        + "time, so the transaction was aborted")));
                // Kafka is slow or away (e.g. no metadata): not ready until a transaction commits again.
                state.set(new State(false, "Kafka did not take the push records within " + decisionTimeout.toMillis()
                        + " ms; waiting for a transaction to commit again"));
                return;
            }
            producer.commitTransaction();
            inTransaction.forEach(s -> s.finish(Ack.COMMITTED));
            if (!state.get().ready()) {
                state.set(new State(true, "transactional producer " + transactionalId + " ready"));
            }
        } catch (ProducerFencedException | InvalidProducerEpochException e) {
            LOG.error("Push writer fenced: another producer uses transactional.id {} (each gateway instance needs its "
                    + "own GATEWAY_PUSH_TRANSACTIONAL_ID); recreating it", transactionalId);
            fail(inTransaction, group, "fenced by another producer with transactional.id " + transactionalId);
            state.set(new State(false, "Kafka fenced the push producer: another instance uses transactional.id "
                    + transactionalId));
            closeProducer(Duration.ZERO);
        } catch (OutOfOrderSequenceException | AuthorizationException | UnsupportedVersionException e) {
            fatal(inTransaction, group, e);
        } catch (TimeoutException e) {
            LOG.warn("Push transaction timed out ({} request(s) answered 503; if the commit reached the coordinator "
                    + "after all, the senders' retries are duplicates the stream processor drops): {}",
                    inTransaction.size(), e.getMessage());
            fatal(inTransaction, group, e);
        } catch (KafkaException | IllegalStateException e) {
            String why = describe(e);
            fail(inTransaction, group, "Kafka did not acknowledge: " + why);
            try {
                producer.abortTransaction();
            } catch (KafkaException | IllegalStateException abortFailure) {
                LOG.warn("Push writer could not abort a failed transaction, recreating the producer: {}",
                        describe(abortFailure));
                state.set(new State(false, "Kafka not available for push: " + why));
                closeProducer(Duration.ZERO);
            }
        }
    }

    private void fatal(List<Submission> inTransaction, List<Submission> group, KafkaException e) {
        String why = describe(e);
        fail(inTransaction, group, "Kafka did not acknowledge: " + why);
        state.set(new State(false, "Kafka not available for push: " + why));
        // Closing at once drops whatever was not sent; the next producer's initTransactions aborts what was.
        closeProducer(Duration.ZERO);
    }

    private static void fail(List<Submission> inTransaction, List<Submission> group, String reason) {
        Ack ack = Ack.failed(reason);
        inTransaction.forEach(s -> s.finish(ack));
        group.forEach(s -> {
            if (s.state.get() == QUEUED) {
                s.finish(ack);
            }
        });
    }

    /** While the producer is down: answers what arrives at once instead of letting it wait for its deadline. */
    private void failArrivalsFor(Duration pause) {
        long until = System.nanoTime() + pause.toNanos();
        String reason = state.get().detail();
        long left;
        while (!closing && (left = until - System.nanoTime()) > 0) {
            try {
                Submission s = queue.poll(left, TimeUnit.NANOSECONDS);
                if (s != null) {
                    s.finish(Ack.failed(reason));
                }
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void failQueued(String reason) {
        Submission s;
        while ((s = queue.poll()) != null) {
            s.finish(Ack.failed(reason));
        }
    }

    private void closeProducer(Duration timeout) {
        if (producer != null) {
            try {
                producer.close(timeout);
            } catch (KafkaException e) {
                LOG.debug("Closing the push producer: {}", e.getMessage());
            }
            producer = null;
        }
    }

    private static String describe(Exception e) {
        Throwable cause = e.getCause() != null && e.getMessage() == null ? e.getCause() : e;
        return cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
    }

    /** Stops taking requests, answers the queued ones, stops the writer thread and closes the producer. */
    @Override
    public void close() {
        if (closing) {
            return;
        }
        closing = true;
        if (thread.isAlive()) {
            try {
                thread.join(ackTimeout.plusSeconds(10).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (thread.isAlive()) {
                thread.interrupt();
            }
        } else {
            failQueued("the gateway is shutting down");
        }
        timers.shutdownNow();
        state.set(new State(false, "push writer closed at " + Instant.now()));
    }
}
