package com.ptsl.gateway;

import com.ptsl.gateway.paytrace.PayTraceCallObserver;
import com.ptsl.gateway.push.PushEndpoint;
import com.ptsl.gateway.push.PushOutcome;
import com.ptsl.schemas.avro.RecordSource;
import com.ptsl.service.metrics.ServiceMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntSupplier;

/**
 * The ingest gateway's business meters, the one place its counts live: Prometheus scrapes them, and tests and the
 * launcher read them through the accessors. Every meter is registered here, once, so the poll path only
 * increments fields.
 *
 * <p>"Published", "republished", "invalid" and "pans scrubbed" count only records the broker acknowledged; "read"
 * counts every record an export returned, so an unchanged record re-polled every second adds to read and
 * unchanged but is published once. Records re-read by id (follow-ups of open transactions) count as read too.
 * Batch meters count settlement batch summaries, not their transactions.
 *
 * <p>"Published" is labelled by how the record came in ({@code source} POLL, PUSH, SILENT_POST); the push meters
 * count requests to the push receivers by endpoint and answer, Silent Post confirmations by what PayTrace said,
 * and sweeps (window exports) run or skipped while push is healthy. PayTrace calls made to confirm a Silent Post
 * are counted with the others under {@code export_by_id}.
 */
public final class GatewayMetrics implements PayTraceCallObserver {

    /** PayTrace's reply timestamp format, unpadded and merchant-local (reference §3.1). */
    private static final DateTimeFormatter CREATED_AT = DateTimeFormatter.ofPattern("M/d/yyyy h:mm:ss a", Locale.US);
    private static final long NO_RECORD_YET = Long.MIN_VALUE;

    private final Clock clock;
    private final ZoneId merchantZone;
    private final Instant createdAt;

    private final Counter pollsOk;
    private final Counter pollsFailed;
    private final Timer pollDuration;
    private final Counter recordsRead;
    /** The gateway's own sources only; REPLAY and MANUAL are not the gateway's. */
    public static final List<RecordSource> SOURCES = List.of(RecordSource.POLL, RecordSource.PUSH, RecordSource.SILENT_POST);

    private final Map<RecordSource, Counter> recordsPublished = new EnumMap<>(RecordSource.class);
    private final Counter recordsRepublished;
    private final Counter recordsUnchanged;
    private final Counter recordsInvalid;
    private final Counter pansScrubbed;
    private final Counter followUpReads;
    private final Counter openGivenUp;
    private final Counter batchPollsOk;
    private final Counter batchPollsFailed;
    private final Counter batchesPublished;
    private final Counter batchesUnchanged;
    /** Indexed [endpoint.ordinal()][outcome.ordinal()]: every combination exists from the start. */
    private final Counter[][] payTraceCalls;
    /** Indexed [endpoint.ordinal()][outcome.ordinal()]. */
    private final Counter[][] pushRequests;
    private final Timer pushAcceptedDuration;
    private final Counter silentPostsPublished;
    private final Counter silentPostsUnknown;
    private final Counter silentPostsFailed;
    private final Counter silentPostsCoalesced;
    private final Counter sweepsRun;
    private final Counter sweepsSkipped;
    private volatile IntSupplier pushInFlight = () -> 0;
    private final AtomicReference<Instant> lastPushAccepted = new AtomicReference<>();

    private final AtomicReference<Instant> lastSuccessfulPoll = new AtomicReference<>();
    /** The failure of the latest poll attempt; null once a poll succeeds. */
    private final AtomicReference<RuntimeException> lastPollFailure = new AtomicReference<>();
    private final AtomicLong newestRecordCreatedMillis = new AtomicLong(NO_RECORD_YET);
    private final AtomicLong openTransactions = new AtomicLong();
    /** The failure of the latest batch poll; null once one succeeds. */
    private final AtomicReference<RuntimeException> lastBatchPollFailure = new AtomicReference<>();

    /**
     * @param clock        the service's clock, for the age gauges
     * @param merchantZone the zone PayTrace's {@code created.at} timestamps are written in
     */
    public GatewayMetrics(MeterRegistry registry, Clock clock, ZoneId merchantZone) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.merchantZone = Objects.requireNonNull(merchantZone, "merchantZone");
        this.createdAt = clock.instant();
        pollsOk = polls(registry, "ok");
        pollsFailed = polls(registry, "failed");
        pollDuration = ServiceMetrics.latencyTimer(registry, "ptsl.gateway.poll.duration",
                "Duration of one poll (export, publish, wait for acks, save checkpoint), successful or failed");
        Gauge.builder("ptsl.gateway.last.successful.poll.age", this, GatewayMetrics::lastSuccessfulPollAgeSeconds)
                .description("Seconds since the last successful poll; before the first one, since the gateway started")
                .baseUnit("seconds")
                .register(registry);
        Gauge.builder("ptsl.gateway.newest.record.age", this, GatewayMetrics::newestRecordAgeSeconds)
                .description("Seconds between now and PayTrace's created.at of the newest record read; NaN until one was read")
                .baseUnit("seconds")
                .register(registry);
        recordsRead = counter(registry, "ptsl.gateway.records.read",
                "Records returned by PayTrace exports, counting every re-read of a record in the overlapping window");
        for (RecordSource source : SOURCES) {
            recordsPublished.put(source, Counter.builder("ptsl.gateway.records.published")
                    .description("Records acknowledged by Kafka on the raw topic, re-publications included, by how "
                            + "they came in (POLL export or re-read, signed PUSH, confirmed SILENT_POST)")
                    .tag("source", source.name())
                    .register(registry));
        }
        recordsRepublished = counter(registry, "ptsl.gateway.records.republished",
                "Published records whose transaction was known with other content (e.g. settled since)");
        recordsUnchanged = counter(registry, "ptsl.gateway.records.unchanged",
                "Records not published because the checkpoint already holds their fingerprint");
        recordsInvalid = counter(registry, "ptsl.gateway.records.invalid",
                "Records without a usable transaction_id, acknowledged on the invalid topic");
        pansScrubbed = counter(registry, "ptsl.gateway.pans.scrubbed",
                "Card numbers masked in records acknowledged by Kafka (raw transaction, batch and invalid topics)");
        followUpReads = counter(registry, "ptsl.gateway.followup.reads",
                "Re-reads by id (export/by_id) of open transactions that have left the poll window");
        openGivenUp = counter(registry, "ptsl.gateway.open.transactions.given.up",
                "Open transactions no longer followed: past the bound on count or age, or unknown to PayTrace");
        Gauge.builder("ptsl.gateway.open.transactions", openTransactions, AtomicLong::get)
                .description("Transactions tracked as not terminal yet (pending settlement, authorization only), "
                        + "re-read until PayTrace shows them settled, voided, declined or expired")
                .register(registry);
        batchPollsOk = batchPolls(registry, "ok");
        batchPollsFailed = batchPolls(registry, "failed");
        batchesPublished = counter(registry, "ptsl.gateway.batches.published",
                "Settlement batches acknowledged on the raw batch topic, corrections included");
        batchesUnchanged = counter(registry, "ptsl.gateway.batches.unchanged",
                "Settlement batch summaries not read further because the checkpoint already holds their fingerprint");
        payTraceCalls = new Counter[Endpoint.values().length][Outcome.values().length];
        for (Endpoint endpoint : Endpoint.values()) {
            for (Outcome outcome : Outcome.values()) {
                payTraceCalls[endpoint.ordinal()][outcome.ordinal()] = Counter.builder("ptsl.gateway.paytrace.calls")
                        .description("HTTP exchanges with PayTrace by endpoint and HTTP-level outcome (a 200 carrying "
                                + "success:false is ok); retries and token requests included")
                        .tag("endpoint", endpoint.label())
                        .tag("outcome", outcome.label())
                        .register(registry);
            }
        }
        pushRequests = new Counter[PushEndpoint.values().length][PushOutcome.values().length];
        for (PushEndpoint endpoint : PushEndpoint.values()) {
            for (PushOutcome outcome : PushOutcome.values()) {
                pushRequests[endpoint.ordinal()][outcome.ordinal()] = Counter.builder("ptsl.gateway.push.requests")
                        .description("Requests to the push receivers by endpoint and answer (accepted = 202; "
                                + "every other outcome published nothing)")
                        .tag("endpoint", endpoint.label())
                        .tag("outcome", outcome.label())
                        .register(registry);
            }
        }
        pushAcceptedDuration = ServiceMetrics.latencyTimer(registry, "ptsl.gateway.push.accepted.duration",
                "Signed pushes answered 202: from receipt to the answer, i.e. including Kafka's acknowledgement "
                        + "of the transaction's commit");
        Gauge.builder("ptsl.gateway.push.in.flight", this, m -> m.pushInFlight.getAsInt())
                .description("Requests the push receivers are working on now (bounded by GATEWAY_PUSH_MAX_IN_FLIGHT)")
                .register(registry);
        Gauge.builder("ptsl.gateway.last.push.age", this, GatewayMetrics::lastPushAgeSeconds)
                .description("Seconds since a signed push was accepted or a Silent Post was confirmed and published; "
                        + "NaN before the first")
                .baseUnit("seconds")
                .register(registry);
        silentPostsPublished = silentPostConfirmations(registry, "published");
        silentPostsUnknown = silentPostConfirmations(registry, "unknown");
        silentPostsFailed = silentPostConfirmations(registry, "failed");
        silentPostsCoalesced = counter(registry, "ptsl.gateway.silent.posts.coalesced",
                "Silent Posts for a transaction already waiting for confirmation: answered 202, no extra PayTrace call");
        sweepsRun = sweeps(registry, "swept");
        sweepsSkipped = sweeps(registry, "skipped");
    }

    // --- recording, from the poller and the PayTrace client ----------------------------------------------

    public void pollSucceeded(Duration took) {
        pollDuration.record(took);
        lastSuccessfulPoll.set(clock.instant());
        lastPollFailure.set(null);
        pollsOk.increment();
    }

    public void pollFailed(Duration took, RuntimeException failure) {
        pollDuration.record(took);
        lastPollFailure.set(Objects.requireNonNull(failure, "failure"));
        pollsFailed.increment();
    }

    /** One record of an export; {@code createdAt} is its {@code created.at} text, or null. */
    public void recordRead(String createdAt) {
        recordsRead.increment();
        Instant created = parseCreatedAt(createdAt);
        if (created != null) {
            newestRecordCreatedMillis.accumulateAndGet(created.toEpochMilli(), Math::max);
        }
    }

    /** A polled record (window export or re-read by id) acknowledged on the raw topic. */
    public void recordPublished(int pans, boolean republished) {
        recordsPublished.get(RecordSource.POLL).increment();
        if (republished) {
            recordsRepublished.increment();
        }
        pansScrubbed.increment(pans);
    }

    public void recordUnchanged() {
        recordsUnchanged.increment();
    }

    public void invalidPublished(int pans) {
        recordsInvalid.increment();
        pansScrubbed.increment(pans);
    }

    /** One re-read by id of an open transaction outside the window (whatever PayTrace answered). */
    public void followUpRead() {
        followUpReads.increment();
    }

    public void openGivenUp(int count) {
        openGivenUp.increment(count);
    }

    /** How many open transactions the checkpoint holds now. */
    public void openTransactions(int count) {
        openTransactions.set(count);
    }

    public void batchPollSucceeded() {
        lastBatchPollFailure.set(null);
        batchPollsOk.increment();
    }

    public void batchPollFailed(RuntimeException failure) {
        lastBatchPollFailure.set(Objects.requireNonNull(failure, "failure"));
        batchPollsFailed.increment();
    }

    public void batchPublished(int pans) {
        batchesPublished.increment();
        pansScrubbed.increment(pans);
    }

    public void batchUnchanged() {
        batchesUnchanged.increment();
    }

    /** {@code records} records that came in by push or Silent Post were acknowledged (committed) on the raw topic. */
    public void pushedRecordsPublished(RecordSource source, int records, int pans) {
        Counter counter = recordsPublished.get(source);
        if (counter == null) {
            throw new IllegalArgumentException("not a gateway source: " + source);
        }
        counter.increment(records);
        pansScrubbed.increment(pans);
    }

    /** A request to a push receiver was answered; {@code took} is from receipt to the answer. */
    public void pushAnswered(PushEndpoint endpoint, PushOutcome outcome, Duration took) {
        pushRequests[endpoint.ordinal()][outcome.ordinal()].increment();
        if (endpoint == PushEndpoint.TRANSACTIONS && outcome == PushOutcome.ACCEPTED) {
            pushAcceptedDuration.record(took);
        }
    }

    /** Push delivered records just now (202 to a signed push, a confirmed Silent Post published): push is healthy. */
    public void pushAccepted() {
        lastPushAccepted.set(clock.instant());
    }

    /** Where the in-flight gauge reads from (the push server's admission limit). */
    public void pushInFlightFrom(IntSupplier inFlight) {
        this.pushInFlight = Objects.requireNonNull(inFlight, "inFlight");
    }

    public void silentPostPublished() {
        silentPostsPublished.increment();
    }

    /** PayTrace does not know the transaction a Silent Post named: nothing published. */
    public void silentPostUnknown() {
        silentPostsUnknown.increment();
    }

    /** The confirmation could not be made (PayTrace or Kafka failed): nothing published, the poller backs it up. */
    public void silentPostFailed() {
        silentPostsFailed.increment();
    }

    public void silentPostCoalesced() {
        silentPostsCoalesced.increment();
    }

    /** A poll ran the window export ({@code swept}) or skipped it because push is healthy. */
    public void sweep(boolean swept) {
        (swept ? sweepsRun : sweepsSkipped).increment();
    }

    @Override
    public void called(Endpoint endpoint, Outcome outcome) {
        payTraceCalls[endpoint.ordinal()][outcome.ordinal()].increment();
    }

    // --- reading -----------------------------------------------------------------------------------------

    /** Poll attempts that finished, successful or not. */
    public long polls() {
        return (long) (pollsOk.count() + pollsFailed.count());
    }

    /** Polls that failed (PayTrace unavailable or refusing, Kafka not acknowledging, checkpoint not saved). */
    public long pollErrors() {
        return (long) pollsFailed.count();
    }

    public long recordsRead() {
        return (long) recordsRead.count();
    }

    /** Records acknowledged on the raw topic, every source. */
    public long recordsPublished() {
        long sum = 0;
        for (Counter counter : recordsPublished.values()) {
            sum += (long) counter.count();
        }
        return sum;
    }

    /** Records acknowledged on the raw topic that came in one way; 0 for a source the gateway does not have. */
    public long recordsPublished(RecordSource source) {
        Counter counter = recordsPublished.get(source);
        return counter == null ? 0 : (long) counter.count();
    }

    public long pushRequests(PushEndpoint endpoint, PushOutcome outcome) {
        return (long) pushRequests[endpoint.ordinal()][outcome.ordinal()].count();
    }

    /** Requests to one push endpoint, every outcome. */
    public long pushRequests(PushEndpoint endpoint) {
        long sum = 0;
        for (PushOutcome outcome : PushOutcome.values()) {
            sum += pushRequests(endpoint, outcome);
        }
        return sum;
    }

    public int pushInFlight() {
        return pushInFlight.getAsInt();
    }

    public Optional<Instant> lastPushAccepted() {
        return Optional.ofNullable(lastPushAccepted.get());
    }

    public long silentPostsPublished() {
        return (long) silentPostsPublished.count();
    }

    public long silentPostsUnknown() {
        return (long) silentPostsUnknown.count();
    }

    public long silentPostsFailed() {
        return (long) silentPostsFailed.count();
    }

    public long silentPostsCoalesced() {
        return (long) silentPostsCoalesced.count();
    }

    /** Silent Posts confirmed with PayTrace (one export/by_id each), whatever it answered. */
    public long silentPostConfirmations() {
        return silentPostsPublished() + silentPostsUnknown() + silentPostsFailed();
    }

    public long sweeps() {
        return (long) sweepsRun.count();
    }

    public long sweepsSkipped() {
        return (long) sweepsSkipped.count();
    }

    public long recordsRepublished() {
        return (long) recordsRepublished.count();
    }

    public long unchangedSkipped() {
        return (long) recordsUnchanged.count();
    }

    public long invalid() {
        return (long) recordsInvalid.count();
    }

    public long pansScrubbed() {
        return (long) pansScrubbed.count();
    }

    public long payTraceCalls(Endpoint endpoint, Outcome outcome) {
        return (long) payTraceCalls[endpoint.ordinal()][outcome.ordinal()].count();
    }

    /** Calls to one endpoint, every outcome. */
    public long payTraceCalls(Endpoint endpoint) {
        long sum = 0;
        for (Outcome outcome : Outcome.values()) {
            sum += payTraceCalls(endpoint, outcome);
        }
        return sum;
    }

    public long followUpReads() {
        return (long) followUpReads.count();
    }

    public long openGivenUp() {
        return (long) openGivenUp.count();
    }

    public long openTransactions() {
        return openTransactions.get();
    }

    public long batchPolls() {
        return (long) (batchPollsOk.count() + batchPollsFailed.count());
    }

    public long batchPollErrors() {
        return (long) batchPollsFailed.count();
    }

    public long batchesPublished() {
        return (long) batchesPublished.count();
    }

    public long batchesUnchanged() {
        return (long) batchesUnchanged.count();
    }

    /** Why the latest batch poll failed; empty if it succeeded or none ran yet. */
    public Optional<RuntimeException> lastBatchPollFailure() {
        return Optional.ofNullable(lastBatchPollFailure.get());
    }

    public Optional<Instant> lastSuccessfulPoll() {
        return Optional.ofNullable(lastSuccessfulPoll.get());
    }

    /** Why the latest poll attempt failed; empty if it succeeded or none finished yet. */
    public Optional<RuntimeException> lastPollFailure() {
        return Optional.ofNullable(lastPollFailure.get());
    }

    double lastSuccessfulPollAgeSeconds() {
        Instant last = lastSuccessfulPoll.get();
        return secondsSince(last == null ? createdAt : last);
    }

    double lastPushAgeSeconds() {
        Instant last = lastPushAccepted.get();
        return last == null ? Double.NaN : secondsSince(last);
    }

    double newestRecordAgeSeconds() {
        long newest = newestRecordCreatedMillis.get();
        return newest == NO_RECORD_YET ? Double.NaN : secondsSince(Instant.ofEpochMilli(newest));
    }

    private double secondsSince(Instant then) {
        return Duration.between(then, clock.instant()).toMillis() / 1000.0;
    }

    private Instant parseCreatedAt(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return LocalDateTime.parse(text.trim(), CREATED_AT).atZone(merchantZone).toInstant();
        } catch (DateTimeException e) {
            return null; // a format PayTrace changed under us must not fail the poll over a gauge
        }
    }

    private static Counter polls(MeterRegistry registry, String outcome) {
        return Counter.builder("ptsl.gateway.polls")
                .description("Poll attempts that finished, by outcome")
                .tag("outcome", outcome)
                .register(registry);
    }

    private static Counter batchPolls(MeterRegistry registry, String outcome) {
        return Counter.builder("ptsl.gateway.batch.polls")
                .description("Settlement batch polls (batches/export, then transaction_list of new or changed batches) "
                        + "that finished, by outcome; a failed one does not fail the transaction poll")
                .tag("outcome", outcome)
                .register(registry);
    }

    private static Counter silentPostConfirmations(MeterRegistry registry, String outcome) {
        return Counter.builder("ptsl.gateway.silent.post.confirmations")
                .description("Silent Posts confirmed with export/by_id, by outcome: published (PayTrace knows the "
                        + "transaction; its record went to the raw topic), unknown (nothing published), failed "
                        + "(PayTrace or Kafka failed; nothing published, the poller backs it up)")
                .tag("outcome", outcome)
                .register(registry);
    }

    private static Counter sweeps(MeterRegistry registry, String outcome) {
        return Counter.builder("ptsl.gateway.sweeps")
                .description("Polls by whether they ran the full window export (swept) or skipped it because push "
                        + "is healthy and the last one was recent or read much (skipped)")
                .tag("outcome", outcome)
                .register(registry);
    }

    private static Counter counter(MeterRegistry registry, String name, String description) {
        return Counter.builder(name).description(description).register(registry);
    }

    @Override
    public String toString() {
        return "GatewayMetrics[polls=" + polls() + ", read=" + recordsRead() + ", published=" + recordsPublished()
                + ", republished=" + recordsRepublished() + ", unchanged=" + unchangedSkipped() + ", pansScrubbed="
                + pansScrubbed() + ", invalid=" + invalid() + ", pollErrors=" + pollErrors() + ", followUpReads="
                + followUpReads() + ", open=" + openTransactions() + ", batchesPublished=" + batchesPublished()
                + ", batchPollErrors=" + batchPollErrors() + ", sweeps=" + sweeps() + ", sweepsSkipped=" + sweepsSkipped()
                + ", pushPublished=" + recordsPublished(RecordSource.PUSH) + ", silentPostPublished="
                + recordsPublished(RecordSource.SILENT_POST) + ", silentPostUnknown=" + silentPostsUnknown()
                + ", lastSuccessfulPoll=" + lastSuccessfulPoll.get() + "]";
    }
}
