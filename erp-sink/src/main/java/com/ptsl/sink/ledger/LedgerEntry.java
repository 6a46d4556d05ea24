package com.ptsl.sink.ledger;

import com.ptsl.schemas.avro.ErpResult;
import com.ptsl.schemas.avro.ResultStatus;

import java.time.Instant;

/** One row of PTSL_CommandLedger: what the sink decided for a commandId, and whether its result reached Kafka. */
public record LedgerEntry(String commandId, ResultStatus status, String reason, String custId, String sourceTransactionId,
                          String batNbr, String refNbr, Instant sourceReceivedAt, Instant processedAt) {

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
                .build();
    }
}
