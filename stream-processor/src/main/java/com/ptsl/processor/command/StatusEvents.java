package com.ptsl.processor.command;

import com.ptsl.processor.classify.TransactionKind;
import com.ptsl.processor.errors.Redaction;
import com.ptsl.processor.match.PaymentFacts;
import com.ptsl.schemas.avro.ErpResult;
import com.ptsl.schemas.avro.ResultStatus;

import java.time.Instant;
import java.util.List;

/**
 * The NOT_POSTED results the processor writes to erp.results (ErpResult v2), so another system hears of a
 * decline or a void as it hears of a posting. Keyed, like every result, by commandId; the id depends on the
 * transaction and the event only, so a replay rewrites the same key with the same meaning.
 */
public final class StatusEvents {

    public static final String COMMAND_ID_PREFIX = "Status:";

    private StatusEvents() {
    }

    public static String commandId(String transactionId, StatusEvent event) {
        return COMMAND_ID_PREFIX + transactionId + ":" + event.name();
    }

    /**
     * @param reason why, for a person (a decline's processor text); null when there is nothing to add
     * @param custId the SL customer where one is known, else ""
     */
    public static ErpResult notPosted(PaymentFacts p, StatusEvent event, TransactionKind kind, String reason, String custId, Instant now) {
        return ErpResult.newBuilder()
                .setCommandId(commandId(p.transactionId(), event))
                .setStatus(ResultStatus.NOT_POSTED)
                .setReason(reason == null || reason.isBlank() ? null : Redaction.digitRuns(reason.strip()))
                .setCustId(custId == null ? "" : custId)
                .setSourceTransactionId(p.transactionId())
                .setBatNbr(null)
                .setRefNbr(null)
                .setSourceReceivedAt(p.receivedAt())
                .setProcessedAt(now)
                .setEvent(event.name())
                .setCommandType("")
                .setTransactionKind(kind.name())
                .setAmount(p.amount().setScale(2))
                .setDocuments(List.of())
                .build();
    }
}
