package com.ptsl.gateway.record;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.ptsl.gateway.fingerprint.Fingerprint;
import com.ptsl.gateway.json.Json;
import com.ptsl.gateway.pci.PanScrubber;
import com.ptsl.gateway.poll.Ids;
import com.ptsl.schemas.avro.RawPayTraceRecord;
import com.ptsl.schemas.avro.RecordSource;

import java.time.Instant;
import java.util.Objects;

/**
 * One PayTrace transaction record as the gateway passes it on, whichever way it came in (window export, re-read by
 * id, signed push, confirmed Silent Post): card numbers masked, fingerprinted over the masked record, written as
 * compact JSON in PayTrace's key order. The one place this is done, so the same record reported by push and by poll
 * has the same fingerprint and the stream processor sees it once.
 *
 * @param scrubbed      a copy of the record with every card number masked
 * @param pansScrubbed  how many card numbers were masked
 * @param fingerprint   {@link Fingerprint#of} the scrubbed record
 * @param json          the scrubbed record as compact JSON, keys in the record's own order
 * @param transactionId the key ({@link Ids#text} of {@code transaction_id}), or null if the record has no usable id
 */
public record ExportedRecord(ObjectNode scrubbed, int pansScrubbed, String fingerprint, String json,
                             String transactionId) {

    public static final String TRANSACTION_ID = "transaction_id";

    public ExportedRecord {
        Objects.requireNonNull(scrubbed, "scrubbed");
        Objects.requireNonNull(fingerprint, "fingerprint");
        Objects.requireNonNull(json, "json");
    }

    /** Scrubs, fingerprints and keys one record; {@code exported} itself is not changed. */
    public static ExportedRecord of(ObjectNode exported) {
        PanScrubber.ScrubbedRecord scrubbed = PanScrubber.scrub(exported);
        ObjectNode record = scrubbed.record();
        return new ExportedRecord(record, scrubbed.pansScrubbed(), Fingerprint.of(record), Json.compact(record),
                Ids.text(record.get(TRANSACTION_ID)));
    }

    public boolean hasTransactionId() {
        return transactionId != null;
    }

    /**
     * What is wrong with {@code transaction_id}, to complete "transaction_id ...": "is missing", "is null", "is not
     * an integer or non-blank text (BOOLEAN)"; null when the id is usable.
     */
    public String transactionIdProblem() {
        if (transactionId != null) {
            return null;
        }
        JsonNode id = scrubbed.get(TRANSACTION_ID);
        if (id == null) {
            return "is missing";
        }
        return id.isNull() ? "is null" : "is not an integer or non-blank text (" + id.getNodeType() + ")";
    }

    /** The record for {@code paytrace.transactions.raw}; only for a record with a transaction id. */
    public RawPayTraceRecord toRaw(RecordSource source, Instant receivedAt) {
        if (transactionId == null) {
            throw new IllegalStateException("a record without a usable transaction_id cannot be keyed");
        }
        return RawPayTraceRecord.newBuilder()
                .setTransactionId(transactionId)
                .setSource(source)
                .setReceivedAt(receivedAt)
                .setJson(json)
                .setFingerprint(fingerprint)
                .setPansScrubbed(pansScrubbed)
                .build();
    }
}
