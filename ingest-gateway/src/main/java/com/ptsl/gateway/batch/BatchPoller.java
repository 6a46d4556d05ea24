package com.ptsl.gateway.batch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.ptsl.gateway.GatewayMetrics;
import com.ptsl.gateway.fingerprint.Fingerprint;
import com.ptsl.gateway.json.Json;
import com.ptsl.gateway.paytrace.BatchExport;
import com.ptsl.gateway.pci.PanScrubber;
import com.ptsl.gateway.poll.Checkpoint;
import com.ptsl.gateway.poll.Ids;
import com.ptsl.gateway.poll.PublishFailedException;
import com.ptsl.gateway.publish.Acknowledgements;
import com.ptsl.gateway.publish.RawPublisher;
import com.ptsl.schemas.avro.InvalidRecord;
import com.ptsl.schemas.avro.RawSettlementBatch;
import org.apache.kafka.clients.producer.RecordMetadata;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;

/**
 * One poll of PayTrace's settlement batches: {@code batches/export} for the merchant-local days of the poll
 * window, then, for every batch not published yet or whose summary changed, {@code batches/transaction_list};
 * card numbers are masked in the summary and in every listed record ({@link PanScrubber}), and one
 * {@link RawSettlementBatch} per batch goes to {@code paytrace.batches.raw} keyed by batch number.
 *
 * <p>A batch whose summary fingerprint is in the checkpoint is not read further: a batch's members cannot change
 * without its counts and amounts changing. The checkpoint takes a batch only after the broker acknowledged it
 * (the caller saves the checkpoint). The records of a transaction list are facts about their transactions too
 * (settled), but they are not published to the raw transaction topic: the transaction poll and its re-reads by
 * id see the same settled records.
 *
 * <p>A summary without a usable {@code number} cannot be keyed: it goes to the invalid topic once, as
 * unkeyable transaction records do. No business rules here either: nothing in a batch is interpreted.
 */
public final class BatchPoller {

    /** {@link InvalidRecord#getSourceTopic()} for a batch summary that cannot be keyed. */
    public static final String EXPORT_SOURCE = "paytrace.batches.export";
    static final String SOURCE = "POLL";
    private static final String STAGE = "gateway";

    private final BatchExport payTrace;
    private final RawPublisher publisher;
    private final Checkpoint checkpoint;
    private final GatewayMetrics metrics;

    /**
     * What one batch poll did.
     *
     * @param seen                  batch summaries PayTrace returned
     * @param published             batches acknowledged on the batch topic
     * @param unchanged             summaries skipped because the checkpoint had their fingerprint
     * @param invalid               summaries without a usable number, acknowledged on the invalid topic
     * @param publishedBatchNumbers numbers of the published batches, in export order
     */
    public record Result(int seen, int published, int unchanged, int invalid, List<String> publishedBatchNumbers) {
        public static final Result NONE = new Result(0, 0, 0, 0, List.of());

        public Result {
            publishedBatchNumbers = List.copyOf(publishedBatchNumbers);
        }
    }

    /** A batch sent and not acknowledged yet; {@code batchNumber} null for an invalid summary. */
    private record Pending(String batchNumber, String summaryFingerprint, String fingerprint, int pans,
                           CompletableFuture<RecordMetadata> ack) {
    }

    public BatchPoller(BatchExport payTrace, RawPublisher publisher, Checkpoint checkpoint, GatewayMetrics metrics) {
        this.payTrace = payTrace;
        this.publisher = publisher;
        this.checkpoint = checkpoint;
        this.metrics = metrics;
    }

    /**
     * Polls the batches settled on [from, today]. Throws on a PayTrace failure or a batch Kafka did not acknowledge,
     * after the checkpoint took in every batch that was acknowledged.
     */
    public Result poll(LocalDate from, LocalDate today, Instant receivedAt) {
        List<ObjectNode> summaries = payTrace.exportBatches(from, today);
        List<Pending> pending = new ArrayList<>();
        Set<String> sentThisPoll = new HashSet<>();
        int unchanged = 0;
        RuntimeException payTraceFailure = null;
        for (ObjectNode exported : summaries) {
            PanScrubber.ScrubbedRecord summary = PanScrubber.scrub(exported);
            String summaryFingerprint = Fingerprint.of(summary.record());
            String number = Ids.text(summary.record().get("number"));
            if (number == null) {
                if (checkpoint.isInvalidPublished(summaryFingerprint) || !sentThisPoll.add("invalid:" + summaryFingerprint)) {
                    checkpoint.invalidSeen(summaryFingerprint, today);
                    unchanged++;
                    metrics.batchUnchanged();
                } else {
                    pending.add(new Pending(null, summaryFingerprint, summaryFingerprint, summary.pansScrubbed(),
                            publisher.publishInvalid(invalid(summary.record(), receivedAt))));
                }
                continue;
            }
            if (checkpoint.isBatchPublished(number, summaryFingerprint) || sentThisPoll.contains(number)) {
                checkpoint.batchSeen(number, today);
                unchanged++;
                metrics.batchUnchanged();
                continue;
            }
            List<ObjectNode> transactions;
            try {
                transactions = payTrace.batchTransactions(number);
            } catch (RuntimeException e) {
                payTraceFailure = e; // the batches sent so far still get their acknowledgements checked
                break;
            }
            sentThisPoll.add(number);
            BatchRecord built = build(number, summary, transactions, receivedAt);
            pending.add(new Pending(number, summaryFingerprint, built.record().getFingerprint(), built.pans(),
                    publisher.publishBatch(built.record())));
        }
        publisher.flush();
        Result result = awaitAcknowledgements(summaries.size(), unchanged, pending, today);
        if (payTraceFailure != null) {
            throw payTraceFailure;
        }
        return result;
    }

    private record BatchRecord(RawSettlementBatch record, int pans) {
    }

    /**
     * The fingerprint covers the scrubbed summary and the sorted id list, as the contract says; the listed records'
     * content is carried in {@code transactionsJson} but does not decide whether a batch is new.
     */
    private static BatchRecord build(String number, PanScrubber.ScrubbedRecord summary, List<ObjectNode> transactions,
                                     Instant receivedAt) {
        int pans = summary.pansScrubbed();
        ArrayNode scrubbedTransactions = Json.MAPPER.createArrayNode();
        TreeSet<String> ids = new TreeSet<>(Ids.ASCENDING);
        for (ObjectNode transaction : transactions) {
            PanScrubber.ScrubbedRecord scrubbed = PanScrubber.scrub(transaction);
            pans += scrubbed.pansScrubbed();
            scrubbedTransactions.add(scrubbed.record());
            String id = Ids.text(scrubbed.record().get("transaction_id"));
            if (id != null) {
                ids.add(id);
            }
        }
        List<String> idList = List.copyOf(ids);
        RawSettlementBatch record = RawSettlementBatch.newBuilder()
                .setBatchNumber(number)
                .setSource(SOURCE)
                .setReceivedAt(receivedAt)
                .setJson(Json.compact(summary.record()))
                .setTransactionIds(idList)
                .setTransactionsJson(Json.compact(scrubbedTransactions))
                .setFingerprint(fingerprint(summary.record(), idList))
                .build();
        return new BatchRecord(record, pans);
    }

    /** SHA-256 of the canonical {@code {"summary":…,"transactionIds":[…]}}. */
    static String fingerprint(JsonNode scrubbedSummary, List<String> sortedIds) {
        ObjectNode basis = Json.object();
        basis.set("summary", scrubbedSummary);
        ArrayNode ids = basis.putArray("transactionIds");
        sortedIds.forEach(ids::add);
        return Fingerprint.of(basis);
    }

    private Result awaitAcknowledgements(int seen, int unchanged, List<Pending> pending, LocalDate today) {
        Acknowledgements.awaitAll(pending.stream().map(Pending::ack).toList());
        int published = 0;
        int invalid = 0;
        int failed = 0;
        Throwable firstFailure = null;
        List<String> numbers = new ArrayList<>();
        for (Pending p : pending) {
            Throwable failure = Acknowledgements.failureOf(p.ack());
            if (failure != null) {
                failed++;
                firstFailure = firstFailure == null ? failure : firstFailure;
                continue;
            }
            if (p.batchNumber() == null) {
                checkpoint.invalidPublished(p.summaryFingerprint(), today);
                metrics.invalidPublished(p.pans());
                invalid++;
            } else {
                checkpoint.batchPublished(p.batchNumber(), p.summaryFingerprint(), p.fingerprint(), today);
                metrics.batchPublished(p.pans());
                numbers.add(p.batchNumber());
                published++;
            }
        }
        if (failed > 0) {
            throw new PublishFailedException(failed, pending.size(), firstFailure);
        }
        if (Thread.currentThread().isInterrupted()) {
            throw new IllegalStateException("Interrupted while waiting for Kafka acknowledgements");
        }
        return new Result(seen, published, unchanged, invalid, numbers);
    }

    private static InvalidRecord invalid(ObjectNode scrubbedSummary, Instant detectedAt) {
        JsonNode number = scrubbedSummary.get("number");
        String reason = number == null ? "missing field number: the batch cannot be keyed"
                : "field number is " + (number.isNull() ? "null" : "not an integer or non-blank text ("
                + number.getNodeType() + ")") + ": the batch cannot be keyed";
        return InvalidRecord.newBuilder()
                .setSourceTopic(EXPORT_SOURCE)
                .setSourcePartition(-1)
                .setSourceOffset(-1L)
                .setKey(null)
                .setValue(ByteBuffer.wrap(Json.compact(scrubbedSummary).getBytes(StandardCharsets.UTF_8)))
                .setStage(STAGE)
                .setReason(reason)
                .setDetectedAt(detectedAt)
                .build();
    }
}
