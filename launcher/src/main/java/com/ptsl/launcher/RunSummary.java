package com.ptsl.launcher;

import com.ptsl.launcher.lifecycle.ChainOutcome;
import com.ptsl.launcher.lifecycle.LifecycleCheck;
import com.ptsl.launcher.traffic.AccuracyScore;
import com.ptsl.launcher.traffic.GroundTruthRow;
import com.ptsl.sandbox.sl.ArDocRow;
import com.ptsl.sandbox.sl.BatchRow;
import com.ptsl.schemas.avro.ErpResult;
import com.ptsl.schemas.avro.ResultStatus;
import com.ptsl.service.metrics.Scrape;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What one run did: the services' figures read from their own {@code /metrics} (the meters are the one source of
 * truth), per-payment latencies from erp.results, the §5 invariants checked against the SL database itself
 * rather than against what the services claim, and the accuracy of the matching against the ground truth
 * written before the run was looked at. "Approved" in the invariants means what the ground truth says SL must
 * get: an approved payment whose customer SL knows (a payment nobody can be found for is reviewed, not posted).
 *
 * <p>Scaled out ({@code --instances}), the processor's and the sink's figures are their instances' summed, a killed
 * instance's as it had them just before the kill; work it had not committed is done again by a survivor and counted
 * again, so those counts may exceed the unique work. The invariants read SL, so they are exact either way.
 */
record RunSummary(int salesMade, long approved, BigDecimal approvedTotal,
                  long polled, Map<String, Long> publishedBySource, long pansScrubbed,
                  long duplicatesDropped, long invalid, long commands,
                  Map<String, Long> resultsByStatus,
                  int paDocuments, BigDecimal postedTotal, Map<String, Boolean> batchesBalanced,
                  Percentiles saleToSl, Percentiles gatewayToSl, Percentiles heldGatewayToSl,
                  long e2eObserved, long e2eWithinObjective,
                  Map<String, Boolean> invariants, String mix, Path groundTruth, AccuracyScore score,
                  List<String> lifecycle, Map<String, Long> batchStatuses, List<String> scaleOut) {

    static RunSummary collect(EmbeddedPipeline pipeline, String mix, List<GroundTruthRow> truth, Path groundTruth,
                              AccuracyScore score, Map<String, ErpResult> results, Map<String, Scrape> scrapes,
                              List<ChainOutcome> chains, List<String> scaleOut) {
        Map<String, GroundTruthRow> approvedSales = truth.stream().filter(GroundTruthRow::approved)
                .collect(Collectors.toMap(GroundTruthRow::transactionId, Function.identity()));
        Set<String> declined = truth.stream().filter(r -> !r.approved())
                .map(GroundTruthRow::transactionId).collect(Collectors.toSet());
        Set<String> toPost = truth.stream().filter(GroundTruthRow::expectsPosting)
                .map(GroundTruthRow::transactionId).collect(Collectors.toSet());
        BigDecimal approvedTotal = approvedSales.values().stream().map(GroundTruthRow::amount).reduce(BigDecimal.ZERO, BigDecimal::add);

        // A payment document's RefNbr is the PayTrace transaction id.
        List<ArDocRow> payments = pipeline.sl().queries().documents("PA");
        Map<String, Long> paPerTransaction = payments.stream()
                .collect(Collectors.groupingBy(ArDocRow::refNbr, Collectors.counting()));
        List<ArDocRow> runPayments = payments.stream().filter(d -> approvedSales.containsKey(d.refNbr())).toList();
        BigDecimal postedTotal = runPayments.stream().map(ArDocRow::origDocAmt).reduce(BigDecimal.ZERO, BigDecimal::add);
        Map<String, BigDecimal> postedPerCustomer = runPayments.stream().collect(Collectors.groupingBy(ArDocRow::custId,
                TreeMap::new, Collectors.reducing(BigDecimal.ZERO, ArDocRow::origDocAmt, BigDecimal::add)));
        Map<String, BigDecimal> expectedPerCustomer = truth.stream().filter(GroundTruthRow::expectsPosting)
                .collect(Collectors.groupingBy(GroundTruthRow::expectedCustId, TreeMap::new,
                        Collectors.reducing(BigDecimal.ZERO, GroundTruthRow::amount, BigDecimal::add)));

        Map<String, Boolean> balanced = new TreeMap<>();
        payments.stream().collect(Collectors.groupingBy(ArDocRow::batNbr,
                        Collectors.reducing(BigDecimal.ZERO, ArDocRow::origDocAmt, BigDecimal::add)))
                .forEach((batNbr, sum) -> balanced.put(batNbr, pipeline.sl().queries().batch("AR", batNbr)
                        .map(BatchRow::ctrlTot).map(ctrl -> ctrl.compareTo(sum) == 0).orElse(false)));

        List<Long> saleToSl = new ArrayList<>();
        List<Long> gatewayToSl = new ArrayList<>();
        List<Long> heldGatewayToSl = new ArrayList<>();
        for (ErpResult result : results.values()) {
            if (!result.getCommandId().startsWith("PostPayment:")) {
                continue; // a payment's latency is its posting's; voids, refunds and status events are not payments
            }
            GroundTruthRow sale = approvedSales.get(result.getSourceTransactionId());
            if (sale != null && sale.madeAt() != null && result.getStatus() == ResultStatus.APPLIED) {
                long fromGateway = result.getProcessedAt().toEpochMilli() - result.getSourceReceivedAt().toEpochMilli();
                // Payments planned to wait for their invoice (entered later, or never: the deadline) are reported apart.
                if (sale.enteredInvoice() != null || "DEADLINE_PASSED".equals(sale.expectedReview())) {
                    heldGatewayToSl.add(fromGateway);
                    continue;
                }
                saleToSl.add(result.getProcessedAt().toEpochMilli() - sale.madeAt().toEpochMilli());
                gatewayToSl.add(fromGateway);
            }
        }

        Map<String, Boolean> invariants = new LinkedHashMap<>();
        invariants.put("every approved sale of a known customer has exactly one SL payment document",
                toPost.stream().allMatch(id -> paPerTransaction.getOrDefault(id, 0L) == 1));
        invariants.put("no PayTrace transaction has more than one SL payment document",
                paPerTransaction.values().stream().allMatch(n -> n <= 1));
        invariants.put("sum posted to SL = sum approved, per customer of the ground truth (unknown: none)",
                sameAmounts(postedPerCustomer, expectedPerCustomer));
        invariants.put("declined sales posted nothing", declined.stream().noneMatch(paPerTransaction::containsKey));
        invariants.put("every SL batch control total = sum of its documents (payments, reversals, refunds)",
                balanced.values().stream().allMatch(b -> b) && memoBatchesBalanced(pipeline, truth, chains));
        invariants.put("no amount applied to an invoice the ground truth does not give the payment",
                score.wrongApplications().isEmpty());
        LifecycleCheck lifecycle = LifecycleCheck.of(pipeline.sl().queries(), truth, chains, results);
        invariants.put("per customer, SL cash (PA - NS - refund DM) = PayTrace net (sales + captures - voids - refunds)",
                lifecycle.cashMatches());
        invariants.put("no invoice over-applied (DocBal less what unreleased batches apply >= 0)", lifecycle.noInvoiceOverApplied());
        invariants.put("every lifecycle chain has each of its results (applied, or a status event)", lifecycle.chainsComplete());

        Scrape gw = scrapes.get("ingest-gateway");
        Scrape proc = scrapes.get("stream-processor");
        Scrape sink = scrapes.get("erp-sink");
        Map<String, Long> byStatus = new TreeMap<>();
        sink.by("ptsl_sink_commands_total", "result").forEach((result, n) -> {
            if (n > 0) {
                byStatus.put(result, n.longValue());
            }
        });
        return new RunSummary(truth.size(), approvedSales.size(), approvedTotal,
                count(gw, "ptsl_gateway_records_read_total"), bySource(gw),
                count(gw, "ptsl_gateway_pans_scrubbed_total"),
                count(proc, "ptsl_processor_duplicates_dropped_total"), count(proc, "ptsl_processor_invalid_records_total"),
                count(proc, "ptsl_processor_commands_total"),
                byStatus, runPayments.size(),
                postedTotal, balanced, Percentiles.of(saleToSl), Percentiles.of(gatewayToSl), Percentiles.of(heldGatewayToSl),
                count(sink, "ptsl_e2e_gateway_to_sl_seconds_count"),
                (long) sink.total("ptsl_e2e_gateway_to_sl_seconds_bucket", "le", "1.0"), invariants,
                mix, groundTruth, score, lifecycle.lines(), batchStatuses(pipeline, truth, chains), List.copyOf(scaleOut));
    }

    /** Records the gateway published, by how they came in (PUSH, SILENT_POST, POLL). */
    private static Map<String, Long> bySource(Scrape gateway) {
        Map<String, Long> bySource = new TreeMap<>();
        gateway.by("ptsl_gateway_records_published_total", "source").forEach((source, n) -> bySource.put(source, n.longValue()));
        return bySource;
    }

    /**
     * The integration's batches that hold the run's documents, counted by Batch.Status: B waits for SL's release, U
     * was released (the sandbox's pp_08400), V was emptied by voids.
     */
    private static Map<String, Long> batchStatuses(EmbeddedPipeline pipeline, List<GroundTruthRow> truth, List<ChainOutcome> chains) {
        Set<String> transactions = runTransactions(truth, chains);
        Set<String> batches = new java.util.TreeSet<>();
        for (String docType : List.of("PA", "NS", "CM", "DM")) {
            pipeline.sl().queries().documents(docType).stream().filter(d -> transactions.contains(d.refNbr()))
                    .forEach(d -> batches.add(d.batNbr()));
        }
        return batches.stream().map(b -> pipeline.sl().queries().batch("AR", b).map(BatchRow::status).orElse("?"))
                .collect(Collectors.groupingBy(Function.identity(), TreeMap::new, Collectors.counting()));
    }

    /** The run's NS, CM and DM batches (08240, 08010): control total = Σ documents, as for the payment batches. */
    private static boolean memoBatchesBalanced(EmbeddedPipeline pipeline, List<GroundTruthRow> truth, List<ChainOutcome> chains) {
        Set<String> transactions = runTransactions(truth, chains);
        Map<String, BigDecimal> perBatch = new TreeMap<>();
        for (String docType : List.of("NS", "CM", "DM")) {
            pipeline.sl().queries().documents(docType).stream().filter(d -> transactions.contains(d.refNbr()))
                    .forEach(d -> perBatch.merge(d.batNbr(), d.origDocAmt(), BigDecimal::add));
        }
        return perBatch.entrySet().stream().allMatch(e -> pipeline.sl().queries().batch("AR", e.getKey())
                .map(b -> b.ctrlTot().compareTo(e.getValue()) == 0).orElse(false));
    }

    private static Set<String> runTransactions(List<GroundTruthRow> truth, List<ChainOutcome> chains) {
        Set<String> transactions = new HashSet<>();
        truth.forEach(r -> transactions.add(r.transactionId()));
        chains.forEach(c -> transactions.addAll(c.transactions()));
        return transactions;
    }

    /** Per key, compared as money (1.50 = 1.5); a key with 0 counts as absent. */
    static boolean sameAmounts(Map<String, BigDecimal> a, Map<String, BigDecimal> b) {
        Set<String> keys = new HashSet<>(a.keySet());
        keys.addAll(b.keySet());
        return keys.stream().allMatch(k -> a.getOrDefault(k, BigDecimal.ZERO).compareTo(b.getOrDefault(k, BigDecimal.ZERO)) == 0);
    }

    private static long count(Scrape scrape, String counter) {
        return (long) scrape.total(counter);
    }

    /** The §5 invariants and "no wrong application": the run's exit code is 0 only when this holds. */
    boolean invariantsHold() {
        return invariants.values().stream().allMatch(b -> b);
    }

    void print(PrintStream out) {
        out.println();
        out.println("=== PayTrace -> Kafka -> Dynamics SL: run summary ===");
        out.printf("  sales made in the PayTrace sandbox   %d (approved %d, total %s; %s mix)%n", salesMade, approved,
                approvedTotal.toPlainString(), mix);
        out.printf("  ground truth                         %s%n", groundTruth);
        long published = publishedBySource.values().stream().mapToLong(Long::longValue).sum();
        out.printf("  records read by ingest-gateway polls %d; published to Kafka %d %s, PANs scrubbed %d%n", polled, published,
                publishedBySource, pansScrubbed);
        out.printf("  stream-processor                     %d duplicates dropped, %d invalid, %d ERP commands%n", duplicatesDropped, invalid, commands);
        out.printf("  erp-sink results                     %s%n", resultsByStatus);
        if (!scaleOut.isEmpty()) {
            out.println("  scale-out (processor and sink figures above: summed over instances, a killed one's as of the kill;");
            out.println("             work it had not committed was redone by a survivor and is counted twice):");
            scaleOut.forEach(line -> out.println("    " + line));
        }
        out.printf("  SL payment documents (PA) written    %d, total %s, in %d batch(es) %s%n",
                paDocuments, postedTotal.toPlainString(), batchesBalanced.size(), batchesBalanced.keySet());
        out.printf("  SL batches of the run by status       %s (B awaits SL's release, U released by the sandbox's pp_08400)%n",
                batchStatuses);
        out.printf("  latency sale -> SL commit            %s (decided at once)%n", saleToSl.format());
        out.printf("  latency gateway receipt -> SL commit %s%n", gatewayToSl.format());
        out.printf("  held for their invoice (by design)   %s%n", heldGatewayToSl.format());
        out.printf("  objective (gateway -> SL within 1 s) %d of %d payments (ptsl_e2e_gateway_to_sl_seconds)%n",
                e2eWithinObjective, e2eObserved);
        out.println("  accuracy (SL's payment documents and the review queue against the ground truth):");
        score.format().forEach(line -> out.println(line.isEmpty() ? "" : "    " + line));
        if (!lifecycle.isEmpty()) {
            out.println("  lifecycle chains (every card transaction kind, end to end):");
            lifecycle.forEach(line -> out.println("    " + line));
        }
        out.println("  invariants (checked in the SL database):");
        invariants.forEach((name, ok) -> out.printf("    [%s] %s%n", ok ? " ok " : "FAIL", name));
        out.println();
    }
}
