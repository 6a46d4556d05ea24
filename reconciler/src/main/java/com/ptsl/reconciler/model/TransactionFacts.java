package com.ptsl.reconciler.model;

import java.time.LocalDate;
import java.util.List;

/**
 * Everything the reconciler learned about one PayTrace transaction, from every source: PayTrace's latest snapshot (the
 * raw topic, folded), the commands sent for it, its open review item, its SL documents and applications, the sink's
 * ledger rows and dead letters. Deliberately compact (cents as longs, single items without a list), because a window
 * can hold a million of these.
 */
public final class TransactionFacts {

    private static final int NO_DAY = Integer.MIN_VALUE;

    private final String id;

    // PayTrace: the latest snapshot read (kind null: only known as a settlement batch member)
    private PayTraceKind kind;
    private long amountCents;
    private long expectedCents;
    private int day = NO_DAY;
    private String settledBatch;
    private long snapshotTimestamp = Long.MIN_VALUE;
    private long snapshotOffset = Long.MIN_VALUE;
    private boolean inWindow;
    private String depositBatch;

    private Object commands;
    private OpenReview review;
    private Object documents;
    private Object slApplications;
    private Object ledger;
    private Object deadLetters;

    public TransactionFacts(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    /**
     * Takes {@code snapshot} as PayTrace's state when it is later than the one held (by record timestamp, then offset).
     *
     * @return whether it was taken
     */
    public boolean offer(long timestamp, long offset, PayTraceKind kind, long amountCents, long expectedCents, LocalDate day,
                         String settledBatch) {
        if (timestamp < snapshotTimestamp || (timestamp == snapshotTimestamp && offset <= snapshotOffset)) {
            return false;
        }
        this.snapshotTimestamp = timestamp;
        this.snapshotOffset = offset;
        this.kind = kind;
        this.amountCents = amountCents;
        this.expectedCents = expectedCents;
        this.day = day == null ? NO_DAY : (int) day.toEpochDay();
        this.settledBatch = settledBatch;
        return true;
    }

    public void markInWindow() {
        inWindow = true;
    }

    /** At least one raw record of this transaction has a timestamp inside the window: it is reported. */
    public boolean inWindow() {
        return inWindow;
    }

    /** Null when PayTrace's records of it were not read (it is only a member of a settlement batch of the window). */
    public PayTraceKind kind() {
        return kind;
    }

    public boolean reportedByPayTrace() {
        return kind != null;
    }

    public long amountCents() {
        return amountCents;
    }

    /** The cash PayTrace's final state means: + for a sale or capture, − for a refund, 0 otherwise. */
    public long expectedCents() {
        return expectedCents;
    }

    /** {@link #day()} as an epoch day, {@link Integer#MIN_VALUE} when unknown. */
    public int epochDay() {
        return day;
    }

    /** The transaction's day (created.at) in the merchant's zone; null when unknown. */
    public LocalDate day() {
        return day == NO_DAY ? null : LocalDate.ofEpochDay(day);
    }

    /** The settlement batch its status code names (GB&lt;n&gt;), else the batch that lists it, else null. */
    public String settlementBatch() {
        return settledBatch != null ? settledBatch : depositBatch;
    }

    public void depositBatch(String batchNumber) {
        this.depositBatch = batchNumber;
    }

    public void addCommand(CommandRef command) {
        // A replayed command (same id) replaces the earlier copy: one business action, one entry.
        List<CommandRef> held = commands();
        for (CommandRef c : held) {
            if (c.type() == command.type() && c.commandId(id).equals(command.commandId(id))) {
                if (held.size() == 1) {
                    commands = command;
                } else {
                    Object rebuilt = null;
                    for (CommandRef h : held) {
                        rebuilt = Bag.add(rebuilt, h == c ? command : h);
                    }
                    commands = rebuilt;
                }
                return;
            }
        }
        commands = Bag.add(commands, command);
    }

    public List<CommandRef> commands() {
        return Bag.list(commands);
    }

    public void review(OpenReview review) {
        this.review = review;
    }

    /** The OPEN review item, or null. */
    public OpenReview review() {
        return review;
    }

    public void addDocument(SlDocument document) {
        documents = Bag.add(documents, document);
    }

    public List<SlDocument> documents() {
        return Bag.list(documents);
    }

    public boolean hasDocuments() {
        return documents != null;
    }

    public void addSlApplication(SlApplication application) {
        slApplications = Bag.add(slApplications, application);
    }

    public List<SlApplication> slApplications() {
        return Bag.list(slApplications);
    }

    public void addLedgerRow(LedgerRow row) {
        ledger = Bag.add(ledger, row);
    }

    public List<LedgerRow> ledger() {
        return Bag.list(ledger);
    }

    public void addDeadLetter(DeadLetter deadLetter) {
        deadLetters = Bag.add(deadLetters, deadLetter);
    }

    public List<DeadLetter> deadLetters() {
        return Bag.list(deadLetters);
    }

    @Override
    public String toString() {
        return "TransactionFacts{" + id + " " + kind + " expected " + Money.text(expectedCents) + ", " + Bag.size(documents) + " docs, "
                + Bag.size(commands) + " commands}";
    }
}
