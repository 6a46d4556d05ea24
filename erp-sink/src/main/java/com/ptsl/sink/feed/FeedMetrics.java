package com.ptsl.sink.feed;

import com.ptsl.schemas.Topic;

/** What the feed reports; SinkMetrics holds the meters (one registry per service). Called from the feed thread only. */
public interface FeedMetrics {

    /** Records acknowledged by Kafka in one cycle: snapshots and tombstones of one topic. */
    void published(Topic<?, ?> topic, int snapshots, int tombstones);

    /** A cycle that ended well (everything acknowledged, marks stored) after {@code nanos}. */
    void cycleSucceeded(long nanos);

    void cycleFailed(long nanos);

    /** The high-water mark now stored for the topic's feed. */
    void highWater(Topic<?, ?> topic, long version);

    /** A no-op, for tests that drive the feed without a registry. */
    FeedMetrics NONE = new FeedMetrics() {
        @Override
        public void published(Topic<?, ?> topic, int snapshots, int tombstones) {
        }

        @Override
        public void cycleSucceeded(long nanos) {
        }

        @Override
        public void cycleFailed(long nanos) {
        }

        @Override
        public void highWater(Topic<?, ?> topic, long version) {
        }
    };
}
