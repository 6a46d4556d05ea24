package com.ptsl.launcher.bench;

import com.ptsl.launcher.Percentiles;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.ptsl.schemas.avro.ErpResult;
import com.ptsl.schemas.avro.ResultStatus;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * One fixed rate of the end-to-end run: one sale per request, pushed exactly on a {@link PacedSchedule} by a few sender
 * threads (each owns every n-th due time and sends asynchronously, so a slow answer never delays the next sale), then the
 * wait until SL committed each acknowledged sale's payment. The latency of a sale is its {@code erp.results} record's
 * {@code processedAt} (when the SL transaction committed) minus its {@code sourceReceivedAt} (when the gateway received
 * the push), both stamped by the pipeline itself, for APPLIED PostPayment results only.
 */
final class E2eRun {

    /** Pushes awaiting their answer, at most (the gateway admits 64 at a time; the rest wait for a 503 or a slot). */
    static final int MAX_OUTSTANDING = 256;

    /** What one rate gave. */
    record RateResult(int rate, int planned, int acked, int overloaded, int failed, String firstFailure, double achievedRate,
                      long lateP99Micros, Percentiles latency, int missing, double drainSeconds) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final PushClient client;
    private final E2eSales sales;
    private final Supplier<Map<String, ErpResult>> results;
    private final int senders;
    private final Duration drainTimeout;
    private final Consumer<String> progress;

    /**
     * @param results      the latest {@code erp.results} record per commandId, read_committed (a {@code TopicFollower})
     * @param drainTimeout how long after the last answer to wait for SL to commit the rate's payments
     */
    E2eRun(PushClient client, E2eSales sales, Supplier<Map<String, ErpResult>> results, int senders, Duration drainTimeout,
           Consumer<String> progress) {
        this.client = client;
        this.sales = sales;
        this.results = results;
        this.senders = senders;
        this.drainTimeout = drainTimeout;
        this.progress = progress;
    }

    RateResult run(int rate, double seconds, long firstId) throws InterruptedException {
        PacedSchedule schedule = new PacedSchedule(System.nanoTime() + 200_000_000L, rate, seconds);
        int planned = schedule.events();
        Set<String> acked = ConcurrentHashMap.newKeySet();
        AtomicInteger dispatched = new AtomicInteger();
        AtomicInteger overloaded = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        AtomicReference<String> firstFailure = new AtomicReference<>();
        long[] lateNanos = new long[planned];
        long[] lastSent = new long[senders];
        CountDownLatch answered = new CountDownLatch(planned);
        // An open-loop sender still bounds what it has outstanding: past the gateway's limit, every extra request is a
        // socket on both ends (one JVM), and at 1,000/s against a saturated pipeline that ran out of file descriptors.
        // When the bound is reached the next sale waits, and its lateness shows in e2e-rate-R's note.
        Semaphore outstanding = new Semaphore(MAX_OUTSTANDING);
        ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "bench-e2e-retry");
            t.setDaemon(true);
            return t;
        });
        List<Thread> threads = new ArrayList<>();
        try {
            for (int s = 0; s < senders; s++) {
                int sender = s;
                Thread t = new Thread(() -> {
                    for (int i : schedule.ownedBy(sender, senders)) {
                        if (Thread.currentThread().isInterrupted()) {
                            return;
                        }
                        long due = schedule.dueNanos(i);
                        PacedSchedule.awaitDue(due);
                        long sentAt = System.nanoTime();
                        lateNanos[i] = sentAt - due;
                        lastSent[sender] = sentAt;
                        dispatched.incrementAndGet();
                        String id = Long.toString(firstId + i);
                        byte[] body;
                        try {
                            body = JSON.writeValueAsBytes(sales.next(firstId + i, Instant.now()));
                        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                            throw new IllegalStateException(e); // an ObjectNode always writes
                        }
                        try {
                            outstanding.acquire();
                        } catch (InterruptedException e) {
                            return;
                        }
                        send(id, body, acked, overloaded, failed, firstFailure, answered, retries, outstanding);
                    }
                }, "bench-e2e-sender-" + s);
                t.setDaemon(true);
                threads.add(t);
                t.start();
            }
            long reportAt = System.nanoTime() + 2_000_000_000L;
            for (Thread t : threads) {
                while (t.isAlive()) {
                    t.join(200);
                    if (System.nanoTime() > reportAt) {
                        reportAt += 2_000_000_000L;
                        progress.accept(String.format(Locale.US, "%d/s: %,d of %,d sales pushed, %,d acked", rate,
                                dispatched.get(), planned, acked.size()));
                    }
                }
            }
            long firstDue = schedule.dueNanos(0);
            long last = 0;
            for (long l : lastSent) {
                last = Math.max(last, l);
            }
            double achieved = PacedSchedule.achievedRate(dispatched.get(), firstDue, last);
            if (!answered.await(drainTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
                firstFailure.compareAndSet(null, answered.getCount() + " pushes unanswered after " + drainTimeout.toSeconds() + " s");
            }
            long drainStart = System.nanoTime();
            Map<String, Long> latencies = awaitCommitted(rate, acked);
            double drainSeconds = (System.nanoTime() - drainStart) / 1e9;
            return new RateResult(rate, planned, acked.size(), overloaded.get(), failed.get(), firstFailure.get(), achieved,
                    lateP99Micros(lateNanos), Percentiles.of(latencies.values()), acked.size() - latencies.size(), drainSeconds);
        } finally {
            for (Thread t : threads) {
                t.interrupt();
            }
            retries.shutdownNow();
        }
    }

    private void send(String id, byte[] body, Set<String> acked, AtomicInteger overloaded, AtomicInteger failed,
                      AtomicReference<String> firstFailure, CountDownLatch answered, ScheduledExecutorService retries,
                      Semaphore outstanding) {
        client.sendAsync(body).whenComplete((answer, error) -> {
            if (error != null) {
                failed.incrementAndGet();
                firstFailure.compareAndSet(null, client.describe(error));
                answered.countDown();
                outstanding.release();
            } else if (answer.accepted()) {
                acked.add(id);
                answered.countDown();
                outstanding.release();
            } else if (answer.overloaded()) {
                overloaded.incrementAndGet();
                retries.schedule(() -> send(id, body, acked, overloaded, failed, firstFailure, answered, retries, outstanding),
                        answer.retryAfter().toMillis(), TimeUnit.MILLISECONDS);
            } else {
                failed.incrementAndGet();
                firstFailure.compareAndSet(null, PushClient.describe(answer));
                answered.countDown();
                outstanding.release();
            }
        });
    }

    /** Waits until every acknowledged sale has its APPLIED PostPayment result, or the drain timeout; latency per sale, ms. */
    private Map<String, Long> awaitCommitted(int rate, Set<String> acked) throws InterruptedException {
        long deadline = System.nanoTime() + drainTimeout.toNanos();
        long reportAt = System.nanoTime() + 2_000_000_000L;
        Map<String, Long> latencies = Map.of();
        while (true) {
            latencies = latencies(results.get(), acked);
            if (latencies.size() >= acked.size() || System.nanoTime() > deadline) {
                return latencies;
            }
            if (System.nanoTime() > reportAt) {
                reportAt += 2_000_000_000L;
                progress.accept(String.format(Locale.US, "%d/s: %,d of %,d payments committed in SL", rate, latencies.size(), acked.size()));
            }
            Thread.sleep(250); // polling the results follower until every payment is in or the deadline passes
        }
    }

    /** processedAt − sourceReceivedAt in ms, per transaction of {@code ids} with an APPLIED PostPayment result. */
    static Map<String, Long> latencies(Map<String, ErpResult> byCommand, Set<String> ids) {
        Map<String, Long> out = new java.util.HashMap<>();
        for (Map.Entry<String, ErpResult> e : byCommand.entrySet()) {
            ErpResult r = e.getValue();
            boolean payment = "PostPayment".equals(r.getCommandType()) || e.getKey().startsWith("PostPayment:");
            if (payment && r.getStatus() == ResultStatus.APPLIED && ids.contains(r.getSourceTransactionId())) {
                out.put(r.getSourceTransactionId(), r.getProcessedAt().toEpochMilli() - r.getSourceReceivedAt().toEpochMilli());
            }
        }
        return out;
    }

    private static long lateP99Micros(long[] lateNanos) {
        List<Long> micros = new ArrayList<>(lateNanos.length);
        for (long l : lateNanos) {
            micros.add(l / 1_000);
        }
        return Percentiles.of(micros).p99();
    }

    /** The rows of one rate: p50, p99, p99.9 (the p99 at 500/s beside its goal), and the rate actually pushed. */
    static List<BenchRow> rows(RateResult r, double goalMs, int goalRate) {
        List<BenchRow> rows = new ArrayList<>();
        String counts = String.format(Locale.US, "%,d of %,d acked sales committed in SL", r.latency().count(), r.acked());
        String trouble = trouble(r);
        if (r.latency().count() == 0) {
            String reason = "no APPLIED PostPayment result of the rate's sales" + (trouble.isEmpty() ? "" : "; " + trouble);
            rows.add(BenchRow.failed("e2e-p50-" + r.rate(), "ms", reason));
            rows.add(BenchRow.failed("e2e-p99-" + r.rate(), "ms", reason));
            rows.add(BenchRow.failed("e2e-p999-" + r.rate(), "ms", reason));
        } else {
            rows.add(BenchRow.measured("e2e-p50-" + r.rate(), r.latency().p50(), "ms", null,
                    "push receipt -> SL commit at " + r.rate() + "/s; " + counts + (trouble.isEmpty() ? "" : "; " + trouble)));
            boolean goal = r.rate() == goalRate;
            rows.add(BenchRow.measured("e2e-p99-" + r.rate(), r.latency().p99(), "ms", goal ? goalMs : null,
                    goal ? String.format(Locale.US, "goal < %.0f ms: %s", goalMs, r.latency().p99() < goalMs ? "met" : "NOT met")
                            : "max " + r.latency().max() + " ms"));
            rows.add(BenchRow.measured("e2e-p999-" + r.rate(), r.latency().p999(), "ms", null,
                    "max " + r.latency().max() + " ms"));
        }
        rows.add(BenchRow.measured("e2e-rate-" + r.rate(), r.achievedRate(), "events/s", (double) r.rate(),
                String.format(Locale.US, "pushed one sale per request on schedule: %,d sales, send lateness p99 %.1f ms, %d x 503",
                        r.planned(), r.lateP99Micros() / 1000.0, r.overloaded())));
        return rows;
    }

    private static String trouble(RateResult r) {
        List<String> parts = new ArrayList<>();
        if (r.failed() > 0) {
            parts.add(r.failed() + " pushes failed (" + r.firstFailure() + ")");
        } else if (r.firstFailure() != null) {
            parts.add(r.firstFailure());
        }
        if (r.missing() > 0) {
            parts.add(String.format(Locale.US, "%,d not in SL after %.0f s", r.missing(), r.drainSeconds()));
        }
        return String.join("; ", parts);
    }
}
