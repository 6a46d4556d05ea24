package com.ptsl.sink.kafka;

import com.ptsl.sink.offsets.OffsetStore;
import com.ptsl.sink.sql.SlDatabase;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Where each owned partition stands, according to the SL database. On assignment the stored
 * NextOffset is read and the consumer seeks to it; a partition seen for the first time starts at its
 * beginning. If the database cannot be read at that moment, the partition stays paused and is
 * resolved on a later loop turn: it is never consumed from a position the database did not give.
 *
 * <p>Runs on the consumer thread only (rebalance callbacks are invoked from inside poll()).
 */
public final class PartitionOffsets implements ConsumerRebalanceListener {

    private static final Logger LOG = LoggerFactory.getLogger(PartitionOffsets.class);

    /** The offset range a poll batch consumed from one partition: stored NextOffset → position after the batch. */
    public record Range(TopicPartition partition, long start, long end) {
    }

    private final Consumer<?, ?> consumer;
    private final SlDatabase database;
    private final OffsetStore store;
    private final Map<TopicPartition, Long> stored = new HashMap<>();
    private final Set<TopicPartition> unresolved = new LinkedHashSet<>();

    public PartitionOffsets(Consumer<?, ?> consumer, SlDatabase database, OffsetStore store) {
        this.consumer = consumer;
        this.database = database;
        this.store = store;
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
        if (partitions.isEmpty()) {
            return;
        }
        unresolved.addAll(partitions);
        consumer.pause(partitions);
        resolve();
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
        forget(partitions);
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
        forget(partitions);
    }

    /**
     * Reads the stored offsets of partitions that lack one, seeks there and resumes them. Never
     * throws: false means the database did not answer and the caller should back off.
     */
    public boolean resolve() {
        if (unresolved.isEmpty()) {
            return true;
        }
        Map<TopicPartition, Long> found = new HashMap<>();
        try {
            Connection c = database.connection();
            List<TopicPartition> fresh = new ArrayList<>();
            for (TopicPartition tp : unresolved) {
                OptionalLong next = store.read(c, tp.topic(), tp.partition());
                if (next.isPresent()) {
                    found.put(tp, next.getAsLong());
                } else {
                    fresh.add(tp);
                }
            }
            if (!fresh.isEmpty()) {
                Map<TopicPartition, Long> beginnings = consumer.beginningOffsets(fresh);
                for (TopicPartition tp : fresh) {
                    long begin = beginnings.getOrDefault(tp, 0L);
                    store.insert(c, tp.topic(), tp.partition(), begin, Instant.now());
                    found.put(tp, begin);
                }
            }
            c.commit();
        } catch (SQLException | RuntimeException e) {
            // A concurrent first insert by another instance lands here too (duplicate key): the next try reads its row.
            database.rollbackQuietly();
            LOG.warn("Cannot read stored offsets for {} yet, partitions stay paused: {}", unresolved, e.toString());
            return false;
        }
        for (Map.Entry<TopicPartition, Long> e : found.entrySet()) {
            consumer.seek(e.getKey(), e.getValue());
            stored.put(e.getKey(), e.getValue());
        }
        consumer.resume(found.keySet());
        unresolved.removeAll(found.keySet());
        LOG.info("Resuming from offsets stored in SL: {}", found);
        return unresolved.isEmpty();
    }

    /**
     * The ranges a poll consumed: for every owned partition whose position moved past its stored
     * offset (records, or only transaction markers), from the stored offset to the new position.
     */
    public List<Range> ranges() {
        List<Range> ranges = new ArrayList<>();
        for (Map.Entry<TopicPartition, Long> e : stored.entrySet()) {
            long position = consumer.position(e.getKey());
            if (position > e.getValue()) {
                ranges.add(new Range(e.getKey(), e.getValue(), position));
            }
        }
        return ranges;
    }

    /** The stored offset of an owned partition, or -1. */
    public long storedOffset(TopicPartition tp) {
        return stored.getOrDefault(tp, -1L);
    }

    /** After a commit: the database now holds the ranges' ends. */
    public void advance(List<Range> ranges) {
        for (Range r : ranges) {
            if (stored.containsKey(r.partition())) {
                stored.put(r.partition(), r.end());
            }
        }
    }

    /** After a rollback: consume again from what the database holds. */
    public void seekBack() {
        stored.forEach(consumer::seek);
    }

    /**
     * A transient failure's backoff begins: every assigned partition stops fetching, so the consumer can keep polling
     * (and so stay in its group however long the wait) without receiving records.
     */
    public void pauseForBackoff() {
        consumer.pause(consumer.assignment());
    }

    /**
     * The backoff is over: back to the offsets stored in SL (a partition assigned during the wait may have fetched
     * records the wait dropped) and fetching again. Partitions whose offset is still unknown stay paused.
     */
    public void resumeAfterBackoff() {
        seekBack();
        consumer.resume(stored.keySet());
    }

    /** Assigned partitions not fetching now (an unresolved offset, or a backoff). */
    public int paused() {
        return consumer.paused().size();
    }

    /** After a fence: what we believed is stale, so forget it and read the database again. */
    public void reloadAll() {
        unresolved.addAll(stored.keySet());
        stored.clear();
        consumer.pause(unresolved);
        resolve();
    }

    /** Partitions owned and positioned from the database. */
    public int owned() {
        return stored.size();
    }

    private void forget(Collection<TopicPartition> partitions) {
        partitions.forEach(stored::remove);
        unresolved.removeAll(partitions);
    }
}
