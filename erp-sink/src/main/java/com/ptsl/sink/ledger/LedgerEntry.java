package com.ptsl.sink.ledger;

import com.ptsl.schemas.avro.ErpResult;
import com.ptsl.schemas.avro.ResultStatus;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One row of PTSL_CommandLedger: what the sink decided for a commandId, and whether its result reached Kafka. It keeps
 * everything the ErpResult (v2) says, so the outbox rebuilds the same result after a crash. Rows written by the previous
 * version have no event, command type, amount or documents: their results carry the contract's blanks.
 */
public record LedgerEntry(String commandId, ResultStatus status, String reason, String custId, String sourceTransactionId,
                          String batNbr, String refNbr, Instant sourceReceivedAt, Instant processedAt,
                          String event, String commandType, BigDecimal amount, List<String> documents) {

    public LedgerEntry {
        event = event == null ? "" : event;
        commandType = commandType == null ? "" : commandType;
        documents = documents == null ? List.of() : List.copyOf(documents);
    }

    /** A row as the previous version wrote it (tests of the upgrade, results re-published from old rows). */
    public LedgerEntry(String commandId, ResultStatus status, String reason, String custId, String sourceTransactionId,
                       String batNbr, String refNbr, Instant sourceReceivedAt, Instant processedAt) {
        this(commandId, status, reason, custId, sourceTransactionId, batNbr, refNbr, sourceReceivedAt, processedAt,
                "", "", null, List.of());
    }

    public ErpResult toResult() {
        return ErpResult.newBuilder()
                .setCommandId(commandId)
                .setStatus(status)
                .setReason(reason)
                .setCustId(custId)
                .setSourceTransactionId(sourceTransactionId)
                .setBatNbr(batNbr)
                .setRefNbr(refNbr)
                .setSourceReceivedAt(sourceReceivedAt)
                .setProcessedAt(processedAt)
                .setEvent(event.isEmpty() && status == ResultStatus.REJECTED ? ResultEvents.REJECTED : event)
                .setCommandType(commandType)
                .setAmount(amount)
                .setDocuments(new ArrayList<>(documents))
                .build();
    }
}
