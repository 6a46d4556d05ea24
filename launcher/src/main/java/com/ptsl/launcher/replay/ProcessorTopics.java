package com.ptsl.launcher.replay;

import com.ptsl.processor.PaymentTopology;
import com.ptsl.processor.ProcessorConfig;
import com.ptsl.schemas.Topic;
import com.ptsl.schemas.Topics;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyDescription;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The catalogue topics the stream processor reads and writes, taken from its topology rather than listed here, so a
 * stage added later (a new source) is replayed without touching this command.
 *
 * <p>An input is either an <em>event log</em> (delete policy: the PayTrace records, the settlement batches, the review
 * decisions), replayed from the requested time, or a <em>table</em> (compacted: SL's invoices and customers), replayed
 * from its beginning because the state built from it must be whole whatever the time. Global tables (sl.lookup) are
 * read by every instance without the consumer group, so there is no offset to reset; they are rebuilt from the topic
 * when the local state is deleted. Repartition topics are internal and not listed here.
 *
 * @param eventLogs    inputs replayed from the time
 * @param tables       inputs replayed from the beginning
 * @param globalTables inputs outside the consumer group
 * @param outputs      where the replay re-emits (commands, results, review items, invalid records, the lookup index)
 */
public record ProcessorTopics(List<String> eventLogs, List<String> tables, List<String> globalTables, List<String> outputs) {

    private static final Map<String, Topic<?, ?>> CATALOGUE = Topics.all().stream()
            .collect(Collectors.toMap(Topic::name, Function.identity()));

    /** The topics of the processor as it is built with its default settings (topic names do not depend on them). */
    public static ProcessorTopics ofProcessor(String applicationId) {
        return of(PaymentTopology.build(ProcessorConfig.defaults().withApplicationId(applicationId)));
    }

    public static ProcessorTopics of(Topology topology) {
        TopologyDescription description = topology.describe();
        Set<String> logs = new TreeSet<>();
        Set<String> tables = new TreeSet<>();
        Set<String> outputs = new TreeSet<>();
        for (TopologyDescription.Subtopology sub : description.subtopologies()) {
            for (TopologyDescription.Node node : sub.nodes()) {
                if (node instanceof TopologyDescription.Source source) {
                    for (String topic : source.topicSet()) {
                        Topic<?, ?> known = CATALOGUE.get(topic);
                        if (known == null) {
                            continue; // a repartition topic: internal, deleted and recreated
                        }
                        (compacted(known) ? tables : logs).add(topic);
                    }
                } else if (node instanceof TopologyDescription.Sink sink && sink.topic() != null && CATALOGUE.containsKey(sink.topic())) {
                    outputs.add(sink.topic());
                }
            }
        }
        Set<String> globals = new TreeSet<>();
        for (TopologyDescription.GlobalStore store : description.globalStores()) {
            globals.addAll(store.source().topicSet());
        }
        return new ProcessorTopics(List.copyOf(logs), List.copyOf(tables), List.copyOf(globals), List.copyOf(outputs));
    }

    /** Every input that has offsets in the consumer group. */
    public List<String> groupInputs() {
        return Stream.concat(eventLogs.stream(), tables.stream()).toList();
    }

    public boolean isTable(String topic) {
        return tables.contains(topic);
    }

    private static boolean compacted(Topic<?, ?> topic) {
        return topic.configs().getOrDefault("cleanup.policy", "delete").contains("compact");
    }
}
