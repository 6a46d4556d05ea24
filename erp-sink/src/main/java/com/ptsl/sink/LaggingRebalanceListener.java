package com.ptsl.sink;

import com.ptsl.sink.kafka.PartitionOffsets;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.common.TopicPartition;

import java.util.Collection;

/** The consumer takes one rebalance listener: the offsets kept in SL first (they seek), then the lag gauges follow ownership. */
final class LaggingRebalanceListener implements ConsumerRebalanceListener {

    private final PartitionOffsets offsets;
    private final ConsumerLagGauges lag;
    private final Runnable ownershipChanged;

    /** @param ownershipChanged run whenever a partition is gained or given up */
    LaggingRebalanceListener(PartitionOffsets offsets, ConsumerLagGauges lag, Runnable ownershipChanged) {
        this.offsets = offsets;
        this.lag = lag;
        this.ownershipChanged = ownershipChanged;
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
        changed(partitions);
        offsets.onPartitionsAssigned(partitions);
        lag.assigned(partitions);
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
        changed(partitions);
        lag.released(partitions);
        offsets.onPartitionsRevoked(partitions);
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
        changed(partitions);
        lag.released(partitions);
        offsets.onPartitionsLost(partitions);
    }

    private void changed(Collection<TopicPartition> partitions) {
        if (!partitions.isEmpty()) {
            ownershipChanged.run();
        }
    }
}
