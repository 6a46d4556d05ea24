package com.ptsl.launcher.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;

import java.io.IOException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Push ingestion at full speed: {@code senders} threads POST signed JSON arrays of {@code batch} export records each, one
 * request at a time per thread, until {@code records} records are acknowledged. A record counts when its request
 * answered 202 (the gateway answers 202 only once Kafka acknowledged every record of the request); a 503 is sent again
 * after its Retry-After. Any other answer ends the run: it is a contract mismatch, not a speed.
 *
 * <p>The bodies are built before the clock starts (the sender's serialization is not the gateway's cost) and signed when
 * sent. A warm-up of a tenth of the records, at most 5,000, goes first so the gateway's JIT is not what is measured.
 */
final class PushLoad {

    /** What the load measured. */
    record Figures(long records, double seconds, int requests, int overloaded, long warmupRecords) {
        double recordsPerSecond() {
            return seconds > 0 ? records / seconds : 0;
        }
    }

    /** One request's body and how many records it holds. */
    record Body(byte[] bytes, int records) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Transaction ids far above the PayTrace sandbox's (392483000…), so pushed records never collide with polled ones. */
    static final long FIRST_ID = 700_000_000L;

    private final PushClient client;
    private final ZoneId merchantZone;
    private final int batch;
    private final int senders;
    private final Consumer<String> progress;

    PushLoad(PushClient client, ZoneId merchantZone, int batch, int senders, Consumer<String> progress) {
        if (batch < 1 || senders < 1) {
            throw new IllegalArgumentException("batch and senders must be positive");
        }
        this.client = client;
        this.merchantZone = merchantZone;
        this.batch = batch;
        this.senders = senders;
        this.progress = progress;
    }

    Figures run(int records) throws IOException, InterruptedException {
        int warmup = Math.min(5_000, Math.max(batch * senders, records / 10));
        send(bodies(FIRST_ID, warmup), null);
        List<Body> bodies = bodies(FIRST_ID + warmup, records);
        long start = System.nanoTime();
        int[] overloaded = send(bodies, start);
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Figures(records, seconds, bodies.size(), overloaded[0], warmup);
    }

    /** JSON arrays of {@code batch} sales (the last one shorter), ids from {@code firstId}. */
    List<Body> bodies(long firstId, int records) throws IOException {
        ExportRecords export = new ExportRecords(merchantZone);
        Instant at = Instant.now();
        List<Body> bodies = new ArrayList<>();
        for (int from = 0; from < records; from += batch) {
            ArrayNode array = JSON.createArrayNode();
            for (int i = from; i < Math.min(records, from + batch); i++) {
                array.add(RawRecordSample.sale(export, firstId + i, i, at));
            }
            bodies.add(new Body(JSON.writeValueAsBytes(array), array.size()));
        }
        return bodies;
    }

    /** Sends every body; returns {overloaded answers}. {@code timedFrom} null = the warm-up (no progress lines). */
    private int[] send(List<Body> bodies, Long timedFrom) throws IOException, InterruptedException {
        AtomicInteger next = new AtomicInteger();
        AtomicLong acked = new AtomicLong();
        AtomicInteger overloaded = new AtomicInteger();
        AtomicReference<String> failure = new AtomicReference<>();
        List<Thread> threads = new ArrayList<>();
        for (int s = 0; s < senders; s++) {
            Thread t = new Thread(() -> {
                int i;
                while (failure.get() == null && (i = next.getAndIncrement()) < bodies.size()) {
                    try {
                        while (true) {
                            Body body = bodies.get(i);
                            PushClient.Answer a = client.send(body.bytes());
                            if (a.accepted()) {
                                acked.addAndGet(accepted(a, body.records()));
                                break;
                            }
                            if (!a.overloaded()) {
                                failure.compareAndSet(null, PushClient.describe(a) + " for a request of " + batch + " records");
                                break;
                            }
                            overloaded.incrementAndGet();
                            Thread.sleep(a.retryAfter().toMillis()); // the sender backs off as the gateway asked
                        }
                    } catch (IOException e) {
                        failure.compareAndSet(null, client.describe(e));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        failure.compareAndSet(null, "interrupted");
                    }
                }
            }, "bench-push-sender-" + s);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
        long lastReport = System.nanoTime();
        for (Thread t : threads) {
            while (t.isAlive()) {
                t.join(500);
                if (timedFrom != null && System.nanoTime() - lastReport > 2_000_000_000L) {
                    lastReport = System.nanoTime();
                    double s = (lastReport - timedFrom) / 1e9;
                    progress.accept(String.format(Locale.US, "%,d records acked (%,.0f records/s), %d × 503", acked.get(),
                            acked.get() / s, overloaded.get()));
                }
            }
        }
        if (failure.get() != null) {
            throw new IOException(failure.get());
        }
        return new int[] {overloaded.get()};
    }

    /** Records of a 202: the gateway's {"accepted":n}, which must be the request's record count. */
    static int accepted(PushClient.Answer a, int sent) throws IOException {
        try {
            int accepted = JSON.readTree(a.body()).path("accepted").asInt(-1);
            if (accepted != sent) {
                throw new IOException("202 said accepted " + accepted + " for a request of " + sent + " records");
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IOException("202 without its {\"accepted\":n} body: " + a.body(), e);
        }
        return sent;
    }
}
