package com.ptsl.sink.support;

import com.ptsl.schemas.avro.CloseDeposit;
import com.ptsl.schemas.avro.DepositTransaction;
import com.ptsl.schemas.avro.DepositTransactionKind;
import com.ptsl.schemas.avro.ErpCommand;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** CloseDeposit commands as the processor's deposit stage makes them (ids, keys and custId per the contract). */
public final class DepositCommands {

    private DepositCommands() {
    }

    public static DepositTransaction sale(String transactionId, String amount) {
        return transaction(transactionId, DepositTransactionKind.SALE, amount);
    }

    public static DepositTransaction refund(String transactionId, String amount) {
        return transaction(transactionId, DepositTransactionKind.REFUND, amount);
    }

    /**
     * A settlement batch: net, sales and refunds computed from the transactions unless {@code net} is given (a batch
     * whose summary does not add up). {@code fees} null = PayTrace reported none.
     */
    public static ErpCommand closeDeposit(String batchNumber, String fingerprint, LocalDate depositDate, String net, String fees,
                                          DepositTransaction... transactions) {
        BigDecimal sales = BigDecimal.ZERO.setScale(2);
        BigDecimal refunds = BigDecimal.ZERO.setScale(2);
        for (DepositTransaction t : transactions) {
            if (t.getKind() == DepositTransactionKind.REFUND) {
                refunds = refunds.add(t.getAmount());
            } else {
                sales = sales.add(t.getAmount());
            }
        }
        CloseDeposit deposit = CloseDeposit.newBuilder()
                .setBatchNumber(batchNumber)
                .setDepositDate(depositDate)
                .setNetAmount(net == null ? sales.subtract(refunds) : new BigDecimal(net).setScale(2))
                .setSalesAmount(sales)
                .setRefundAmount(refunds)
                .setFees(fees == null ? null : new BigDecimal(fees).setScale(2))
                .setFingerprint(fingerprint)
                .setTransactions(new ArrayList<>(List.of(transactions)))
                .build();
        Instant now = Instant.now();
        return ErpCommand.newBuilder()
                .setCommandId(commandId(batchNumber, fingerprint))
                .setCustId("")
                .setSourceTransactionId("batch:" + batchNumber)
                .setSourceReceivedAt(now.minusMillis(250))
                .setCreatedAt(now)
                .setPayload(deposit)
                .build();
    }

    /** {@code CloseDeposit:<batchNumber>:<first 12 hex of the fingerprint>}. */
    public static String commandId(String batchNumber, String fingerprint) {
        return "CloseDeposit:" + batchNumber + ":" + fingerprint.substring(0, Math.min(12, fingerprint.length()));
    }

    /** The record key on erp.commands. */
    public static String key(String batchNumber) {
        return "deposit:" + batchNumber;
    }

    private static DepositTransaction transaction(String transactionId, DepositTransactionKind kind, String amount) {
        return DepositTransaction.newBuilder().setTransactionId(transactionId).setKind(kind)
                .setAmount(new BigDecimal(amount).setScale(2)).build();
    }
}
