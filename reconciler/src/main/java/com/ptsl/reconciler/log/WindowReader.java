package com.ptsl.reconciler.log;

import com.ptsl.reconciler.ReconcileException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Reads topics of the log with a consumer of their own each: {@code assign} + {@code offsetsForTimes}, no group, never a
 * commit (reconciler contract). {@link #open} takes a topic's end offsets; {@link Topic#read} reads from a point in time
 * up to them. Opening every topic before reading any gives the run one cut of the log: records appended while it reads
 * are left for the next run.
 */
public final class WindowReader {

    /** A progress line every this many records. */
    public static final long PROGRESS_EVERY = 100_000;

    private final String bootstrapServers;
    private final Duration timeout;
    private final Consumer<String> progress;

    public WindowReader(String bootstrapServers, Duration timeout, Consumer<String> progress) {
        this.bootstrapServers = bootstrapServers;
        this.timeout = timeout;
        this.progress = progress;
    }

    /** A topic with its end offsets taken now; read it once, then close it. */
    public Topic open(String topic) throws ReconcileException {
        KafkaConsumer<byte[], byte[]> consumer = null;
        try {
            consumer = new KafkaConsumer<>(KafkaClients.consumer(bootstrapServers, "ptsl-reconcile-" + topic, timeout));
            List<PartitionInfo> infos = consumer.partitionsFor(topic, timeout);
            if (infos == null || infos.isEmpty()) {
                throw new ReconcileException("unknown topic " + topic + " on Kafka " + bootstrapServers);
            }
            List<TopicPartition> partitions = new ArrayList<>();
            infos.forEach(i -> partitions.add(new TopicPartition(i.topic(), i.partition())));
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
            return new Topic(topic, consumer, partitions, end);
        } catch (ReconcileException e) {
            closeQuietly(consumer);
            throw e;
        } catch (org.apache.kafka.common.errors.TimeoutException e) {
            closeQuietly(consumer);
            throw new ReconcileException("Kafka broker " + bootstrapServers + " did not answer within " + timeout.toSeconds()
                    + " s while opening " + topic, e);
        } catch (KafkaException e) {
            closeQuietly(consumer);
            throw new ReconcileException("cannot read " + topic + " from Kafka " + bootstrapServers + ": " + KafkaCheck.rootMessage(e), e);
        }
    }

    private static void closeQuietly(KafkaConsumer<byte[], byte[]> consumer) {
        if (consumer != null) {
            consumer.close(Duration.ofSeconds(1));
        }
    }

    /** One topic of the cut: its consumer and the end offsets taken when it was opened. */
    public final class Topic implements AutoCloseable {

        private final String name;
        private final KafkaConsumer<byte[], byte[]> consumer;
        private final List<TopicPartition> partitions;
        private final Map<TopicPartition, Long> end;

        private Topic(String name, KafkaConsumer<byte[], byte[]> consumer, List<TopicPartition> partitions, Map<TopicPartition, Long> end) {
            this.name = name;
            this.consumer = consumer;
            this.partitions = partitions;
            this.end = end;
        }

        /**
         * @param from where to start: the first record at or after this time in each partition; null for the beginning
         * @return the number of records handed to {@code handler}
         */
        public long read(Instant from, RecordHandler handler) throws ReconcileException {
            try {
                Map<TopicPartition, Long> start = start(from);
                Map<TopicPartition, Long> remaining = new HashMap<>();
                long toRead = 0;
                for (TopicPartition tp : partitions) {
                    long s = start.get(tp);
                    long e = end.get(tp);
                    if (s < e) {
                        remaining.put(tp, e);
                        toRead += e - s;
                    }
                }
                progress.accept("reading " + name + (from == null ? " from the beginning" : " from " + from) + ": up to "
                        + String.format("%,d", toRead) + " records in " + remaining.size() + " of " + partitions.size() + " partitions");
                if (remaining.isEmpty()) {
                    return 0;
                }
                consumer.assign(new ArrayList<>(remaining.keySet()));
                remaining.keySet().forEach(tp -> consumer.seek(tp, start.get(tp)));
                long began = System.nanoTime();
                long handled = drain(remaining, toRead, handler);
                progress.accept(String.format("read %s: %,d records in %,d ms", name, handled, (System.nanoTime() - began) / 1_000_000));
                return handled;
            } catch (org.apache.kafka.common.errors.TimeoutException e) {
                throw new ReconcileException("Kafka broker " + bootstrapServers + " did not answer within " + timeout.toSeconds()
                        + " s while reading " + name, e);
            } catch (KafkaException e) {
                throw new ReconcileException("cannot read " + name + " from Kafka " + bootstrapServers + ": " + KafkaCheck.rootMessage(e), e);
            }
        }

        private Map<TopicPartition, Long> start(Instant from) {
            if (from == null) {
                return consumer.beginningOffsets(partitions, timeout);
            }
            Map<TopicPartition, Long> query = new HashMap<>();
            partitions.forEach(tp -> query.put(tp, Math.max(0, from.toEpochMilli())));
            Map<TopicPartition, OffsetAndTimestamp> found = consumer.offsetsForTimes(query, timeout);
            Map<TopicPartition, Long> start = new HashMap<>();
            for (TopicPartition tp : partitions) {
                OffsetAndTimestamp at = found.get(tp);
                // No record at or after `from` (when the topic was opened, or since): nothing to read in that partition.
                start.put(tp, at == null ? end.get(tp) : Math.min(at.offset(), end.get(tp)));
            }
            return start;
        }

        private long drain(Map<TopicPartition, Long> remaining, long toRead, RecordHandler handler) throws ReconcileException {
            long handled = 0;
            long nextProgress = PROGRESS_EVERY;
            long lastProgressAt = System.nanoTime();
            Map<TopicPartition, Long> positions = new HashMap<>();
            while (!remaining.isEmpty()) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(200));
                for (TopicPartition tp : records.partitions()) {
                    Long stop = remaining.get(tp);
                    if (stop == null) {
                        continue;
                    }
                    for (ConsumerRecord<byte[], byte[]> r : records.records(tp)) {
                        if (r.offset() >= stop) {
                            break;
                        }
                        handler.handle(r);
                        handled++;
                    }
                }
                if (handled >= nextProgress) {
                    progress.accept(name + ": " + String.format("%,d", handled) + " of up to " + String.format("%,d", toRead) + " records read");
                    nextProgress = (handled / PROGRESS_EVERY + 1) * PROGRESS_EVERY;
                }
                boolean moved = !records.isEmpty();
                List<TopicPartition> done = new ArrayList<>();
                for (Map.Entry<TopicPartition, Long> e : remaining.entrySet()) {
                    long position = consumer.position(e.getKey(), timeout);
                    Long before = positions.put(e.getKey(), position);
                    moved |= before == null || before != position;
                    // Transaction markers take offsets too: the position, not the last record, says when a partition is read.
                    if (position >= e.getValue()) {
                        done.add(e.getKey());
                    }
                }
                if (!done.isEmpty()) {
                    done.forEach(remaining::remove);
                    consumer.pause(done);
                }
                if (moved) {
                    lastProgressAt = System.nanoTime();
                } else if (System.nanoTime() - lastProgressAt > timeout.toNanos()) {
                    throw new ReconcileException("reading " + name + " from Kafka " + bootstrapServers + " stopped: no progress for "
                            + timeout.toSeconds() + " s with " + remaining.size() + " partitions not read to their end");
                }
            }
            return handled;
        }

        @Override
        public void close() {
            consumer.close(Duration.ofSeconds(2));
        }
    }
}
