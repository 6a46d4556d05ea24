package com.ptsl.sandbox.paytrace.batches;

import com.ptsl.sandbox.paytrace.dates.PayTraceDates;
import com.ptsl.sandbox.paytrace.transactions.StoredTransaction;
import com.ptsl.sandbox.paytrace.transactions.TransactionStore;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Settlement batches, read from the transactions themselves ({@code status_code GB<n>}): a batch and its
 * transaction list come from one store snapshot, so a summary always equals the sum of the list it describes.
 * Settled records never change again, so a batch, once made, stays as it is.
 */
public final class Batches {

    private final TransactionStore store;

    public Batches(TransactionStore store) {
        this.store = store;
    }

    /** Every batch, ascending by number. */
    public List<BatchSummary> all() {
        Map<Integer, List<StoredTransaction>> byBatch = new TreeMap<>();
        for (StoredTransaction t : store.matching(StoredTransaction::settled)) {
            t.batchNumber().ifPresent(n -> byBatch.computeIfAbsent(n, k -> new ArrayList<>()).add(t));
        }
        List<BatchSummary> batches = new ArrayList<>(byBatch.size());
        byBatch.forEach((number, transactions) -> batches.add(BatchSummary.of(number, transactions)));
        return batches;
    }

    /** Batches settled on merchant-local days {@code from..to}, both inclusive. */
    public List<BatchSummary> settledBetween(LocalDate from, LocalDate to, ZoneId merchantZone) {
        return all().stream().filter(b -> {
            LocalDate day = PayTraceDates.merchantDate(b.settledAt(), merchantZone);
            return !day.isBefore(from) && !day.isAfter(to);
        }).toList();
    }

    public Optional<BatchSummary> byNumber(int number) {
        List<StoredTransaction> transactions = transactionsOf(number);
        return transactions.isEmpty() ? Optional.empty() : Optional.of(BatchSummary.of(number, transactions));
    }

    /** The batch with the highest number. */
    public Optional<BatchSummary> latest() {
        List<BatchSummary> all = all();
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
    }

    /** The transactions of batch {@code number}, ascending by id; empty when there is no such batch. */
    public List<StoredTransaction> transactionsOf(int number) {
        return store.matching(t -> t.settled() && t.batchNumber().orElse(-1) == number);
    }
}
