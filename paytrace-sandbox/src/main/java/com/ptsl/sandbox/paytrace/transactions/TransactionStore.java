package com.ptsl.sandbox.paytrace.transactions;

import com.ptsl.sandbox.paytrace.dates.PayTraceDates;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.BiFunction;

/**
 * All transactions, keyed and ordered by id. Sales arrive concurrently with exports: writers serialize on one
 * lock, readers never block (a skip-list map iterates safely while it changes).
 */
public final class TransactionStore {

    private final ConcurrentSkipListMap<Long, StoredTransaction> byId = new ConcurrentSkipListMap<>();
    private final Clock clock;
    private long nextId; // guarded by this

    public TransactionStore(Clock clock, long firstTransactionId) {
        this.clock = clock;
        this.nextId = firstTransactionId;
    }

    /**
     * Adds a transaction built from its new id and creation time. Id, time and insertion happen under one lock, so
     * a higher id never has an earlier time, and a reader that sees id n also sees every lower id: a poller
     * resuming after the highest id it saw misses nothing.
     */
    public synchronized StoredTransaction add(BiFunction<Long, Instant, StoredTransaction> build) {
        long id = nextId;
        StoredTransaction transaction = build.apply(id, clock.instant());
        if (transaction.transactionId() != id) {
            throw new IllegalStateException("built transaction must keep the id it was given");
        }
        byId.put(id, transaction);
        nextId++;
        return transaction;
    }

    public Optional<StoredTransaction> byId(long transactionId) {
        return Optional.ofNullable(byId.get(transactionId));
    }

    /** Transactions created on merchant-local days {@code from..to} (both inclusive), ascending by id. */
    public List<StoredTransaction> createdBetween(LocalDate from, LocalDate to, ZoneId merchantZone) {
        return byId.values().stream()
                .filter(t -> {
                    LocalDate day = PayTraceDates.merchantDate(t.createdAt(), merchantZone);
                    return !day.isBefore(from) && !day.isAfter(to);
                })
                .toList();
    }

    /** A snapshot, ascending by id. */
    public List<StoredTransaction> all() {
        return List.copyOf(byId.values());
    }

    public int size() {
        return byId.size();
    }
}
