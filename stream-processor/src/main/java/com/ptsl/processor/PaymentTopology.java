package com.ptsl.processor;

import com.ptsl.processor.classify.ClassifiedTransaction;
import com.ptsl.processor.command.CommandOutcome;
import com.ptsl.processor.command.CommandProcessor;
import com.ptsl.processor.command.CustomerIds;
import com.ptsl.processor.dedupe.DedupeProcessor;
import com.ptsl.processor.dedupe.DedupeStore;
import com.ptsl.processor.parse.ParseOutcome;
import com.ptsl.processor.parse.ParseProcessor;
import com.ptsl.schemas.Topics;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TopologyConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;

/**
 * The payment topology (ARCHITECTURE.md §6), built in one place for {@link ProcessorService} and the tests:
 *
 * <pre>
 * paytrace.transactions.raw → parse ─┬→ (unusable) → paytrace.raw.invalid
 *                                    └→ dedupe → classify → payable-only → command ─┬→ erp.commands (key CustId)
 *                                                                                    └→ payments.review (key tx id)
 * </pre>
 *
 * Every node and the store have explicit names, so that the internal topic names (changelog) and
 * the description stay stable when the chain is edited.
 */
public final class PaymentTopology {

    private PaymentTopology() {
    }

    /** For callers that only want the topology (its description, a test); the meters go nowhere. */
    public static Topology build(ProcessorConfig config) {
        return build(config, ProcessorMetrics.unscraped());
    }

    public static Topology build(ProcessorConfig config, ProcessorMetrics metrics) {
        CustomerIds customerIds = new CustomerIds(config.customerField());
        // Built with the runtime properties so topology-level settings match what KafkaStreams will run with.
        StreamsBuilder builder = new StreamsBuilder(new TopologyConfig(new StreamsConfig(config.streamsProperties())));
        builder.addStateStore(DedupeStore.builder());

        builder
                // 1. Raw PayTrace records; the value stays bytes so an undecodable one can be kept as it came.
                .stream(Topics.RAW_TRANSACTIONS.name(), Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("raw-source"))
                // 2. Decode the Avro envelope and the PayTrace JSON; unusable records become InvalidRecords, never exceptions.
                .processValues(() -> new ParseProcessor(metrics), Named.as("parse"))
                .split(Named.as("parse-"))
                // 2a. Unusable: kept byte for byte with the reason.
                .branch((id, outcome) -> outcome.isRejected(), Branched.withConsumer(rejected -> rejected
                        .mapValues(ParseOutcome::invalid, Named.as("parse-invalid-record"))
                        .to(Topics.RAW_INVALID.name(), Produced.with(Topics.RAW_INVALID.keySerde(), Topics.RAW_INVALID.valueSerde())
                                .withName("invalid-sink")), "rejected"))
                // 2b. Parsed transactions go on.
                .defaultBranch(Branched.withConsumer(parsed -> parsed
                        .mapValues(ParseOutcome::transaction, Named.as("parse-transaction"))
                        // 3. Drop what was already seen with the same content; remember the rest.
                        .processValues(() -> new DedupeProcessor(metrics, config.dedupeRetention(), config.dedupeSweepInterval()),
                                Named.as("dedupe"), DedupeStore.NAME)
                        // 4. What the record means for the books (pure rules in Classifier), counted per kind.
                        .mapValues(tx -> {
                            ClassifiedTransaction classified = ClassifiedTransaction.of(tx);
                            metrics.onClassified(classified.kind());
                            return classified;
                        }, Named.as("classify"))
                        // 5. Only approved and settled sales post a payment for now; other kinds get their commands later.
                        .filter((id, classified) -> classified.kind().postsPayment(), Named.as("payable-only"))
                        // 6. One PostPayment per transaction, keyed by SL CustId, or a review item when the customer is unknown.
                        .process(() -> new CommandProcessor(metrics, customerIds, config.merchantZone()), Named.as("command"), DedupeStore.NAME)
                        .split(Named.as("command-"))
                        // 6a. Unknown customer: to the finance review queue, keyed by transaction id.
                        .branch((key, outcome) -> outcome.isReview(), Branched.withConsumer(review -> review
                                .mapValues(CommandOutcome::item, Named.as("command-review-item"))
                                .to(Topics.PAYMENTS_REVIEW.name(), Produced.with(Topics.PAYMENTS_REVIEW.keySerde(),
                                        Topics.PAYMENTS_REVIEW.valueSerde()).withName("review-sink")), "review"))
                        // 6b. The command for Dynamics SL.
                        .defaultBranch(Branched.withConsumer(commands -> commands
                                .mapValues(CommandOutcome::command, Named.as("command-erp-command"))
                                .to(Topics.ERP_COMMANDS.name(), Produced.with(Topics.ERP_COMMANDS.keySerde(),
                                        Topics.ERP_COMMANDS.valueSerde()).withName("commands-sink")), "post")),
                        "accepted"));

        return builder.build();
    }
}
