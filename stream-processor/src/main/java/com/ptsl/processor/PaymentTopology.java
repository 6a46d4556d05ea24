package com.ptsl.processor;

import com.ptsl.processor.classify.ClassifiedTransaction;
import com.ptsl.processor.dedupe.DedupeProcessor;
import com.ptsl.processor.dedupe.DedupeStore;
import com.ptsl.processor.deposit.DepositOutput;
import com.ptsl.processor.deposit.DepositProcessor;
import com.ptsl.processor.deposit.DepositStore;
import com.ptsl.processor.match.CustomerIndexProcessor;
import com.ptsl.processor.match.IndexOutcome;
import com.ptsl.processor.match.InvoiceIndexProcessor;
import com.ptsl.processor.match.LookupIndex;
import com.ptsl.processor.match.MatchInput;
import com.ptsl.processor.match.MatchInputSerde;
import com.ptsl.processor.match.MatchProcessor;
import com.ptsl.processor.match.MatchStores;
import com.ptsl.processor.match.Outcome;
import com.ptsl.processor.match.ResolveInput;
import com.ptsl.processor.match.ResolveInputSerde;
import com.ptsl.processor.match.ResolveProcessor;
import com.ptsl.processor.parse.ParseOutcome;
import com.ptsl.processor.parse.ParseProcessor;
import com.ptsl.processor.route.RouteProcessor;
import com.ptsl.processor.route.Routed;
import com.ptsl.schemas.Topic;
import com.ptsl.schemas.Topics;
import com.ptsl.schemas.avro.ErpResult;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyConfig;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.KeyValueStore;

import java.util.Map;

/**
 * The payment topology (ARCHITECTURE.md §6), built in one place for {@link ProcessorService} and the tests:
 *
 * <pre>
 * paytrace.transactions.raw → parse ─┬→ (unusable) → paytrace.raw.invalid
 *                                    └→ dedupe → classify → route ─┬→ (decline, authorization, expired, unknown) → erp.results
 *                                                                  ├→ (unknown) → payments.review
 *                                                                  ├→ (refund naming its original, or the void of one:
 *                                                                  │   key = original id) → refunds-by-original (repartition) ─┐
 *                                                                  └→ (payment, void, unlinked refund: key = own id) ─────────┤
 * payments.review.resolutions ────────────────────────────────────────────────────────────────────────────────────────┴→ resolve
 *        resolve (by tx id; reads dedupe-store, sl-lookup) ─┬→ (no customer by the deadline, unlinked refund) → payments.review
 *                                                          ├→ (void of nothing posted) → erp.results
 *                                                          └→ payments-by-customer (repartition, key CustId) ─┐
 * sl.invoices → invoice-index ─┬→ sl.lookup                                                                   ├→ match (by CustId) ─┬→ erp.commands
 *                              └→ invoices-by-customer (repartition) ─────────────────────────────────────────┘                    ├→ erp.results
 * sl.customers → customer-index → sl.lookup                                                                                         └→ payments.review
 * sl.lookup → global table sl-lookup (every instance holds it all)
 * paytrace.batches.raw → deposit (by batch number; deposit-batches, wall-clock delay) ─┬→ (CloseDeposit, key deposit:&lt;n&gt;) → erp.commands
 *                                                                                      └→ (unreadable) → paytrace.raw.invalid
 * </pre>
 *
 * Partitioning: a payment arrives keyed by transaction id and an invoice by company/RefNbr, so they
 * cannot meet on their own keys. The small global index (value → CustId) routes each payment to its
 * customer, and both payments and invoices are repartitioned by CustId into the same number of
 * partitions: one customer's open invoices, waiting payments and reservations are in one task, and
 * the matcher scales by those partitions. A void arrives under the voided transaction's own id, so it
 * meets that transaction's dedupe entry (and the customer it was routed to) in the same resolve task; a
 * refund is a new transaction, so one that names its original is re-keyed by the original's id and
 * repartitioned with the raw topic's partition count (none is given: Streams takes the source's), which puts
 * it in the task holding the original's entry. Everything PayTrace does to one payment therefore reaches
 * its customer's matcher through one partition of payments-by-customer, in order.
 *
 * <p>Every node and store has an explicit name, so internal topic names (changelogs, repartitions) and the
 * description stay stable when the chain is edited.
 */
public final class PaymentTopology {

    private PaymentTopology() {
    }

    /** For callers that only want the topology (its description, a test); the meters go nowhere. */
    public static Topology build(ProcessorConfig config) {
        return build(config, ProcessorMetrics.unscraped());
    }

    public static Topology build(ProcessorConfig config, ProcessorMetrics metrics) {
        ProcessorConfig.MatchSettings match = config.match();
        // Built with the runtime properties so topology-level settings match what KafkaStreams will run with.
        StreamsBuilder builder = new StreamsBuilder(new TopologyConfig(new StreamsConfig(config.streamsProperties())));
        builder.addStateStore(DedupeStore.builder());
        builder.addStateStore(MatchStores.unresolved());
        builder.addStateStore(MatchStores.invoiceLast());
        builder.addStateStore(MatchStores.customerLast());
        builder.addStateStore(MatchStores.invoices());
        builder.addStateStore(MatchStores.reservations());
        builder.addStateStore(MatchStores.pending());
        builder.addStateStore(MatchStores.decided());
        builder.addStateStore(DepositStore.builder());

        // The lookup index, whole on every instance: which customer an invoice, order, PO, CustId or vault id points at.
        builder.globalTable(Topics.SL_LOOKUP.name(), Consumed.with(Serdes.String(), Serdes.String()).withName("sl-lookup-source"),
                Materialized.<String, String, KeyValueStore<Bytes, byte[]>>as(LookupIndex.STORE)
                        .withKeySerde(Serdes.String()).withValueSerde(Serdes.String())
                        // Read with several prefix scans per payment; without a cache each is one RocksDB iterator, not a
                        // merge of cache and store. Nothing reads the table's changes, so the cache would buy nothing.
                        .withCachingDisabled());

        // SL's invoices: index them, and hand each to its customer's matcher.
        KStream<String, IndexOutcome> invoiceIndex = builder
                .stream(Topics.SL_INVOICES.name(), consumed(Topics.SL_INVOICES, "sl-invoices-source"))
                .process(InvoiceIndexProcessor::new, Named.as("invoice-index"), MatchStores.INVOICE_LAST);
        invoiceIndex
                .filter((key, out) -> out.isEntry(), Named.as("invoice-index-entries"))
                .mapValues(IndexOutcome::lookupValue, Named.as("invoice-index-value"))
                .to(Topics.SL_LOOKUP.name(), Produced.with(Serdes.String(), Serdes.String()).withName("invoice-lookup-sink"));
        KStream<String, MatchInput> invoicesByCustomer = invoiceIndex
                .filter((key, out) -> !out.isEntry(), Named.as("invoice-index-routes"))
                .mapValues(IndexOutcome::input, Named.as("invoice-index-input"))
                .repartition(byCustomer("invoices-by-customer", match));

        // SL's customers: their CustId and vault id in the index.
        builder.stream(Topics.SL_CUSTOMERS.name(), consumed(Topics.SL_CUSTOMERS, "sl-customers-source"))
                .process(CustomerIndexProcessor::new, Named.as("customer-index"), MatchStores.CUSTOMER_LAST)
                .mapValues(IndexOutcome::lookupValue, Named.as("customer-index-value"))
                .to(Topics.SL_LOOKUP.name(), Produced.with(Serdes.String(), Serdes.String()).withName("customer-lookup-sink"));

        // 1. Raw PayTrace records; the value stays bytes so an undecodable one can be kept as it came.
        KStream<String, Routed> routed = builder
                .stream(Topics.RAW_TRANSACTIONS.name(), Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("raw-source"))
                // 2. Decode the Avro envelope and the PayTrace JSON; unusable records become InvalidRecords, never exceptions.
                .processValues(() -> new ParseProcessor(metrics, config.refundLinkField()), Named.as("parse"))
                .split(Named.as("parse-"))
                // 2a. Unusable: kept byte for byte with the reason.
                .branch((id, outcome) -> outcome.isRejected(), Branched.withConsumer(rejected -> rejected
                        .mapValues(ParseOutcome::invalid, Named.as("parse-invalid-record"))
                        .to(Topics.RAW_INVALID.name(), produced(Topics.RAW_INVALID, "invalid-sink")), "rejected"))
                // 2b. Parsed transactions go on.
                .defaultBranch(Branched.as("accepted"))
                .get("parse-accepted")
                .mapValues(ParseOutcome::transaction, Named.as("parse-transaction"))
                // 3. Drop what was already seen with the same content; remember the rest.
                .processValues(() -> new DedupeProcessor(metrics, config.dedupeRetention(), config.dedupeSweepInterval()),
                        Named.as("dedupe"), DedupeStore.NAME)
                // 4. What the record means for the books (the rules table in Classifier), counted per kind.
                .mapValues(tx -> {
                    ClassifiedTransaction classified = ClassifiedTransaction.of(tx);
                    metrics.onClassified(classified.kind());
                    return classified;
                }, Named.as("classify"))
                // 5. Where each kind goes: payments, voids and refunds on to resolve; what never posts straight to a status event.
                .process(() -> new RouteProcessor(metrics, config.postOn()), Named.as("route"), DedupeStore.NAME);

        Map<String, KStream<String, Routed>> byWay = routed.split(Named.as("route-"))
                .branch((key, r) -> r.status(), Branched.withConsumer(status -> toResults(status.mapValues(Routed::result,
                        Named.as("route-status-result")), "route-status"), "status"))
                .branch((key, r) -> r instanceof Routed.Review, Branched.withConsumer(review -> review
                        .mapValues(Routed::item, Named.as("route-review-item"))
                        .to(Topics.PAYMENTS_REVIEW.name(), produced(Topics.PAYMENTS_REVIEW, "route-review-sink")), "review"))
                .branch((key, r) -> r.toOriginal(), Branched.as("by-original"))
                .defaultBranch(Branched.as("own"));
        // 5a. Payments, voids and refunds naming nothing stay in their own task.
        KStream<String, ResolveInput> own = byWay.get("route-own")
                .mapValues(Routed::input, Named.as("payable-only"));
        // 5b. A refund naming its original (and the void of one) moves to the task of the original, keyed by its id.
        KStream<String, ResolveInput> byOriginal = byWay.get("route-by-original")
                .mapValues(Routed::input, Named.as("refund-by-original-input"))
                .repartition(Repartitioned.<String, ResolveInput>as("refunds-by-original")
                        .withKeySerde(Serdes.String()).withValueSerde(new ResolveInputSerde()));

        // 6. People's review decisions arrive keyed by transaction id, like the payments they decide.
        KStream<String, ResolveInput> resolutions = builder
                .stream(Topics.REVIEW_RESOLUTIONS.name(), consumed(Topics.REVIEW_RESOLUTIONS, "resolutions-source"))
                .mapValues(r -> (ResolveInput) new ResolveInput.Resolution(r), Named.as("resolution-input"));

        // 7. Find each payment's SL customer in the lookup index (waiting for it up to the deadline), and send voids and
        //    refunds after the payment they concern.
        var resolved = own.merge(byOriginal, Named.as("resolve-refunds")).merge(resolutions, Named.as("resolve-inputs"))
                .process(() -> new ResolveProcessor(metrics, config.customerField(), match.deadline(), match.resolveRetry(),
                                config.dedupeRetention()),
                        Named.as("resolve"), DedupeStore.NAME, MatchStores.UNRESOLVED)
                .split(Named.as("resolve-"))
                .branch((key, out) -> out.isReview(), Branched.withConsumer(review -> toReview(review, "resolve-review")))
                .branch((key, out) -> out.isStatus(), Branched.withConsumer(status -> toResults(status.mapValues(Outcome::result,
                        Named.as("resolve-status-result")), "resolve-status"), "status"))
                .defaultBranch(Branched.as("route"));
        KStream<String, MatchInput> paymentsByCustomer = resolved.get("resolve-route")
                .mapValues(Outcome::input, Named.as("resolve-input"))
                .repartition(byCustomer("payments-by-customer", match));

        // 8. Match each payment against its customer's invoices: a command for SL and, where a person must look, a review item;
        //    undo or refund what PayTrace undid or refunded; say so when there is nothing to post.
        paymentsByCustomer.merge(invoicesByCustomer, Named.as("match-inputs"))
                .process(() -> new MatchProcessor(metrics, config.merchantZone(), match.deadline(), match.reservationTtl(),
                                match.sweepInterval(), config.dedupeRetention(), config.dedupeSweepInterval()),
                        Named.as("match"), MatchStores.INVOICES, MatchStores.RESERVATIONS, MatchStores.PENDING, MatchStores.DECIDED)
                .split(Named.as("match-"))
                .branch((key, out) -> out.isReview(), Branched.withConsumer(review -> toReview(review, "match-review")))
                .branch((key, out) -> out.isStatus(), Branched.withConsumer(status -> toResults(status.mapValues(Outcome::result,
                        Named.as("match-status-result")), "match-status"), "status"))
                .defaultBranch(Branched.withConsumer(commands -> commands
                        .mapValues(Outcome::command, Named.as("match-erp-command"))
                        .to(Topics.ERP_COMMANDS.name(), produced(Topics.ERP_COMMANDS, "commands-sink")), "command"));

        // 9. Settlement batches: after the deposit delay (past the match deadline, so the batch's payments are posted),
        //    one CloseDeposit per version of each batch; an unreadable batch record is kept as it came.
        builder.stream(Topics.RAW_BATCHES.name(), Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("deposit-source"))
                .process(() -> new DepositProcessor(metrics, config.merchantZone(), config.depositDelay(), match.sweepInterval()),
                        Named.as("deposit"), DepositStore.NAME)
                .split(Named.as("deposit-"))
                .branch((key, out) -> out.isInvalid(), Branched.withConsumer(rejected -> rejected
                        .mapValues(DepositOutput::invalid, Named.as("deposit-invalid-record"))
                        .to(Topics.RAW_INVALID.name(), produced(Topics.RAW_INVALID, "deposit-invalid-sink")), "invalid"))
                .defaultBranch(Branched.withConsumer(commands -> commands
                        .mapValues(DepositOutput::command, Named.as("deposit-erp-command"))
                        .to(Topics.ERP_COMMANDS.name(), produced(Topics.ERP_COMMANDS, "deposit-commands-sink")), "command"));

        return builder.build();
    }

    private static void toResults(KStream<String, ErpResult> results, String name) {
        results.to(Topics.ERP_RESULTS.name(), produced(Topics.ERP_RESULTS, name + "-sink"));
    }

    private static void toReview(KStream<String, Outcome> review, String name) {
        review.mapValues(Outcome::item, Named.as(name + "-item"))
                .to(Topics.PAYMENTS_REVIEW.name(), produced(Topics.PAYMENTS_REVIEW, name + "-sink"));
    }

    private static Repartitioned<String, MatchInput> byCustomer(String name, ProcessorConfig.MatchSettings match) {
        return Repartitioned.<String, MatchInput>as(name)
                .withKeySerde(Serdes.String())
                .withValueSerde(new MatchInputSerde())
                .withNumberOfPartitions(match.partitions());
    }

    private static <K, V> Consumed<K, V> consumed(Topic<K, V> topic, String name) {
        return Consumed.with(topic.keySerde(), topic.valueSerde()).withName(name);
    }

    private static <K, V> Produced<K, V> produced(Topic<K, V> topic, String name) {
        return Produced.with(topic.keySerde(), topic.valueSerde()).withName(name);
    }
}
