package com.ptsl.launcher.replay;

import org.apache.kafka.common.TopicPartition;

/**
 * One input partition's move: from the consumer group's committed offset to where the replay starts reading.
 *
 * @param partition the input partition
 * @param committed the group's committed offset now; -1 when it has none (it never read this partition)
 * @param target    the offset the group will resume from
 * @param end       the partition's end offset now
 * @param why       how the target was chosen
 */
public record PartitionReset(TopicPartition partition, long committed, long target, long end, Why why) {

    /** How a target offset was chosen. */
    public enum Why {
        /** A table input: its whole content, whatever the time. */
        TABLE_FROM_BEGINNING("table, from its beginning"),
        /** The first record whose timestamp is at or after the time. */
        AT_TIME("first record at/after the time"),
        /** From the beginning, as asked ({@code --from earliest}). */
        EARLIEST("from its beginning"),
        /** No record at or after the time: nothing to replay here. */
        END_NO_RECORD_AFTER("no record at/after the time: end"),
        /** The group had not yet read as far as the time: the unread records are kept, never skipped. */
        KEPT_UNREAD("not read that far yet: unchanged, nothing is skipped");

        private final String text;

        Why(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }
    }

    /** Records (offsets, for a compacted or transactional topic an upper bound) the processor will read again or for the first time. */
    public long toReprocess() {
        return Math.max(0, end - target);
    }

    public boolean changes() {
        return committed != target;
    }
}
