package com.ptsl.launcher.lifecycle;

import com.ptsl.launcher.traffic.GroundTruthRow;
import com.ptsl.sandbox.sl.ArDocRow;
import com.ptsl.sandbox.sl.ArTranRow;
import com.ptsl.sandbox.sl.SlQueries;
import com.ptsl.schemas.avro.ErpResult;
import com.ptsl.schemas.avro.ResultStatus;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The lifecycle invariants of a run, read from the SL database itself: per customer, the cash SL shows (payments, less
 * NS reversals, less refund cash-out debit memos) equals what PayTrace kept (sales and captures, less voids and
 * refunds); no invoice is applied beyond its balance; every chain produced each result it must.
 */
public record LifecycleCheck(boolean cashMatches, boolean noInvoiceOverApplied, boolean chainsComplete, List<String> lines) {

    /** Float columns: a cent's fraction of noise is not a difference. */
    private static final BigDecimal TOLERANCE = new BigDecimal("0.005");

    public static LifecycleCheck of(SlQueries sl, List<GroundTruthRow> truth, List<ChainOutcome> chains,
                                    Map<String, ErpResult> results) {
        Set<String> transactions = new HashSet<>();
        truth.forEach(r -> transactions.add(r.transactionId()));
        chains.forEach(c -> transactions.addAll(c.transactions()));

        Map<String, BigDecimal> slCash = new TreeMap<>();
        add(slCash, sl.documents("PA"), transactions, BigDecimal.ONE);
        add(slCash, sl.documents("NS"), transactions, BigDecimal.ONE.negate());
        add(slCash, sl.documents("DM"), transactions, BigDecimal.ONE.negate());

        Map<String, BigDecimal> payTraceNet = new TreeMap<>();
        truth.stream().filter(GroundTruthRow::expectsPosting)
                .forEach(r -> payTraceNet.merge(r.expectedCustId(), r.amount(), BigDecimal::add));
        chains.forEach(c -> payTraceNet.merge(c.plan().custId(), c.payTraceNet(), BigDecimal::add));
        boolean cash = same(slCash, payTraceNet);

        boolean notOverApplied = overApplied(sl).isEmpty();

        List<String> lines = new ArrayList<>();
        boolean complete = true;
        Map<Chain, List<ChainOutcome>> byChain = new EnumMap<>(Chain.class);
        chains.forEach(c -> byChain.computeIfAbsent(c.plan().chain(), k -> new ArrayList<>()).add(c));
        for (Map.Entry<Chain, List<ChainOutcome>> e : byChain.entrySet()) {
            int ok = 0;
            Set<String> events = new TreeSet<>();
            for (ChainOutcome c : e.getValue()) {
                boolean all = c.problem() == null;
                for (String commandId : c.expectedCommands()) {
                    ErpResult r = results.get(commandId);
                    all &= r != null && r.getStatus() != ResultStatus.REJECTED;
                    if (r != null) {
                        events.add(r.getEvent().isEmpty() ? r.getStatus().name() : r.getEvent());
                    }
                }
                ok += all ? 1 : 0;
            }
            complete &= ok == e.getValue().size();
            lines.add(String.format("%-24s %d/%d ok   %s; SL: %s; seen: %s", e.getKey(), ok, e.getValue().size(),
                    e.getKey().what(), e.getKey().expected(), String.join(", ", events)));
        }
        if (!cash) {
            lines.add("cash differs for customers " + differing(slCash, payTraceNet));
        }
        return new LifecycleCheck(cash, notOverApplied, complete, List.copyOf(lines));
    }

    /** Invoices whose balance, less what unreleased payment batches already apply to them, is below zero. */
    static List<String> overApplied(SlQueries sl) {
        Map<String, BigDecimal> pending = new HashMap<>();
        for (ArTranRow line : sl.applicationLines("PA")) {
            pending.merge(line.custId() + "|" + line.siteId(), line.tranAmt(), BigDecimal::add);
        }
        List<String> over = new ArrayList<>();
        for (ArDocRow invoice : sl.documents("IN")) {
            BigDecimal left = invoice.docBal().subtract(pending.getOrDefault(invoice.custId() + "|" + invoice.refNbr(), BigDecimal.ZERO));
            if (left.compareTo(TOLERANCE.negate()) < 0) {
                over.add(invoice.refNbr());
            }
        }
        return over;
    }

    private static void add(Map<String, BigDecimal> cash, List<ArDocRow> documents, Set<String> transactions, BigDecimal sign) {
        documents.stream().filter(d -> transactions.contains(d.refNbr()))
                .forEach(d -> cash.merge(d.custId(), d.origDocAmt().multiply(sign), BigDecimal::add));
    }

    private static boolean same(Map<String, BigDecimal> a, Map<String, BigDecimal> b) {
        return differing(a, b).isEmpty();
    }

    private static Set<String> differing(Map<String, BigDecimal> a, Map<String, BigDecimal> b) {
        Set<String> keys = new TreeSet<>(a.keySet());
        keys.addAll(b.keySet());
        return keys.stream().filter(k -> a.getOrDefault(k, BigDecimal.ZERO).subtract(b.getOrDefault(k, BigDecimal.ZERO)).abs()
                .compareTo(TOLERANCE) > 0).collect(Collectors.toCollection(TreeSet::new));
    }
}
