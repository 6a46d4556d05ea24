package com.ptsl.launcher.reconcile;

import com.ptsl.schemas.Topic;
import com.ptsl.schemas.Topics;
import com.ptsl.schemas.avro.ErpCommand;
import com.ptsl.schemas.avro.RawPayTraceRecord;
import com.ptsl.schemas.avro.RawSettlementBatch;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The Kafka side of the benchmark's day: raw records, settlement batches and commands, each with the timestamp the
 * generator gives it (so the window of a past day can be replayed), through one idempotent producer, acks=all, lz4,
 * keyed as the gateway, the processor and the sink key them. Sends are asynchronous; the first failure is thrown at
 * the next {@link #check()}.
 */
final class BenchKafka implements AutoCloseable {

    private final KafkaProducer<String, byte[]> producer;
    private final AtomicReference<Exception> failure = new AtomicReference<>();
    private final AtomicLong bytes = new AtomicLong();
    private final Serializer<RawPayTraceRecord> rawSerializer = Topics.RAW_TRANSACTIONS.valueSerde().serializer();
    private final Serializer<RawSettlementBatch> batchSerializer = Topics.RAW_BATCHES.valueSerde().serializer();
    private final Serializer<ErpCommand> commandSerializer = Topics.ERP_COMMANDS.valueSerde().serializer();

    BenchKafka(String bootstrapServers) {
        producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4",
                ProducerConfig.LINGER_MS_CONFIG, 20,
                ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024,
                ProducerConfig.BUFFER_MEMORY_CONFIG, 64L * 1024 * 1024,
                ProducerConfig.CLIENT_ID_CONFIG, "ptsl-bench-reconcile"),
                new StringSerializer(), new ByteArraySerializer());
    }

    void raw(long timestamp, RawPayTraceRecord record) {
        send(Topics.RAW_TRANSACTIONS, timestamp, record.getTransactionId(), rawSerializer.serialize(Topics.RAW_TRANSACTIONS.name(), record));
    }

    void batch(long timestamp, RawSettlementBatch batch) {
        send(Topics.RAW_BATCHES, timestamp, batch.getBatchNumber(), batchSerializer.serialize(Topics.RAW_BATCHES.name(), batch));
    }

    void command(long timestamp, String key, ErpCommand command) {
        send(Topics.ERP_COMMANDS, timestamp, key, commandSerializer.serialize(Topics.ERP_COMMANDS.name(), command));
    }

    private void send(Topic<?, ?> topic, long timestamp, String key, byte[] value) {
        bytes.addAndGet(value.length);
        producer.send(new ProducerRecord<>(topic.name(), null, timestamp, key, value), (metadata, error) -> {
            if (error != null) {
                failure.compareAndSet(null, error);
            }
        });
    }

    /** Throws the first send that failed, if any. */
    void check() throws Exception {
        Exception e = failure.get();
        if (e != null) {
            throw new IllegalStateException("writing the benchmark's records to Kafka failed: " + e, e);
        }
    }

    /** Waits for every record to be acknowledged. */
    void flush() throws Exception {
        producer.flush();
        check();
    }

    /** Uncompressed bytes of the values sent. */
    long bytes() {
        return bytes.get();
    }

    @Override
    public void close() {
        producer.close();
    }
}
