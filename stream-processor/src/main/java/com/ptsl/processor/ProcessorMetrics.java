package com.ptsl.processor;

import com.ptsl.processor.classify.TransactionKind;
import com.ptsl.processor.command.StatusEvent;
import com.ptsl.processor.match.MatchStrategy;
import com.ptsl.schemas.avro.ErpCommand;
import com.ptsl.schemas.avro.ResolutionAction;
import com.ptsl.schemas.avro.ReviewReason;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;

import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Business meters of the stream processor. The fields are the Micrometer counters themselves, so
 * {@code /metrics}, the tests and the launcher read one source of truth; every label combination is
 * registered here, up front, so a scrape shows zeros and the record path only increments.
 *
 * <p>They are updated from inside the processors, i.e. outside Kafka's transaction: when an
 * exactly-once task aborts and reprocesses records (a rebalance, a crashed thread), those records
 * are counted again. The counters are therefore "at least" figures for monitoring; the exact
 * truth is in the topics and the store.
 */
public final class ProcessorMetrics {

    /** Where an unusable raw record was caught; the label value is the InvalidRecord's {@code stage}. */
    public enum InvalidStage {
        PARSE("parse"), DESERIALIZE("deserialize"),
        /** A processor threw while handling the record; kept by the processing exception handler. */
        PROCESS("process"),
        /** A settlement batch record (paytrace.batches.raw) the deposit stage could not read. */
        DEPOSIT("deposit");

        private final String label;

        InvalidStage(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** What became of a settlement batch record, or of a batch version that waited the deposit delay. */
    public enum DepositOutcome {
        /** A CloseDeposit was sent for a batch version. */
        EMITTED,
        /** A record of a version already sent, or already waiting: nothing more to send. */
        UNCHANGED,
        /** An unreadable batch record, kept in paytrace.raw.invalid. */
        INVALID;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Where a payment had to wait: for its customer to be known (resolve) or for its invoice (match). */
    public enum WaitStage {
        CUSTOMER, INVOICE
    }

    private final Counter recordsIn;
    private final Map<MatchStrategy, Counter> matched = new EnumMap<>(MatchStrategy.class);
    private final Map<WaitStage, Counter> waited = new EnumMap<>(WaitStage.class);
    private final Map<ResolutionAction, Counter> resolutionsApplied = new EnumMap<>(ResolutionAction.class);
    private final Map<ResolutionAction, Counter> resolutionsIgnored = new EnumMap<>(ResolutionAction.class);
    private final Counter reservationsExpired;
    private final Map<TransactionKind, Counter> transactions = new EnumMap<>(TransactionKind.class);
    private final Counter duplicatesDropped;
    private final Map<InvalidStage, Counter> invalid = new EnumMap<>(InvalidStage.class);
    /** Keyed by the payload's Avro record name, one per branch of the ErpCommand union. */
    private final Map<String, Counter> commands;
    private final Map<ReviewReason, Counter> reviewItems = new EnumMap<>(ReviewReason.class);
    private final Counter alreadyPosted;
    private final Counter dedupeEntriesExpired;
    private final Map<StatusEvent, Counter> statusEvents = new EnumMap<>(StatusEvent.class);
    private final Map<DepositOutcome, Counter> deposits = new EnumMap<>(DepositOutcome.class);

    public ProcessorMetrics(MeterRegistry registry) {
        recordsIn = Counter.builder("ptsl.processor.records.in")
                .description("Raw PayTrace records read from paytrace.transactions.raw, valid or not")
                .register(registry);
        for (TransactionKind kind : TransactionKind.values()) {
            transactions.put(kind, Counter.builder("ptsl.processor.transactions")
                    .description("Transactions classified, by kind, after duplicates were dropped")
                    .tag("kind", kind.name())
                    .register(registry));
        }
        duplicatesDropped = Counter.builder("ptsl.processor.duplicates.dropped")
                .description("Records dropped because the same transaction with the same content was seen before")
                .register(registry);
        for (InvalidStage stage : InvalidStage.values()) {
            invalid.put(stage, Counter.builder("ptsl.processor.invalid.records")
                    .description("Unusable raw records kept in paytrace.raw.invalid, by the stage that caught them")
                    .tag("stage", stage.label())
                    .register(registry));
        }
        Map<String, Counter> byType = new LinkedHashMap<>();
        for (String type : commandTypes()) {
            byType.put(type, Counter.builder("ptsl.processor.commands")
                    .description("ERP commands written to erp.commands, by command type")
                    .tag("type", type)
                    .register(registry));
        }
        commands = Collections.unmodifiableMap(byType);
        for (ReviewReason reason : ReviewReason.values()) {
            reviewItems.put(reason, Counter.builder("ptsl.processor.review.items")
                    .description("Items written to payments.review for a person to look at, by reason")
                    .tag("reason", reason.name())
                    .register(registry));
        }
        alreadyPosted = Counter.builder("ptsl.processor.already.posted")
                .description("Payable records not posted again because their payment already was, or already waits for its customer (e.g. a pending sale that settled)")
                .register(registry);
        for (MatchStrategy strategy : MatchStrategy.values()) {
            matched.put(strategy, Counter.builder("ptsl.processor.matched")
                    .description("Payments posted, by the matching strategy that chose their invoices (ON_ACCOUNT: none matched)")
                    .tag("strategy", strategy.name())
                    .register(registry));
        }
        for (WaitStage stage : WaitStage.values()) {
            waited.put(stage, Counter.builder("ptsl.processor.match.waits")
                    .description("Payments that had to wait: for their SL customer to be known, or for the invoice they name")
                    .tag("stage", stage.name().toLowerCase(Locale.ROOT))
                    .register(registry));
        }
        for (ResolutionAction action : ResolutionAction.values()) {
            resolutionsApplied.put(action, Counter.builder("ptsl.processor.review.resolutions")
                    .description("Review resolutions read from payments.review.resolutions, by action and whether they were applied")
                    .tag("action", action.name()).tag("outcome", "applied")
                    .register(registry));
            resolutionsIgnored.put(action, Counter.builder("ptsl.processor.review.resolutions")
                    .description("Review resolutions read from payments.review.resolutions, by action and whether they were applied")
                    .tag("action", action.name()).tag("outcome", "ignored")
                    .register(registry));
        }
        reservationsExpired = Counter.builder("ptsl.processor.reservations.expired")
                .description("Invoice reservations dropped after their TTL because SL never showed the application (e.g. a rejected command)")
                .register(registry);
        dedupeEntriesExpired = Counter.builder("ptsl.processor.dedupe.entries.expired")
                .description("Dedupe store entries deleted by the retention sweep")
                .register(registry);
        for (StatusEvent event : StatusEvent.values()) {
            statusEvents.put(event, Counter.builder("ptsl.processor.status.events")
                    .description("NOT_POSTED results written to erp.results (declines, authorizations, voids before posting, unknown records), by event")
                    .tag("event", event.name())
                    .register(registry));
        }
        for (DepositOutcome outcome : DepositOutcome.values()) {
            deposits.put(outcome, Counter.builder("ptsl.processor.deposits")
                    .description("Settlement batches: CloseDeposit commands sent (emitted), batch records that changed nothing (unchanged), unreadable ones (invalid)")
                    .tag("outcome", outcome.label())
                    .register(registry));
        }
    }

    /** Meters nobody scrapes: for topology tests and callers that only want the topology. */
    public static ProcessorMetrics unscraped() {
        return new ProcessorMetrics(new SimpleMeterRegistry());
    }

    /** Derived from the schema, so a new command type is counted (and shown at zero) without touching this class. */
    private static Iterable<String> commandTypes() {
        return ErpCommand.getClassSchema().getField("payload").schema().getTypes().stream().map(Schema::getName).toList();
    }

    public void onRecordIn() {
        recordsIn.increment();
    }

    public void onInvalid(InvalidStage stage) {
        invalid.get(stage).increment();
    }

    public void onDuplicateDropped() {
        duplicatesDropped.increment();
    }

    public void onClassified(TransactionKind kind) {
        transactions.get(kind).increment();
    }

    public void onCommandEmitted(ErpCommand command) {
        commands.get(((SpecificRecord) command.getPayload()).getSchema().getName()).increment();
    }

    public void onStatusEvent(StatusEvent event) {
        statusEvents.get(event).increment();
    }

    /** NOT_POSTED results written for this event. */
    public long statusEvents(StatusEvent event) {
        return (long) statusEvents.get(event).count();
    }

    public void onDeposit(DepositOutcome outcome) {
        deposits.get(outcome).increment();
    }

    /** Settlement batch records or versions with this outcome. */
    public long deposits(DepositOutcome outcome) {
        return (long) deposits.get(outcome).count();
    }

    public void onAlreadyPosted() {
        alreadyPosted.increment();
    }

    public void onReviewItem(ReviewReason reason) {
        reviewItems.get(reason).increment();
    }

    public void onMatched(MatchStrategy strategy) {
        matched.get(strategy).increment();
    }

    public void onWaiting(WaitStage stage) {
        waited.get(stage).increment();
    }

    public void onResolution(ResolutionAction action, boolean applied) {
        (applied ? resolutionsApplied : resolutionsIgnored).get(action).increment();
    }

    public void onReservationExpired() {
        reservationsExpired.increment();
    }

    /** Reservations dropped after their TTL. */
    public long reservationsExpired() {
        return (long) reservationsExpired.count();
    }

    /** Payments posted with invoices chosen by this strategy. */
    public long matched(MatchStrategy strategy) {
        return (long) matched.get(strategy).count();
    }

    public long waited(WaitStage stage) {
        return (long) waited.get(stage).count();
    }

    public long resolutions(ResolutionAction action, boolean applied) {
        return (long) (applied ? resolutionsApplied : resolutionsIgnored).get(action).count();
    }

    public void onDedupeEntriesExpired(long n) {
        dedupeEntriesExpired.increment(n);
    }

    /** Raw records read, valid or not. */
    public long recordsIn() {
        return (long) recordsIn.count();
    }

    /** Records sent to the invalid topic, whichever stage caught them. */
    public long invalidRecords() {
        return invalid.values().stream().mapToLong(c -> (long) c.count()).sum();
    }

    public long invalidRecords(InvalidStage stage) {
        return (long) invalid.get(stage).count();
    }

    /** Records dropped because the same transaction with the same content was seen before. */
    public long duplicatesDropped() {
        return (long) duplicatesDropped.count();
    }

    /** Records classified as the given kind (after dedupe). */
    public long classifiedAs(TransactionKind kind) {
        return (long) transactions.get(kind).count();
    }

    /** ERP commands written, of every type. */
    public long commandsEmitted() {
        return commands.values().stream().mapToLong(c -> (long) c.count()).sum();
    }

    /** ERP commands of one type, by its Avro record name, e.g. "PostPayment". */
    public long commandsEmitted(String type) {
        Counter counter = commands.get(type);
        if (counter == null) {
            throw new IllegalArgumentException("not an ErpCommand payload type: " + type + "; known: " + commands.keySet());
        }
        return (long) counter.count();
    }

    /** Payable records whose payment had already been posted (e.g. a pending sale that settled). */
    public long alreadyPosted() {
        return (long) alreadyPosted.count();
    }

    /** Review items written, for any reason. */
    public long reviewItems() {
        return reviewItems.values().stream().mapToLong(c -> (long) c.count()).sum();
    }

    public long reviewItems(ReviewReason reason) {
        return (long) reviewItems.get(reason).count();
    }

    /** Dedupe entries deleted by the retention sweep. */
    public long dedupeEntriesExpired() {
        return (long) dedupeEntriesExpired.count();
    }

    /** One line for the shutdown log. */
    @Override
    public String toString() {
        Map<TransactionKind, Long> byKind = new EnumMap<>(TransactionKind.class);
        transactions.forEach((kind, c) -> byKind.put(kind, (long) c.count()));
        return "ProcessorMetrics{in=" + recordsIn() + ", invalid=" + invalidRecords() + ", duplicates=" + duplicatesDropped()
                + ", byKind=" + byKind + ", commands=" + commandsEmitted() + ", alreadyPosted=" + alreadyPosted()
                + ", review=" + reviewItems() + ", status=" + statusEvents.values().stream().mapToLong(c -> (long) c.count()).sum()
                + ", expired=" + dedupeEntriesExpired() + ", deposits=" + deposits(DepositOutcome.EMITTED) + "}";
    }
}
