package com.ptsl.launcher.scale;

import com.ptsl.service.metrics.Scrape;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/** How a group member is recognised as an instance, and when a takeover counts as complete. */
class GroupAssignmentTest {

    private static final String THREAD_1 = "ptsl-stream-processor-86c30f9e-689d-427c-af96-9e8d9c7c0cc5-StreamThread-1";
    private static final String THREAD_2 = "ptsl-stream-processor-0b1c2d3e-0000-4000-8000-000000000002-StreamThread-1";

    @Test
    void theClientIdsOfAnInstanceAreTheLabelsOfItsKafkaClientMeters() {
        Scrape scrape = Scrape.parse("""
                # TYPE kafka_consumer_fetch_manager_records_consumed_total counter
                kafka_consumer_fetch_manager_records_consumed_total{client_id="erp-sink-1a2b3c4d",kafka_version="4.4.0"} 12.0
                kafka_producer_record_send_total{client_id="erp-sink-1a2b3c4d-results",kafka_version="4.4.0"} 3.0
                kafka_stream_thread_process_total{thread_id="%s"} 7.0
                ptsl_sink_commands_total{result="APPLIED"} 3.0
                """.formatted(THREAD_1));

        assertThat(GroupAssignment.clientIds(scrape)).containsExactlyInAnyOrder("erp-sink-1a2b3c4d", "erp-sink-1a2b3c4d-results", THREAD_1);
    }

    @Test
    void aMemberBelongsToTheInstanceShowingItsClientIdOrItsStreamThread() {
        Map<String, Set<String>> ids = Map.of(
                "erp-sink-1", Set.of("erp-sink-1a2b3c4d", "erp-sink-1a2b3c4d-results"),
                "stream-processor-1", Set.of(THREAD_1),
                "stream-processor-2" + GroupAssignment.KILLED, Set.of(THREAD_2));

        assertThat(GroupAssignment.ownerOf("erp-sink-1a2b3c4d", ids)).isEqualTo("erp-sink-1");
        assertThat(GroupAssignment.ownerOf(THREAD_1 + "-consumer", ids)).isEqualTo("stream-processor-1");
        assertThat(GroupAssignment.ownerOf(THREAD_2 + "-consumer", ids)).isEqualTo("stream-processor-2 (killed)");
        assertThat(GroupAssignment.ownerOf("erp-sink-99999999", ids)).isEqualTo("? erp-sink-99999999");
    }

    @Test
    void aTakeoverIsCompleteOnlyWhenTheStableGroupIsAllSurvivorsOwningEveryPartition() {
        Set<TopicPartition> all = Set.of(tp(0), tp(1), tp(2), tp(3));
        GroupAssignment spread = assignment("Stable", Map.of("erp-sink-1", List.of(0, 1), "erp-sink-2", List.of(2, 3)));
        GroupAssignment deadStillListed = assignment("Stable", Map.of("erp-sink-1", List.of(0, 1), "erp-sink-2 (killed)", List.of(2, 3)));
        GroupAssignment rebalancing = assignment("PreparingRebalance", Map.of("erp-sink-1", List.of(0, 1, 2, 3)));
        GroupAssignment partly = assignment("Stable", Map.of("erp-sink-1", List.of(0, 1, 2)));
        GroupAssignment done = assignment("Stable", Map.of("erp-sink-1", List.of(0, 1, 2, 3)));

        assertThat(spread.all()).containsExactlyInAnyOrderElementsOf(all);
        assertThat(deadStillListed.ownedOnlyBy(List.of("erp-sink-1"), all)).isFalse();
        assertThat(rebalancing.ownedOnlyBy(List.of("erp-sink-1"), all)).isFalse();
        assertThat(partly.ownedOnlyBy(List.of("erp-sink-1"), all)).isFalse();
        assertThat(done.ownedOnlyBy(List.of("erp-sink-1"), all)).isTrue();
    }

    @Test
    void eachOwnerIsOneLineWithTopicsOfTheSamePartitionsTogether() {
        SortedSet<TopicPartition> processor = new TreeSet<>(java.util.Comparator.comparing(TopicPartition::topic)
                .thenComparingInt(TopicPartition::partition));
        processor.addAll(List.of(new TopicPartition("paytrace.transactions.raw", 0), new TopicPartition("paytrace.transactions.raw", 2),
                new TopicPartition("sl.invoices", 0), new TopicPartition("sl.invoices", 2), new TopicPartition("sl.customers", 1)));
        Map<String, SortedSet<TopicPartition>> owners = new TreeMap<>();
        owners.put("stream-processor-1", processor);

        assertThat(new GroupAssignment("g", "Stable", owners).lines())
                .containsExactly("stream-processor-1  5 partitions: [0,2] of paytrace.transactions.raw, sl.invoices; [1] of sl.customers");
    }

    private static GroupAssignment assignment(String state, Map<String, List<Integer>> partitions) {
        Map<String, SortedSet<TopicPartition>> owners = new TreeMap<>();
        partitions.forEach((owner, ps) -> {
            SortedSet<TopicPartition> set = new TreeSet<>(java.util.Comparator.comparingInt(TopicPartition::partition));
            ps.forEach(p -> set.add(tp(p)));
            owners.put(owner, set);
        });
        return new GroupAssignment("ptsl-erp-sink", state, owners);
    }

    private static TopicPartition tp(int partition) {
        return new TopicPartition("erp.commands", partition);
    }
}
