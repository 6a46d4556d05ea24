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
 * <pre>
 * version 1: version(1) flags(1) lastSeenMs(8) fingerprintLength(2) fingerprint(UTF-8)
 * version 2: the same, then custIdLength(1) custId(UTF-8)            (issue 7: the customer a payment was routed to)
 * flags: 0x01 routed / posted, 0x02 voided
 * </pre>
 *
 * The version byte lets both formats live side by side: entries already in stores and changelogs (version 1)
 * read as "no customer remembered", and an entry with nothing new to say is still written as version 1, as
 * compact as before. An SL CustId has at most 15 characters, so one length byte is plenty.
 */
public final class DedupeEntrySerde implements Serde<DedupeEntry>, Serializer<DedupeEntry>, Deserializer<DedupeEntry> {

    static final byte VERSION_1 = 1;
    static final byte VERSION_2 = 2;
    private static final byte POSTED = 0x01;
    private static final byte VOIDED = 0x02;
    private static final int MAX_CUST_ID_BYTES = 0xFF;

    @Override
    public byte[] serialize(String topic, DedupeEntry entry) {
        if (entry == null) {
            return null;
        }
        byte[] fingerprint = entry.fingerprint().getBytes(StandardCharsets.UTF_8);
        if (fingerprint.length > 0xFFFF) {
            throw new SerializationException("fingerprint longer than 65535 bytes");
        }
        byte[] custId = entry.custId().getBytes(StandardCharsets.UTF_8);
        if (custId.length > MAX_CUST_ID_BYTES) {
            throw new SerializationException("custId longer than " + MAX_CUST_ID_BYTES + " bytes");
        }
        boolean v1 = custId.length == 0 && !entry.voided();
        byte flags = (byte) ((entry.paymentPosted() ? POSTED : 0) | (entry.voided() ? VOIDED : 0));
        ByteBuffer out = ByteBuffer.allocate(1 + 1 + 8 + 2 + fingerprint.length + (v1 ? 0 : 1 + custId.length))
                .put(v1 ? VERSION_1 : VERSION_2)
                .put(flags)
                .putLong(entry.lastSeenMs())
                .putShort((short) fingerprint.length)
                .put(fingerprint);
        if (!v1) {
            out.put((byte) custId.length).put(custId);
        }
        return out.array();
    }

    @Override
    public DedupeEntry deserialize(String topic, byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        try {
            ByteBuffer in = ByteBuffer.wrap(bytes);
            byte version = in.get();
            if (version != VERSION_1 && version != VERSION_2) {
                throw new SerializationException("unknown dedupe entry version " + version);
            }
            byte flags = in.get();
            long lastSeen = in.getLong();
            byte[] fingerprint = new byte[Short.toUnsignedInt(in.getShort())];
            in.get(fingerprint);
            String custId = "";
            if (version == VERSION_2) {
                byte[] cust = new byte[Byte.toUnsignedInt(in.get())];
                in.get(cust);
                custId = new String(cust, StandardCharsets.UTF_8);
            }
            return new DedupeEntry(new String(fingerprint, StandardCharsets.UTF_8), lastSeen, (flags & POSTED) != 0, custId,
                    (flags & VOIDED) != 0);
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
