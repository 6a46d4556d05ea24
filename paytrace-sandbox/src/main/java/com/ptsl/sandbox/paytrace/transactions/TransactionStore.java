package com.ptsl.sandbox.paytrace.transactions;

import com.ptsl.sandbox.paytrace.dates.PayTraceDates;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.BiFunction;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * All transactions, keyed and ordered by id. Writers (new transactions, lifecycle steps, settlement) hold the write
 * lock; multi-record readers (exports, batches) hold the read lock. Why a lock and not just the concurrent map: a
 * settlement replaces many records at once, and an export must see all of them settled or none, so a batch total
 * never disagrees with its transaction list. Single lookups by id need no lock (one record is replaced atomically).
 *
 * <p>The functions passed to the write methods run under the write lock and may throw (e.g. an API error when a
 * state check fails); then nothing changes.
 */
public final class TransactionStore {

    /** A bulk change: the time it was made at and the records it replaced (new versions, ascending by id). */
    public record BulkChange(Instant at, List<StoredTransaction> changed) {
    }

    private final ConcurrentSkipListMap<Long, StoredTransaction> byId = new ConcurrentSkipListMap<>();
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private final Clock clock;
    private long nextId; // guarded by the write lock

    public TransactionStore(Clock clock, long firstTransactionId) {
        this.clock = clock;
        this.nextId = firstTransactionId;
    }

    /**
     * Adds a transaction built from its new id and creation time. Id, time and insertion happen under one lock, so
     * a higher id never has an earlier time, and a reader that sees id n also sees every lower id: a poller
     * resuming after the highest id it saw misses nothing. If {@code build} throws, no id is used up.
     */
    public StoredTransaction add(BiFunction<Long, Instant, StoredTransaction> build) {
        lock.writeLock().lock();
        try {
            long id = nextId;
            StoredTransaction transaction = build.apply(id, clock.instant());
            if (transaction.transactionId() != id) {
                throw new IllegalStateException("built transaction must keep the id it was given");
            }
            byId.put(id, transaction);
            nextId++;
            return transaction;
        } finally {
            lock.writeLock().unlock();
        }
    }

    /**
     * Replaces one transaction by {@code change(current)}: the check of its state and the change are one atomic
     * step, so two voids of the same sale cannot both succeed. Empty when the id is unknown.
     */
    public Optional<StoredTransaction> update(long transactionId, UnaryOperator<StoredTransaction> change) {
        lock.writeLock().lock();
        try {
            StoredTransaction current = byId.get(transactionId);
            if (current == null) {
                return Optional.empty();
            }
            StoredTransaction next = change.apply(current);
            if (next.transactionId() != transactionId || !next.createdAt().equals(current.createdAt())) {
                throw new IllegalStateException("a change must keep the id and creation time");
            }
            byId.put(transactionId, next);
            return Optional.of(next);
        } finally {
            lock.writeLock().unlock();
        }
    }

    /**
     * Applies {@code change(record, now)} to every transaction at one instant; a record for which it returns the
     * same instance stays. Readers see the store before or after all of it.
     */
    public BulkChange updateEach(BiFunction<StoredTransaction, Instant, StoredTransaction> change) {
        lock.writeLock().lock();
        try {
            Instant now = clock.instant();
            List<StoredTransaction> changed = new ArrayList<>();
            for (StoredTransaction current : byId.values()) {
                StoredTransaction next = change.apply(current, now);
                if (next != current) {
                    if (next.transactionId() != current.transactionId() || !next.createdAt().equals(current.createdAt())) {
                        throw new IllegalStateException("a change must keep the id and creation time");
                    }
                    changed.add(next);
                }
            }
            // Replaced only after every change succeeded: a throwing change leaves the store as it was.
            changed.forEach(t -> byId.put(t.transactionId(), t));
            return new BulkChange(now, List.copyOf(changed));
        } finally {
            lock.writeLock().unlock();
        }
    }

    public Optional<StoredTransaction> byId(long transactionId) {
        return Optional.ofNullable(byId.get(transactionId));
    }

    /** Transactions created on merchant-local days {@code from..to} (both inclusive), ascending by id. */
    public List<StoredTransaction> createdBetween(LocalDate from, LocalDate to, ZoneId merchantZone) {
        return matching(t -> {
            LocalDate day = PayTraceDates.merchantDate(t.createdAt(), merchantZone);
            return !day.isBefore(from) && !day.isAfter(to);
        });
    }

    /** One consistent snapshot of the transactions passing {@code filter}, ascending by id. */
    public List<StoredTransaction> matching(Predicate<StoredTransaction> filter) {
        lock.readLock().lock();
        try {
            return byId.values().stream().filter(filter).toList();
        } finally {
            lock.readLock().unlock();
        }
    }

    /** A snapshot, ascending by id. */
    public List<StoredTransaction> all() {
        return matching(t -> true);
    }

    public int size() {
        return byId.size();
    }
}
