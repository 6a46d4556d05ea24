package com.ptsl.launcher;

import com.ptsl.sandbox.paytrace.TrafficGenerator.SaleMade;
import com.ptsl.sandbox.sl.ArDocRow;
import com.ptsl.sandbox.sl.BatchRow;
import com.ptsl.schemas.avro.ErpResult;
import com.ptsl.schemas.avro.ResultStatus;
import com.ptsl.service.metrics.Scrape;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What one run did: the services' figures read from their own {@code /metrics} (the meters are the one source of
 * truth), per-payment latencies from erp.results, and the §5 invariants checked against the SL database itself
 * rather than against what the services claim.
 */
record RunSummary(int salesMade, long approved, BigDecimal approvedTotal,
                  long polled, long published, long pansScrubbed,
                  long duplicatesDropped, long invalid, long commands,
                  Map<String, Long> resultsByStatus,
                  int paDocuments, BigDecimal postedTotal, Map<String, Boolean> batchesBalanced,
                  Percentiles saleToSl, Percentiles gatewayToSl, long e2eObserved, long e2eWithinObjective,
                  Map<String, Boolean> invariants) {

    static RunSummary collect(EmbeddedPipeline pipeline, List<SaleMade> made, Map<String, ErpResult> results,
                              Map<String, Scrape> scrapes) {
        Map<String, SaleMade> approvedSales = made.stream().filter(SaleMade::approved)
                .collect(Collectors.toMap(s -> Long.toString(s.transactionId()), Function.identity()));
        Set<String> declined = made.stream().filter(s -> !s.approved())
                .map(s -> Long.toString(s.transactionId())).collect(Collectors.toSet());
        BigDecimal approvedTotal = approvedSales.values().stream().map(SaleMade::amount).reduce(BigDecimal.ZERO, BigDecimal::add);

        List<ArDocRow> payments = pipeline.sl().queries().documents("PA");
        Map<String, Long> paPerTransaction = payments.stream()
                .collect(Collectors.groupingBy(ArDocRow::custOrdNbr, Collectors.counting()));
        BigDecimal postedTotal = payments.stream().filter(d -> approvedSales.containsKey(d.custOrdNbr()))
                .map(ArDocRow::origDocAmt).reduce(BigDecimal.ZERO, BigDecimal::add);

        Map<String, Boolean> balanced = new TreeMap<>();
        payments.stream().collect(Collectors.groupingBy(ArDocRow::batNbr,
                        Collectors.reducing(BigDecimal.ZERO, ArDocRow::origDocAmt, BigDecimal::add)))
                .forEach((batNbr, sum) -> balanced.put(batNbr, pipeline.sl().queries().batch("AR", batNbr)
                        .map(BatchRow::ctrlTot).map(ctrl -> ctrl.compareTo(sum) == 0).orElse(false)));

        List<Long> saleToSl = new ArrayList<>();
        List<Long> gatewayToSl = new ArrayList<>();
        for (ErpResult result : results.values()) {
            SaleMade sale = approvedSales.get(result.getSourceTransactionId());
            if (sale != null && result.getStatus() == ResultStatus.APPLIED) {
                saleToSl.add(result.getProcessedAt().toEpochMilli() - sale.madeAt().toEpochMilli());
                gatewayToSl.add(result.getProcessedAt().toEpochMilli() - result.getSourceReceivedAt().toEpochMilli());
            }
        }

        Map<String, Boolean> invariants = new LinkedHashMap<>();
        invariants.put("every approved sale has exactly one SL payment document",
                approvedSales.keySet().stream().allMatch(id -> paPerTransaction.getOrDefault(id, 0L) == 1));
        invariants.put("no PayTrace transaction has more than one SL payment document",
                paPerTransaction.values().stream().allMatch(n -> n <= 1));
        invariants.put("sum posted to SL = sum of approved PayTrace amounts", postedTotal.compareTo(approvedTotal) == 0);
        invariants.put("declined sales posted nothing", declined.stream().noneMatch(paPerTransaction::containsKey));
        invariants.put("every SL batch control total = sum of its documents", balanced.values().stream().allMatch(b -> b));

        Scrape gw = scrapes.get("ingest-gateway");
        Scrape proc = scrapes.get("stream-processor");
        Scrape sink = scrapes.get("erp-sink");
        Map<String, Long> byStatus = new TreeMap<>();
        sink.by("ptsl_sink_commands_total", "result").forEach((result, n) -> {
            if (n > 0) {
                byStatus.put(result, n.longValue());
            }
        });
        return new RunSummary(made.size(), approvedSales.size(), approvedTotal,
                count(gw, "ptsl_gateway_records_read_total"), count(gw, "ptsl_gateway_records_published_total"),
                count(gw, "ptsl_gateway_pans_scrubbed_total"),
                count(proc, "ptsl_processor_duplicates_dropped_total"), count(proc, "ptsl_processor_invalid_records_total"),
                count(proc, "ptsl_processor_commands_total"),
                byStatus, (int) payments.stream().filter(d -> approvedSales.containsKey(d.custOrdNbr())).count(),
                postedTotal, balanced, Percentiles.of(saleToSl), Percentiles.of(gatewayToSl),
                count(sink, "ptsl_e2e_gateway_to_sl_seconds_count"),
                (long) sink.total("ptsl_e2e_gateway_to_sl_seconds_bucket", "le", "1.0"), invariants);
    }

    private static long count(Scrape scrape, String counter) {
        return (long) scrape.total(counter);
    }

    boolean invariantsHold() {
        return invariants.values().stream().allMatch(b -> b);
    }

    void print(PrintStream out) {
        out.println();
        out.println("=== PayTrace -> Kafka -> Dynamics SL: run summary ===");
        out.printf("  sales made in the PayTrace sandbox   %d (approved %d, total %s)%n", salesMade, approved, approvedTotal.toPlainString());
        out.printf("  records polled by ingest-gateway     %d (published to Kafka %d, PANs scrubbed %d)%n", polled, published, pansScrubbed);
        out.printf("  stream-processor                     %d duplicates dropped, %d invalid, %d ERP commands%n", duplicatesDropped, invalid, commands);
        out.printf("  erp-sink results                     %s%n", resultsByStatus);
        out.printf("  SL payment documents (PA) written    %d, total %s, in %d batch(es) %s%n",
                paDocuments, postedTotal.toPlainString(), batchesBalanced.size(), batchesBalanced.keySet());
        out.printf("  latency sale -> SL commit            %s%n", saleToSl.format());
        out.printf("  latency gateway receipt -> SL commit %s%n", gatewayToSl.format());
        out.printf("  objective (gateway -> SL within 1 s) %d of %d payments (ptsl_e2e_gateway_to_sl_seconds)%n",
                e2eWithinObjective, e2eObserved);
        out.println("  invariants (checked in the SL database):");
        invariants.forEach((name, ok) -> out.printf("    [%s] %s%n", ok ? " ok " : "FAIL", name));
        out.println();
    }
}
