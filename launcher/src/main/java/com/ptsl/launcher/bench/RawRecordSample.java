package com.ptsl.launcher.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.ptsl.gateway.fingerprint.Fingerprint;
import com.ptsl.gateway.json.Json;
import com.ptsl.gateway.pci.PanScrubber;
import com.ptsl.schemas.Topics;
import com.ptsl.schemas.avro.RawPayTraceRecord;
import com.ptsl.schemas.avro.RecordSource;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;

/**
 * The size Kafka's raw producer is measured at: the average serialized value of a push-published
 * {@link RawPayTraceRecord} (source PUSH, the export record scrubbed, fingerprinted and compacted as the gateway does,
 * written with the raw topic's own serde), over a sample of the sales the push stage sends.
 */
public final class RawRecordSample {

    /** Sale {@code i} of a benchmark: the same mix of invoice, customer and description lengths the push stage sends. */
    static ObjectNode sale(ExportRecords records, long transactionId, int i, Instant at) {
        String custId = String.format("C%05d", 1 + i % 20);
        String invoice = String.format("%010d", 10_001 + i % 100);
        BigDecimal amount = BigDecimal.valueOf(1_000 + (i * 7919L) % 400_000, 2);
        String description = i % 3 == 0 ? "" : i % 3 == 1 ? "Invoice payment" : "Payment for invoice " + (10_001 + i % 100);
        return records.sale(transactionId, amount, invoice, custId, description, at);
    }

    /** The record the gateway would publish for {@code exported}, pushed at {@code receivedAt}. */
    static RawPayTraceRecord published(ObjectNode exported, Instant receivedAt) {
        PanScrubber.ScrubbedRecord scrubbed = PanScrubber.scrub(exported);
        return RawPayTraceRecord.newBuilder()
                .setTransactionId(scrubbed.record().get("transaction_id").asText())
                .setSource(RecordSource.PUSH)
                .setReceivedAt(receivedAt)
                .setJson(Json.compact(scrubbed.record()))
                .setFingerprint(Fingerprint.of(scrubbed.record()))
                .setPansScrubbed(scrubbed.pansScrubbed())
                .build();
    }

    /** Average serialized value size, in bytes (rounded), over {@code samples} sales. */
    public static int averageValueBytes(ZoneId merchantZone, int samples) {
        if (samples < 1) {
            throw new IllegalArgumentException("samples must be positive, was " + samples);
        }
        ExportRecords records = new ExportRecords(merchantZone);
        Instant now = Instant.now();
        long total = 0;
        for (int i = 0; i < samples; i++) {
            RawPayTraceRecord raw = published(sale(records, 900_000_000L + i, i, now), now);
            total += Topics.RAW_TRANSACTIONS.valueSerde().serializer().serialize(Topics.RAW_TRANSACTIONS.name(), raw).length;
        }
        return (int) Math.round((double) total / samples);
    }
}
