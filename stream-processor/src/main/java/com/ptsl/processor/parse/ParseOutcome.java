package com.ptsl.processor.parse;

import com.ptsl.schemas.avro.InvalidRecord;

/** What the parse stage made of one raw record: a transaction to process, or an invalid record to keep. */
public sealed interface ParseOutcome {

    record Parsed(PayTraceTransaction transaction) implements ParseOutcome {
    }

    record Rejected(InvalidRecord invalid) implements ParseOutcome {
    }

    default boolean isRejected() {
        return this instanceof Rejected;
    }

    default PayTraceTransaction transaction() {
        if (this instanceof Parsed parsed) {
            return parsed.transaction();
        }
        throw new IllegalStateException("not a parsed transaction: " + this);
    }

    default InvalidRecord invalid() {
        if (this instanceof Rejected rejected) {
            return rejected.invalid();
        }
        throw new IllegalStateException("not a rejected record: " + this);
    }
}
