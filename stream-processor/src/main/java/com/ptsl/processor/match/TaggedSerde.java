package com.ptsl.processor.match;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

import java.util.Arrays;
import java.util.Map;

/**
 * The wire form of the internal union values (repartition topics): one tag byte naming the branch, then the branch's
 * body. Subclasses say how each branch is written and read; tags are only ever added, never reused.
 */
abstract class TaggedSerde<T> implements Serde<T>, Serializer<T>, Deserializer<T> {

    private final String what;

    TaggedSerde(String what) {
        this.what = what;
    }

    /** The value as tag + body ({@link #tagged}). */
    abstract byte[] encode(String topic, T value);

    /** The value of branch {@code tag} from its body; an unknown tag is a {@link SerializationException}. */
    abstract T decode(String topic, byte tag, byte[] body);

    static byte[] tagged(byte tag, byte[] body) {
        byte[] out = new byte[body.length + 1];
        out[0] = tag;
        System.arraycopy(body, 0, out, 1, body.length);
        return out;
    }

    SerializationException unknownTag(byte tag) {
        return new SerializationException("unknown " + what + " tag " + tag);
    }

    @Override
    public final byte[] serialize(String topic, T value) {
        return value == null ? null : encode(topic, value);
    }

    @Override
    public final T deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        if (data.length == 0) {
            throw new SerializationException("empty " + what);
        }
        return decode(topic, data[0], Arrays.copyOfRange(data, 1, data.length));
    }

    @Override
    public final Serializer<T> serializer() {
        return this;
    }

    @Override
    public final Deserializer<T> deserializer() {
        return this;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
    }

    @Override
    public void close() {
    }
}
