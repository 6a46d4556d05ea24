package com.ptsl.processor.errors;

import com.ptsl.schemas.avro.InvalidRecord;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/** Builds the {@link InvalidRecord} that keeps an unusable input byte for byte, with where it came from and why. */
public final class InvalidRecords {

    private InvalidRecords() {
    }

    /**
     * @param key the record key as the source read it; re-encoded as UTF-8, which gives back the
     *            original bytes for every key the gateway writes (decimal transaction ids)
     */
    public static InvalidRecord of(String topic, int partition, long offset, String key, byte[] value,
                                   String stage, String reason, Instant detectedAt) {
        return of(topic, partition, offset, key == null ? null : key.getBytes(StandardCharsets.UTF_8), value, stage, reason, detectedAt);
    }

    public static InvalidRecord of(String topic, int partition, long offset, byte[] key, byte[] value,
                                   String stage, String reason, Instant detectedAt) {
        return InvalidRecord.newBuilder()
                .setSourceTopic(topic)
                .setSourcePartition(partition)
                .setSourceOffset(offset)
                .setKey(key == null ? null : ByteBuffer.wrap(key.clone()))
                .setValue(value == null ? null : ByteBuffer.wrap(value.clone()))
                .setStage(stage)
                .setReason(reason)
                .setDetectedAt(detectedAt)
                .build();
    }
}
