package com.ptsl.processor.match;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The matcher's hottest store values (reservations, decided payments) in {@link WireCodec}'s binary form: one format
 * byte, then the fields. Entries written before issue 8 are JSON ({@link JsonSerde}), which always starts with
 * {@code '{'}, so both read side by side and stores and changelogs need no migration. (An older processor cannot
 * read the binary entries: roll back only together with the state, see the operations notes.)
 */
abstract class StoreValueSerde<T> implements Serde<T>, Serializer<T>, Deserializer<T> {

    private static final byte FORMAT_1 = 1;

    private final JsonSerde<T> json;
    private final String what;

    StoreValueSerde(Class<T> type) {
        this.json = new JsonSerde<>(type);
        this.what = type.getSimpleName();
    }

    abstract void write(DataOutputStream out, T value) throws IOException;

    abstract T read(DataInputStream in) throws IOException;

    @Override
    public byte[] serialize(String topic, T value) {
        return value == null ? null : WireCodec.write(FORMAT_1, out -> write(out, value));
    }

    @Override
    public T deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        if (data.length == 0) {
            throw new SerializationException("empty " + what);
        }
        if (data[0] == '{' || Character.isWhitespace(data[0])) {
            return json.deserialize(topic, data);
        }
        if (data[0] != FORMAT_1) {
            throw new SerializationException("unknown " + what + " format " + data[0]);
        }
        return WireCodec.read(java.util.Arrays.copyOfRange(data, 1, data.length), what, this::read);
    }

    @Override
    public Serializer<T> serializer() {
        return this;
    }

    @Override
    public Deserializer<T> deserializer() {
        return this;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
    }

    @Override
    public void close() {
    }

    /** {@link MatchStores.Reservation}: amount, time. */
    static final class Reservations extends StoreValueSerde<MatchStores.Reservation> {
        Reservations() {
            super(MatchStores.Reservation.class);
        }

        @Override
        void write(DataOutputStream out, MatchStores.Reservation r) throws IOException {
            WireCodec.amount(out, r.amount());
            out.writeLong(r.atMs());
        }

        @Override
        MatchStores.Reservation read(DataInputStream in) throws IOException {
            return new MatchStores.Reservation(WireCodec.amount(in), in.readLong());
        }
    }

    /** {@link MatchStores.Decided}, every field in declaration order. */
    static final class DecidedPayments extends StoreValueSerde<MatchStores.Decided> {
        DecidedPayments() {
            super(MatchStores.Decided.class);
        }

        @Override
        void write(DataOutputStream out, MatchStores.Decided d) throws IOException {
            WireCodec.amount(out, d.amount());
            WireCodec.amount(out, d.onAccount());
            WireCodec.text(out, d.reviewReason());
            WireCodec.text(out, d.json());
            out.writeLong(d.atMs());
            WireCodec.text(out, d.commandId());
            out.writeInt(d.applications().size());
            for (MatchStores.AppliedTo a : d.applications()) {
                WireCodec.text(out, a.invoiceKey());
                WireCodec.text(out, a.refNbr());
                WireCodec.text(out, a.docType());
                WireCodec.amount(out, a.amount());
            }
            WireCodec.amount(out, d.refunded());
            out.writeBoolean(d.reversed());
            WireCodec.text(out, d.originalTransactionId());
        }

        @Override
        MatchStores.Decided read(DataInputStream in) throws IOException {
            BigDecimal amount = WireCodec.amount(in);
            BigDecimal onAccount = WireCodec.amount(in);
            String reviewReason = WireCodec.text(in);
            String json = WireCodec.text(in);
            long atMs = in.readLong();
            String commandId = WireCodec.text(in);
            int n = in.readInt();
            if (n < 0 || n > in.available()) {
                throw new SerializationException("a list of " + n + " applications where " + in.available() + " bytes are left");
            }
            List<MatchStores.AppliedTo> applications = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                applications.add(new MatchStores.AppliedTo(WireCodec.text(in), WireCodec.text(in), WireCodec.text(in), WireCodec.amount(in)));
            }
            return new MatchStores.Decided(amount, onAccount, reviewReason, json, atMs, commandId, applications, WireCodec.amount(in),
                    in.readBoolean(), WireCodec.text(in));
        }
    }
}
