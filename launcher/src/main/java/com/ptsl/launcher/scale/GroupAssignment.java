package com.ptsl.launcher.scale;

import com.ptsl.service.admin.AdminClient;
import com.ptsl.service.metrics.Scrape;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.TopicPartition;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;

/**
 * Who owns which partitions of one consumer group, as the group coordinator says ({@code describeConsumerGroups}),
 * each member mapped to the instance it runs in. A member is known by its Kafka client id; every instance shows
 * its clients' ids on its own /metrics (the client_id and thread_id labels of the Kafka client meters), so the
 * mapping needs nothing but what an operator's tools can read too.
 *
 * @param owners partitions by owner: an instance name, {@code <name> (killed)} for a member of a killed instance the
 *               coordinator has not yet dropped, or {@code ? <client id>} for a member no instance claims
 */
public record GroupAssignment(String groupId, String state, Map<String, SortedSet<TopicPartition>> owners) {

    private static final Comparator<TopicPartition> ORDER =
            Comparator.comparing(TopicPartition::topic).thenComparingInt(TopicPartition::partition);
    static final String KILLED = " (killed)";

    /** Reads the group now; each running instance's /metrics is read for its client ids (a killed one's: as it died). */
    public static GroupAssignment read(Admin admin, InstanceFleet fleet, AdminClient http) throws InterruptedException {
        ConsumerGroupDescription group;
        try {
            group = admin.describeConsumerGroups(List.of(fleet.groupId())).describedGroups().get(fleet.groupId()).get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot describe group " + fleet.groupId() + ": " + e.getCause().getMessage(), e.getCause());
        }
        Map<String, Set<String>> clientIds = new LinkedHashMap<>();
        for (ServiceInstance instance : fleet.instances()) {
            String text = instance.alive() ? metricsOrNull(http, instance) : instance.lastMetrics();
            if (text != null) {
                clientIds.put(instance.name() + (instance.alive() ? "" : KILLED), clientIds(Scrape.parse(text)));
            }
        }
        Map<String, SortedSet<TopicPartition>> owners = new TreeMap<>();
        for (MemberDescription member : group.members()) {
            String owner = ownerOf(member.clientId(), clientIds);
            owners.computeIfAbsent(owner, o -> new TreeSet<>(ORDER)).addAll(member.assignment().topicPartitions());
        }
        return new GroupAssignment(fleet.groupId(), group.groupState().toString(), owners);
    }

    private static String metricsOrNull(AdminClient http, ServiceInstance instance) throws InterruptedException {
        try {
            return http.metricsText(instance.adminUrl());
        } catch (IOException e) {
            return null; // it is going away or not up yet: its members show as unclaimed
        }
    }

    /** The client ids and Streams thread ids an instance's Kafka client meters are labelled with. */
    static Set<String> clientIds(Scrape scrape) {
        Set<String> ids = new HashSet<>();
        for (Scrape.Sample s : scrape.samples()) {
            String client = s.labels().get("client_id");
            if (client != null) {
                ids.add(client);
            }
            String thread = s.labels().get("thread_id");
            if (thread != null) {
                ids.add(thread);
            }
        }
        return ids;
    }

    /**
     * The instance whose clients include this member: its client id itself (the sink's consumer), or the Streams
     * thread it belongs to ({@code <thread id>-consumer}).
     */
    static String ownerOf(String memberClientId, Map<String, Set<String>> clientIdsByInstance) {
        for (Map.Entry<String, Set<String>> e : clientIdsByInstance.entrySet()) {
            for (String id : e.getValue()) {
                if (memberClientId.equals(id) || memberClientId.startsWith(id + "-")) {
                    return e.getKey();
                }
            }
        }
        return "? " + memberClientId;
    }

    /** Every partition some member owns. */
    public Set<TopicPartition> all() {
        Set<TopicPartition> all = new TreeSet<>(ORDER);
        owners.values().forEach(all::addAll);
        return all;
    }

    /** The partitions an instance owns (empty if none). */
    public SortedSet<TopicPartition> of(String instance) {
        return owners.getOrDefault(instance, new TreeSet<>(ORDER));
    }

    /**
     * True once the group is Stable, every member is one of {@code survivors}, and together they own every
     * partition of {@code expected}: the takeover is complete.
     */
    public boolean ownedOnlyBy(Collection<String> survivors, Set<TopicPartition> expected) {
        return GroupState.STABLE.toString().equals(state) && survivors.containsAll(owners.keySet()) && all().containsAll(expected);
    }

    /**
     * One line per owner: its partitions grouped by topic, topics with the same partitions together, e.g.
     * {@code erp-sink-1  3 partitions: [0,1,2] of erp.commands}.
     */
    public List<String> lines() {
        List<String> lines = new ArrayList<>();
        int width = owners.keySet().stream().mapToInt(String::length).max().orElse(0);
        owners.forEach((owner, partitions) -> {
            Map<String, List<Integer>> byTopic = new TreeMap<>();
            partitions.forEach(tp -> byTopic.computeIfAbsent(tp.topic(), t -> new ArrayList<>()).add(tp.partition()));
            Map<String, List<String>> topicsBySet = new TreeMap<>();
            byTopic.forEach((topic, ps) -> topicsBySet.computeIfAbsent(ps.stream().map(String::valueOf)
                    .collect(Collectors.joining(",", "[", "]")), k -> new ArrayList<>()).add(topic));
            String spread = topicsBySet.entrySet().stream().map(e -> e.getKey() + " of " + String.join(", ", e.getValue()))
                    .collect(Collectors.joining("; "));
            lines.add(String.format("%-" + width + "s  %d partition%s: %s", owner, partitions.size(),
                    partitions.size() == 1 ? "" : "s", partitions.isEmpty() ? "none" : spread));
        });
        if (owners.isEmpty()) {
            lines.add("(no members)");
        }
        return lines;
    }
}
