package com.ptsl.launcher.replay;

import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Works out a {@link ReplayPlan} from what Kafka holds now, changing nothing: the consumer group's members and committed
 * offsets, every input partition's beginning, end and first offset at the replay time, and the application's internal
 * topics. Kafka Streams' own reset tool ({@code kafka-streams-application-reset}) does the same with one rule for every
 * input; this one replays event logs from the time and tables from their beginning.
 */
final class ReplayPlanner {

    /** Suffixes of the topics Kafka Streams creates for an application (as StreamsResetter recognises them). */
    private static final List<String> INTERNAL_SUFFIXES = List.of("-changelog", "-repartition",
            "-subscription-registration-topic", "-subscription-response-topic");
    private static final Duration MEMBERS_POLL = Duration.ofMillis(500);

    private final AdminCalls kafka;

    ReplayPlanner(AdminCalls kafka) {
        this.kafka = kafka;
    }

    /**
     * The group's members, waiting up to {@code wait} for them to leave: Kafka Streams does not leave its group when it
     * closes, so a processor stopped a moment ago stays a member until the broker expires its session (45 s by default).
     */
    List<String> activeMembers(String group, Duration wait) {
        Instant deadline = Instant.now().plus(wait);
        while (true) {
            List<String> members = membersNow(group);
            if (members.isEmpty() || !Instant.now().isBefore(deadline)) {
                return members;
            }
            try {
                Thread.sleep(MEMBERS_POLL.toMillis()); // polling the group until its members expire or the wait is over
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ReplayException("interrupted while waiting for the consumer group " + group + " to empty", e);
            }
        }
    }

    private List<String> membersNow(String group) {
        ConsumerGroupDescription description;
        try {
            description = kafka.get(kafka.admin().describeConsumerGroups(List.of(group)).describedGroups().get(group),
                    "describe consumer group " + group);
        } catch (ReplayException e) {
            if (e.getCause() instanceof GroupIdNotFoundException) {
                return List.of(); // never joined: nothing runs
            }
            throw e;
        }
        return description.members().stream().map(ReplayPlanner::member).sorted().toList();
    }

    private static String member(MemberDescription m) {
        return m.clientId() + " @ " + m.host().replaceFirst("^/", "");
    }

    /** The plan; {@code members} as {@link #activeMembers} found them. */
    ReplayPlan plan(String group, ReplayStart from, ProcessorTopics topics, Optional<Path> stateDir, List<String> members) {
        Set<String> existing = kafka.get(kafka.admin().listTopics().names(), "list topics");
        List<String> missing = topics.groupInputs().stream().filter(t -> !existing.contains(t)).toList();
        if (!missing.isEmpty()) {
            throw new ReplayException("topic " + String.join(", ", missing) + " does not exist on Kafka at " + kafka.bootstrap()
                    + " (has the pipeline run against this cluster?)");
        }
        Map<TopicPartition, OffsetAndMetadata> committed = new HashMap<>(kafka.get(kafka.admin().listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata(), "read the committed offsets of consumer group " + group));
        committed.values().removeIf(o -> o == null);
        if (committed.isEmpty()) {
            throw new ReplayException("consumer group " + group + " has no committed offsets on Kafka at " + kafka.bootstrap()
                    + ": is --application-id (or PROCESSOR_APPLICATION_ID) the stream-processor's, and has it run here?");
        }

        List<TopicPartition> partitions = partitions(topics.groupInputs());
        Map<TopicPartition, Long> begin = offsets(partitions, OffsetSpec.earliest());
        Map<TopicPartition, Long> end = offsets(partitions, OffsetSpec.latest());
        List<TopicPartition> logs = partitions.stream().filter(p -> !topics.isTable(p.topic())).toList();
        Map<TopicPartition, Long> atTime = from.at()
                .map(at -> offsets(logs, OffsetSpec.forTimestamp(at.toEpochMilli())))
                .orElse(Map.of());

        List<PartitionReset> resets = new ArrayList<>();
        for (TopicPartition p : partitions) {
            OffsetAndMetadata c = committed.get(p);
            long current = c == null ? -1 : c.offset();
            resets.add(reset(p, current, begin.get(p), end.get(p), atTime.get(p), topics.isTable(p.topic()), from.isEarliest()));
        }

        List<String> internal = existing.stream().filter(t -> isInternal(t, group) && !topics.groupInputs().contains(t)).sorted().toList();
        Set<TopicPartition> internalOffsets = committed.keySet().stream().filter(p -> internal.contains(p.topic()))
                .collect(Collectors.toSet());
        Optional<ReplayPlan.LocalState> state = stateDir.map(dir -> localState(dir, group));
        return new ReplayPlan(group, from, topics, resets, internal, internalOffsets, state, members);
    }

    /**
     * Where one partition resumes. A table is read whole. An event log resumes at the first record at or after the time
     * (its end when there is none), but never beyond what the group has already read: records it has not processed yet
     * are processed after the replay too, not skipped.
     */
    static PartitionReset reset(TopicPartition p, long committed, long begin, long end, Long atTime, boolean table, boolean earliest) {
        if (table) {
            return new PartitionReset(p, committed, begin, end, PartitionReset.Why.TABLE_FROM_BEGINNING);
        }
        if (earliest) {
            return new PartitionReset(p, committed, begin, end, PartitionReset.Why.EARLIEST);
        }
        // -1 (no record at/after the time) or a missing answer: nothing to replay here.
        long target = atTime == null || atTime < 0 ? end : atTime;
        PartitionReset.Why why = atTime == null || atTime < 0 ? PartitionReset.Why.END_NO_RECORD_AFTER : PartitionReset.Why.AT_TIME;
        long read = committed < 0 ? begin : committed; // no committed offset: Kafka Streams would start at the beginning
        if (target > read) {
            return new PartitionReset(p, committed, read, end, PartitionReset.Why.KEPT_UNREAD);
        }
        return new PartitionReset(p, committed, target, end, why);
    }

    static boolean isInternal(String topic, String applicationId) {
        return topic.startsWith(applicationId + "-") && (INTERNAL_SUFFIXES.stream().anyMatch(topic::endsWith)
                || topic.matches(".+-KTABLE-FK-JOIN-SUBSCRIPTION-(REGISTRATION|RESPONSE)-\\d+-topic"));
    }

    private static ReplayPlan.LocalState localState(Path stateDir, String group) {
        Path dir = stateDir.toAbsolutePath().normalize();
        if (!Files.isDirectory(dir)) {
            throw new ReplayException("--state-dir " + dir + " is not a directory: give the stream-processor's PROCESSOR_STATE_DIR");
        }
        Path app = dir.resolve(group);
        return new ReplayPlan.LocalState(dir, app, Files.isDirectory(app));
    }

    private List<TopicPartition> partitions(List<String> topicNames) {
        Map<String, TopicDescription> described = kafka.get(kafka.admin().describeTopics(topicNames).allTopicNames(),
                "describe topics " + topicNames);
        return described.values().stream()
                .flatMap(d -> d.partitions().stream().map(p -> new TopicPartition(d.name(), p.partition())))
                .sorted(Comparator.comparing(TopicPartition::topic).thenComparingInt(TopicPartition::partition))
                .toList();
    }

    private Map<TopicPartition, Long> offsets(List<TopicPartition> partitions, OffsetSpec spec) {
        if (partitions.isEmpty()) {
            return Map.of();
        }
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        partitions.forEach(p -> request.put(p, spec));
        Map<TopicPartition, ListOffsetsResultInfo> answer = kafka.get(kafka.admin().listOffsets(request).all(), "list offsets");
        Map<TopicPartition, Long> offsets = new TreeMap<>(Comparator.comparing(TopicPartition::topic).thenComparingInt(TopicPartition::partition));
        answer.forEach((p, info) -> offsets.put(p, info.offset()));
        return offsets;
    }
}
