package com.ptsl.processor.dedupe;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Compact binary form of {@link DedupeEntry} for the store and its changelog: one store entry per
 * transaction for 35 days adds up, so ~75 bytes beat a JSON or Avro envelope.
 *
 * <pre>version(1) flags(1) lastSeenMs(8) fingerprintLength(2) fingerprint(UTF-8)</pre>
 *
 * The version byte lets a later format be read next to this one after an upgrade.
 */
public final class DedupeEntrySerde implements Serde<DedupeEntry>, Serializer<DedupeEntry>, Deserializer<DedupeEntry> {

    static final byte VERSION_1 = 1;
    private static final byte POSTED = 0x01;

    @Override
    public byte[] serialize(String topic, DedupeEntry entry) {
        if (entry == null) {
            return null;
        }
        byte[] fingerprint = entry.fingerprint().getBytes(StandardCharsets.UTF_8);
        if (fingerprint.length > 0xFFFF) {
            throw new SerializationException("fingerprint longer than 65535 bytes");
        }
        return ByteBuffer.allocate(1 + 1 + 8 + 2 + fingerprint.length)
                .put(VERSION_1)
                .put(entry.paymentPosted() ? POSTED : 0)
                .putLong(entry.lastSeenMs())
                .putShort((short) fingerprint.length)
                .put(fingerprint)
                .array();
    }

    @Override
    public DedupeEntry deserialize(String topic, byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        try {
            ByteBuffer in = ByteBuffer.wrap(bytes);
            byte version = in.get();
            if (version != VERSION_1) {
                throw new SerializationException("unknown dedupe entry version " + version);
            }
            boolean posted = (in.get() & POSTED) != 0;
            long lastSeen = in.getLong();
            byte[] fingerprint = new byte[Short.toUnsignedInt(in.getShort())];
            in.get(fingerprint);
            return new DedupeEntry(new String(fingerprint, StandardCharsets.UTF_8), lastSeen, posted);
        } catch (BufferUnderflowException e) {
            throw new SerializationException("truncated dedupe entry (" + bytes.length + " bytes)", e);
        }
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        // nothing to configure
    }

    @Override
    public void close() {
        // stateless
    }

    @Override
    public Serializer<DedupeEntry> serializer() {
        return this;
    }

    @Override
    public Deserializer<DedupeEntry> deserializer() {
        return this;
    }
}
