package com.ptsl.launcher.replay;

import org.apache.kafka.common.TopicPartition;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Everything a replay will do, worked out before anything is changed; the dry run prints it and stops.
 *
 * @param applicationId    the processor's Kafka Streams application id (its consumer group and internal-topic prefix)
 * @param from             where the event logs are replayed from
 * @param topics           the processor's catalogue topics by role
 * @param resets           one per input partition, in topic then partition order
 * @param internalTopics   the application's changelog and repartition topics, to delete
 * @param internalOffsets  the group's committed offsets on those topics, deleted with them
 * @param localState       the local state to delete; empty when no --state-dir was given
 * @param activeMembers    the group's members now (client id @ host); a replay refuses unless this is empty
 */
public record ReplayPlan(String applicationId, ReplayStart from, ProcessorTopics topics, List<PartitionReset> resets,
                         List<String> internalTopics, Set<TopicPartition> internalOffsets, Optional<LocalState> localState,
                         List<String> activeMembers) {

    public ReplayPlan {
        resets = List.copyOf(resets);
        internalTopics = List.copyOf(internalTopics);
        internalOffsets = Set.copyOf(internalOffsets);
        activeMembers = List.copyOf(activeMembers);
    }

    /**
     * The processor's local state on this machine: Kafka Streams keeps it in {@code <state.dir>/<application.id>}.
     *
     * @param stateDir the processor's PROCESSOR_STATE_DIR
     * @param appDir   the application's directory in it, the one deleted
     * @param exists   whether appDir exists now
     */
    public record LocalState(Path stateDir, Path appDir, boolean exists) {
    }

    public long recordsToReprocess() {
        return resets.stream().mapToLong(PartitionReset::toReprocess).sum();
    }

    public List<PartitionReset> resetsOf(String topic) {
        return resets.stream().filter(r -> r.partition().topic().equals(topic)).toList();
    }
}
