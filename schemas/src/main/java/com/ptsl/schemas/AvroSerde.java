package com.ptsl.schemas;

import org.apache.avro.Schema;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.message.SchemaStore;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;

/**
 * Kafka serde for a generated Avro class using Avro's single-object encoding
 * ({@code C3 01} marker, CRC-64-AVRO fingerprint of the writer schema, binary datum).
 *
 * <p>No schema registry is needed: the fingerprint names the writer schema, and every released
 * version of the schema is kept in {@link SchemaHistory}, so a reader resolves records written
 * by any older producer. A record whose writer schema is unknown fails with a clear
 * {@link SerializationException} rather than being misread.
 */
public final class AvroSerde<T extends SpecificRecord> implements Serde<T>, Serializer<T>, Deserializer<T> {

    private final Class<T> type;
    private final BinaryMessageEncoder<T> encoder;
    private final BinaryMessageDecoder<T> decoder;
    private final Schema schema;

    private AvroSerde(Class<T> type) {
        this.type = type;
        SpecificData model = SpecificData.getForClass(type);
        Schema current = model.getSchema(type);
        SchemaStore.Cache writers = new SchemaStore.Cache();
        List<Schema> history = SchemaHistory.versionsOf(current.getName());
        history.forEach(writers::addSchema);
        this.schema = current;
        this.encoder = new BinaryMessageEncoder<>(model, current);
        this.decoder = new BinaryMessageDecoder<>(model, current, writers);
    }

    public static <T extends SpecificRecord> AvroSerde<T> of(Class<T> type) {
        return new AvroSerde<>(type);
    }

    @Override
    public byte[] serialize(String topic, T data) {
        if (data == null) {
            return null;
        }
        try {
            ByteBuffer buffer = encoder.encode(data);
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            return bytes;
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("Cannot encode " + type.getSimpleName() + " for topic " + topic + ": " + e.getMessage(), e);
        }
    }

    @Override
    public T deserialize(String topic, byte[] data) {
        if (data == null) {
            return null; // tombstone
        }
        try {
            return decoder.decode(data);
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("Not a readable " + type.getSimpleName() + " (Avro single-object encoding) in topic "
                    + topic + ": " + e.getMessage(), e);
        }
    }

    /** The current (reader and writer) schema. */
    public Schema schema() {
        return schema;
    }

    /** Decodes without a topic; throws {@link SerializationException} naming the type on bad input. */
    public T fromBytes(byte[] data) {
        return deserialize(null, data);
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
        // Nothing to configure: the schemas are compiled in.
    }

    @Override
    public void close() {
        // Stateless: Serde, Serializer and Deserializer all close here, so nothing to release.
    }

}
