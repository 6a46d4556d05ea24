package com.ptsl.reconciler.model;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * All that was read, joined by PayTrace transaction id: the working set between reading (Kafka, SL) and comparing.
 * Readers add to it; the comparison consumes it.
 *
 * <p>Threads: the raw and batch readers build the transaction map; from {@link #keepScope()} on its set of keys is
 * fixed, and the command/review readers and the SL reader run at the same time, each only looking transactions up
 * ({@link #known}) and writing its own fields of them and its own maps here. Joining the two threads publishes it all.
 */
public final class Evidence {

    private final Map<String, TransactionFacts> transactions = new HashMap<>(1 << 16);
    private final Map<String, SettlementBatch> batches = new LinkedHashMap<>();
    private final Map<String, CommandRef> depositCommands = new HashMap<>();
    private final Map<String, DepositRecord> deposits = new HashMap<>();
    private final Map<String, List<DeadLetter>> batchDeadLetters = new HashMap<>();
    private final Map<String, List<SlDocument>> strayDocuments = new LinkedHashMap<>();
    private final Set<String> strayInLedger = new HashSet<>();
    private final List<String> warnings = new ArrayList<>();
    private final StringPool pool = new StringPool();

    private long rawRecords;
    private long rawRecordsInWindow;
    private long batchRecords;
    private long commandRecords;
    private long slDocuments;
    private final AtomicLong unreadableRecords = new AtomicLong();
    private final Map<String, String> invoiceOwners = new HashMap<>();
    private boolean depositsRecorded = true;

    /** The pool of the Kafka readers' thread (the SL reader has its own). */
    public StringPool pool() {
        return pool;
    }

    /** The transaction, created when first seen. */
    public TransactionFacts transaction(String id) {
        return transactions.computeIfAbsent(id, TransactionFacts::new);
    }

    /** The transaction if it is known, else null (readers of later sources only attach to known ones). */
    public TransactionFacts known(String id) {
        return transactions.get(id);
    }

    public Map<String, TransactionFacts> transactions() {
        return transactions;
    }

    /**
     * Keeps the transactions the report is about: those with a record in the window, and the members of the window's
     * settlement batches (their SL cash makes up the deposit). Everything else read past the window's end is dropped.
     */
    public void keepScope() {
        for (SettlementBatch b : batches.values()) {
            for (SettlementBatch.Member m : b.members()) {
                transaction(m.transactionId()).depositBatch(b.number());
            }
        }
        Set<String> members = new HashSet<>();
        batches.values().forEach(b -> b.members().forEach(m -> members.add(m.transactionId())));
        Iterator<TransactionFacts> it = transactions.values().iterator();
        while (it.hasNext()) {
            TransactionFacts f = it.next();
            if (!f.inWindow() && !members.contains(f.id())) {
                it.remove();
            }
        }
    }

    /**
     * The earliest day (created.at, merchant zone) of the transactions kept, or null when one of them has no PayTrace
     * record read (a settlement batch member only): then nobody can say how old its documents are.
     */
    public LocalDate earliestDay() {
        int earliest = Integer.MAX_VALUE;
        for (TransactionFacts f : transactions.values()) {
            if (!f.reportedByPayTrace() || f.day() == null) {
                return null;
            }
            earliest = Math.min(earliest, f.epochDay());
        }
        return earliest == Integer.MAX_VALUE ? null : LocalDate.ofEpochDay(earliest);
    }

    public long transactionsInWindow() {
        return transactions.values().stream().filter(TransactionFacts::inWindow).count();
    }

    public void putBatch(SettlementBatch batch) {
        batches.put(batch.number(), batch);
    }

    /** The window's settlement batches, by number, in the order first read. */
    public Map<String, SettlementBatch> batches() {
        return batches;
    }

    public void putDepositCommand(String batchNumber, CommandRef command) {
        depositCommands.put(batchNumber, command);
    }

    public CommandRef depositCommand(String batchNumber) {
        return depositCommands.get(batchNumber);
    }

    public void putDeposit(DepositRecord deposit) {
        deposits.put(deposit.batchNumber(), deposit);
    }

    public DepositRecord deposit(String batchNumber) {
        return deposits.get(batchNumber);
    }

    /** False when SL has no PTSL_Deposit table (an erp-sink older than deposits): every batch is then unrecorded. */
    public boolean depositsRecorded() {
        return depositsRecorded;
    }

    public void depositTablesMissing() {
        depositsRecorded = false;
    }

    public void addBatchDeadLetter(String batchNumber, DeadLetter deadLetter) {
        batchDeadLetters.computeIfAbsent(batchNumber, k -> new ArrayList<>()).add(deadLetter);
    }

    public List<DeadLetter> batchDeadLetters(String batchNumber) {
        return batchDeadLetters.getOrDefault(batchNumber, List.of());
    }

    /** An integration document dated in the window whose transaction the reconciler does not know (yet). */
    public void addStrayDocument(String transactionId, SlDocument document) {
        strayDocuments.computeIfAbsent(transactionId, k -> new ArrayList<>()).add(document);
    }

    public Map<String, List<SlDocument>> strayDocuments() {
        return strayDocuments;
    }

    public boolean isStray(String transactionId) {
        return strayDocuments.containsKey(transactionId);
    }

    /** The ledger has a row for this stray document's transaction: the integration knew it, so it is not unknown. */
    public void strayInLedger(String transactionId) {
        strayInLedger.add(transactionId);
    }

    public boolean strayKnownToLedger(String transactionId) {
        return strayInLedger.contains(transactionId);
    }

    public synchronized void warn(String warning) {
        warnings.add(warning);
    }

    public synchronized List<String> warnings() {
        return List.copyOf(warnings);
    }

    public void countRaw(boolean inWindow) {
        rawRecords++;
        if (inWindow) {
            rawRecordsInWindow++;
        }
    }

    public long rawRecords() {
        return rawRecords;
    }

    public long rawRecordsInWindow() {
        return rawRecordsInWindow;
    }

    public void countBatchRecord() {
        batchRecords++;
    }

    public long batchRecords() {
        return batchRecords;
    }

    public void countCommandRecord() {
        commandRecords++;
    }

    public long commandRecords() {
        return commandRecords;
    }

    public void countSlDocument() {
        slDocuments++;
    }

    public long slDocuments() {
        return slDocuments;
    }

    public void countUnreadable() {
        unreadableRecords.incrementAndGet();
    }

    public long unreadableRecords() {
        return unreadableRecords.get();
    }

    /** The customer SL's invoice {@code docType refNbr} belongs to, as looked up for applications that differ. */
    public void invoiceOwner(String docType, String refNbr, String custId) {
        invoiceOwners.put(docType + "|" + refNbr, custId);
    }

    /** The invoice's customer, or "" when it was not looked up or SL has no such invoice. */
    public String invoiceOwner(String docType, String refNbr) {
        return invoiceOwners.getOrDefault(docType + "|" + refNbr, "");
    }
}
