package com.ptsl.sandbox.paytrace.push;

import com.ptsl.sandbox.paytrace.SandboxConfig;
import com.ptsl.sandbox.paytrace.export.TransactionRecordJson;
import com.ptsl.sandbox.paytrace.http.Json;
import com.ptsl.sandbox.paytrace.transactions.StoredTransaction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Announces each sale/authorization the sandbox makes to the receivers configured in {@link SandboxConfig}: a Silent
 * Post ({@link SilentPostForm}) and a signed partner push of the transaction's export record ({@link PushSigner}).
 *
 * <p>Never on the API call's thread: {@link #transactionMade} only queues, a small pool of daemon threads sends.
 * A delivery is retried when the receiver says "later" (429, 502, 503, 504) or cannot be reached (connection refused,
 * timeout): up to {@value #MAX_ATTEMPTS} attempts, 100 ms, 200 ms, 400 ms apart, or as long as {@code Retry-After}
 * asks, capped at {@value #MAX_RETRY_AFTER_S} s; then it is given up and counted as failed. Any other answer
 * (2xx sent; 400, 401, 413, 415, 500, ... failed) ends it at once. Every attempt of a push is signed anew with the
 * current time, so a retry is never stale; the body stays the same bytes. More than {@value #MAX_PENDING}
 * undelivered posts (a receiver that is down under load) are dropped and counted as failed rather than piling up.
 */
public final class PushHooks implements AutoCloseable {

    static final int MAX_ATTEMPTS = 4;
    static final long FIRST_BACKOFF_MS = 100;
    static final long MAX_RETRY_AFTER_S = 2;
    static final int MAX_PENDING = 10_000;
    private static final int THREADS = 4;
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);
    private static final Set<Integer> RETRY_STATUSES = Set.of(429, 502, 503, 504);
    private static final Logger LOG = LoggerFactory.getLogger(PushHooks.class);

    /** What is delivered; each kind has its own counters. */
    public enum Kind { SILENT_POST, PARTNER_PUSH }

    private final URI silentPostUrl;
    private final URI pushUrl;
    private final PushSigner signer;
    private final ZoneId merchantZone;
    private final Clock signingClock;
    private final HttpClient http;
    private final ScheduledThreadPoolExecutor executor;
    private final Counts silentPosts = new Counts();
    private final Counts pushes = new Counts();
    private final AtomicLong retries = new AtomicLong();

    private static final class Counts {
        final AtomicLong sent = new AtomicLong();
        final AtomicLong failed = new AtomicLong();
        final AtomicInteger pending = new AtomicInteger();
    }

    /**
     * @param signingClock the sender's wall clock for push timestamps; the real one in the sandbox, whatever clock
     *                     its records are stamped with (a test's manual clock must not make pushes look stale)
     */
    public PushHooks(SandboxConfig config, Clock signingClock) {
        this.silentPostUrl = config.silentPostUrl();
        this.pushUrl = config.pushUrl();
        this.signer = config.pushUrl() == null ? null : new PushSigner(config.pushSecret());
        this.merchantZone = config.merchantZone();
        this.signingClock = signingClock;
        if (!enabled()) {
            this.http = null;
            this.executor = null;
            return;
        }
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        AtomicInteger threads = new AtomicInteger();
        this.executor = new ScheduledThreadPoolExecutor(THREADS, r -> {
            Thread t = new Thread(r, "paytrace-sandbox-push-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        executor.setRemoveOnCancelPolicy(true);
    }

    public boolean enabled() {
        return silentPostUrl != null || pushUrl != null;
    }

    /** Queues the posts for a transaction just made; returns at once. */
    public void transactionMade(StoredTransaction transaction) {
        if (silentPostUrl != null) {
            submit(new Delivery(Kind.SILENT_POST, silentPostUrl, transaction));
        }
        if (pushUrl != null) {
            submit(new Delivery(Kind.PARTNER_PUSH, pushUrl, transaction));
        }
    }

    public long sent(Kind kind) {
        return counts(kind).sent.get();
    }

    public long failed(Kind kind) {
        return counts(kind).failed.get();
    }

    /** Queued or being retried, not yet sent or given up. */
    public int pending(Kind kind) {
        return counts(kind).pending.get();
    }

    /** Attempts after the first, of either kind. */
    public long retries() {
        return retries.get();
    }

    /**
     * Stops the pool: deliveries in flight get a moment to finish, queued and waiting retries are dropped and
     * counted as failed. Idempotent.
     */
    @Override
    public void close() {
        if (executor == null || executor.isShutdown()) {
            return;
        }
        executor.shutdown();
        try {
            if (!executor.awaitTermination(2, TimeUnit.SECONDS)) {
                executor.shutdownNow();
                executor.awaitTermination(2, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
        for (Kind kind : Kind.values()) {
            Counts c = counts(kind);
            int dropped = c.pending.getAndSet(0);
            if (dropped > 0) {
                c.failed.addAndGet(dropped);
                LOG.warn("PayTrace sandbox closed with {} {} deliveries undelivered", dropped, kind);
            }
        }
    }

    private Counts counts(Kind kind) {
        return kind == Kind.SILENT_POST ? silentPosts : pushes;
    }

    private void submit(Delivery delivery) {
        Counts c = counts(delivery.kind);
        if (c.pending.incrementAndGet() > MAX_PENDING) {
            c.pending.decrementAndGet();
            c.failed.incrementAndGet();
            LOG.warn("{} of transaction {} dropped: {} deliveries already waiting", delivery.kind,
                    delivery.transaction.transactionId(), MAX_PENDING);
            return;
        }
        schedule(delivery, 0);
    }

    private void schedule(Delivery delivery, long delayMillis) {
        try {
            executor.schedule(() -> attempt(delivery), delayMillis, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException closed) {
            finish(delivery, false); // the sandbox is closing
        }
    }

    private void attempt(Delivery delivery) {
        try {
            tryOnce(delivery);
        } catch (RuntimeException e) { // a bug, not the receiver: never leave a delivery pending forever
            LOG.error("{} of transaction {} failed unexpectedly", delivery.kind, delivery.transaction.transactionId(), e);
            finish(delivery, false);
        }
    }

    private void tryOnce(Delivery delivery) {
        delivery.attempts++;
        long retryAfterSeconds = 0;
        String outcome;
        try {
            HttpResponse<Void> response = http.send(delivery.request(), HttpResponse.BodyHandlers.discarding());
            int status = response.statusCode();
            if (status >= 200 && status < 300) {
                finish(delivery, true);
                return;
            }
            if (!RETRY_STATUSES.contains(status)) {
                LOG.warn("{} of transaction {} refused by {}: HTTP {}", delivery.kind,
                        delivery.transaction.transactionId(), delivery.url, status);
                finish(delivery, false);
                return;
            }
            outcome = "HTTP " + status;
            retryAfterSeconds = response.headers().firstValue("Retry-After").map(PushHooks::seconds).orElse(0L);
        } catch (IOException e) {
            outcome = e.getClass().getSimpleName();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            finish(delivery, false);
            return;
        }
        if (delivery.attempts >= MAX_ATTEMPTS) {
            LOG.warn("{} of transaction {} to {} given up after {} attempts (last: {})", delivery.kind,
                    delivery.transaction.transactionId(), delivery.url, delivery.attempts, outcome);
            finish(delivery, false);
            return;
        }
        retries.incrementAndGet();
        long backoff = FIRST_BACKOFF_MS << (delivery.attempts - 1);
        long asked = Math.min(retryAfterSeconds, MAX_RETRY_AFTER_S) * 1000;
        schedule(delivery, Math.max(backoff, asked));
    }

    private void finish(Delivery delivery, boolean sent) {
        Counts c = counts(delivery.kind);
        (sent ? c.sent : c.failed).incrementAndGet();
        c.pending.updateAndGet(p -> Math.max(0, p - 1)); // close() may have written it off already
    }

    /** Retry-After in seconds (an HTTP date is not expected from our receivers and counts as none). */
    private static long seconds(String value) {
        try {
            return Math.max(0, Long.parseLong(value.trim()));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** One post of one transaction, with its attempts so far. */
    private final class Delivery {
        final Kind kind;
        final URI url;
        final StoredTransaction transaction;
        private byte[] body; // built on first attempt, on the pool, and kept: every retry sends the same bytes
        int attempts;

        Delivery(Kind kind, URI url, StoredTransaction transaction) {
            this.kind = kind;
            this.url = url;
            this.transaction = transaction;
        }

        HttpRequest request() {
            if (body == null) {
                body = kind == Kind.SILENT_POST ? SilentPostForm.body(transaction)
                        : Json.bytes(TransactionRecordJson.toJson(transaction, merchantZone));
            }
            HttpRequest.Builder request = HttpRequest.newBuilder(url)
                    .timeout(REQUEST_TIMEOUT)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body));
            if (kind == Kind.SILENT_POST) {
                request.header("Content-Type", SilentPostForm.CONTENT_TYPE);
            } else {
                long now = signingClock.instant().getEpochSecond();
                request.header("Content-Type", "application/json")
                        .header(PushSigner.TIMESTAMP_HEADER, Long.toString(now))
                        .header(PushSigner.SIGNATURE_HEADER, signer.signature(now, body));
            }
            return request.build();
        }
    }

    /** For the sandbox's log line. */
    public List<String> describe() {
        return List.of(silentPostUrl == null ? "Silent Post off" : "Silent Post to " + silentPostUrl,
                pushUrl == null ? "partner push off" : "signed partner push to " + pushUrl);
    }
}
