package com.ptsl.processor.deposit;

import com.ptsl.processor.parse.UnusableRecordException;
import com.ptsl.schemas.avro.CloseDeposit;
import com.ptsl.schemas.avro.DepositTransaction;
import com.ptsl.schemas.avro.ErpCommand;
import com.ptsl.schemas.avro.RawSettlementBatch;

import java.time.Instant;
import java.time.ZoneId;

/**
 * Builds the CloseDeposit command of one version of a settlement batch. Pure, so the same batch version always
 * gives the same commandId and payload (only createdAt and heldMs say when it was sent).
 */
public final class CloseDeposits {

    public static final String COMMAND_ID_PREFIX = "CloseDeposit:";
    /** Record key on erp.commands (a deposit has no customer); also the review item id of a DEPOSIT_MISMATCH. */
    public static final String KEY_PREFIX = "deposit:";
    /** ErpCommand.sourceTransactionId of a deposit: it comes from a batch, not from one transaction. */
    public static final String SOURCE_PREFIX = "batch:";
    private static final int FINGERPRINT_DIGITS = 12;

    private CloseDeposits() {
    }

    /**
     * One command per version of the batch: a correction (new fingerprint) is a new command, a re-sent version the
     * same one, which the sink's ledger recognises.
     */
    public static String commandId(String batchNumber, String fingerprint) {
        return COMMAND_ID_PREFIX + batchNumber + ":" + fingerprint.substring(0, FINGERPRINT_DIGITS);
    }

    public static String key(String batchNumber) {
        return KEY_PREFIX + batchNumber;
    }

    /** The whole core in one call: a batch as the gateway published it to its command, or why it cannot be one. */
    public static ErpCommand closeDeposit(RawSettlementBatch batch, ZoneId merchantZone, Instant now, long heldMs)
            throws UnusableRecordException {
        return closeDeposit(SettlementBatchReader.read(batch.getBatchNumber(), batch), merchantZone, now, heldMs);
    }

    /**
     * @param merchantZone the zone PayTrace printed {@code created} in: the deposit date is its local date; the record
     *                     time the instant (the earlier offset in the hour the clocks fall back, as for payments)
     * @param heldMs       how long the processor held the batch before closing it (the deposit delay, or more)
     */
    public static ErpCommand closeDeposit(DepositFacts facts, ZoneId merchantZone, Instant now, long heldMs) {
        CloseDeposit deposit = CloseDeposit.newBuilder()
                .setBatchNumber(facts.batchNumber())
                .setDepositDate(facts.settledAtLocal().toLocalDate())
                .setNetAmount(facts.netAmount().setScale(2))
                .setSalesAmount(facts.salesAmount().setScale(2))
                .setRefundAmount(facts.refundAmount().setScale(2))
                .setFees(facts.fees() == null ? null : facts.fees().setScale(2))
                .setFingerprint(facts.fingerprint())
                .setTransactions(facts.transactions().stream()
                        .map(l -> DepositTransaction.newBuilder()
                                .setTransactionId(l.transactionId())
                                .setKind(l.kind())
                                .setAmount(l.amount().setScale(2))
                                .build())
                        .toList())
                .build();
        return ErpCommand.newBuilder()
                .setCommandId(commandId(facts.batchNumber(), facts.fingerprint()))
                .setCustId("")
                .setSourceTransactionId(SOURCE_PREFIX + facts.batchNumber())
                .setSourceReceivedAt(Instant.ofEpochMilli(facts.receivedAt()))
                .setSourceRecordTime(facts.settledAtLocal().atZone(merchantZone).toInstant())
                .setCreatedAt(now)
                .setHeldMs(Math.max(0, heldMs))
                .setPayload(deposit)
                .build();
    }
}
