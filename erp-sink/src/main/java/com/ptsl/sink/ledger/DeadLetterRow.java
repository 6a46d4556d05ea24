package com.ptsl.sink.ledger;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Locale;

/**
 * One row of PTSL_DeadLetter: a command refused for a permanent reason, kept whole (the record value as consumed) with
 * why and how often, and what the review item needs. {@code resolved} once a re-drive applied it.
 */
public record DeadLetterRow(String commandId, Kind kind, byte[] payload, String recordKey, String sourceTopic, String reason,
                            int attempts, Instant firstFailedAt, Instant lastFailedAt, String custId, String sourceTransactionId,
                            String commandType, BigDecimal amount, boolean resolved) {

    /** Why a command is dead: the only values of the dead-letter meter's label. */
    public enum Kind {
        /** The record is not a readable ErpCommand. */
        POISON,
        /** SL's rules refused it (unknown customer, closed period, bad account, ...). */
        REJECTED,
        /** The sink failed unexpectedly on it (a bug): kept, so the partition does not stop. */
        ERROR;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public DeadLetterRow {
        payload = payload == null ? new byte[0] : payload;
        recordKey = recordKey == null ? "" : recordKey;
        custId = custId == null ? "" : custId;
        sourceTransactionId = sourceTransactionId == null ? "" : sourceTransactionId;
        commandType = commandType == null ? "" : commandType;
    }

    /** The key of its review item: the PayTrace transaction, or the commandId when the record names none (poison). */
    public String reviewKey() {
        return sourceTransactionId.isBlank() ? commandId : sourceTransactionId;
    }
}
