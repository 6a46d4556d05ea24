package com.ptsl.launcher.traffic;

import com.ptsl.sandbox.sl.ArAdjustRow;
import com.ptsl.sandbox.sl.ArDocRow;
import com.ptsl.sandbox.sl.ArTranRow;
import com.ptsl.sandbox.sl.SlQueries;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Reads the run's payments back from SL itself (JDBC), not from what the services report. */
public final class SlPostings {

    private SlPostings() {
    }

    /**
     * The PA documents whose RefNbr is one of {@code transactionIds}, with where their money went, by RefNbr: the
     * 'U' lines of an unreleased payment, the ARAdjust rows (net of reversals) of a released one, whose unapplied rest
     * is then its DocBal (release moves ApplAmt there).
     */
    public static Map<String, PostedPayment> read(SlQueries sl, Set<String> transactionIds) {
        List<ArDocRow> documents = sl.documents("PA").stream().filter(d -> transactionIds.contains(d.refNbr())).toList();
        Map<String, List<ArTranRow>> lines = sl.applicationLines("PA").stream()
                .filter(l -> transactionIds.contains(l.refNbr()))
                .collect(Collectors.groupingBy(l -> l.custId() + "|" + l.refNbr()));
        Map<String, List<ArAdjustRow>> released = sl.adjustments("PA").stream()
                .filter(a -> transactionIds.contains(a.adjgRefNbr()))
                .collect(Collectors.groupingBy(a -> a.custId() + "|" + a.adjgRefNbr()));
        Map<String, Long> perRefNbr = documents.stream().collect(Collectors.groupingBy(ArDocRow::refNbr, Collectors.counting()));
        Map<String, PostedPayment> posted = new HashMap<>();
        for (ArDocRow doc : documents) {
            if (posted.containsKey(doc.refNbr())) {
                continue; // a second document for one transaction: counted in documents, the invariants report it
            }
            Map<String, BigDecimal> applications = new LinkedHashMap<>();
            for (ArTranRow line : lines.getOrDefault(doc.custId() + "|" + doc.refNbr(), List.of())) {
                applications.merge(line.siteId(), line.tranAmt(), BigDecimal::add);
            }
            for (ArAdjustRow row : released.getOrDefault(doc.custId() + "|" + doc.refNbr(), List.of())) {
                applications.merge(row.adjdRefNbr(), row.adjAmt(), BigDecimal::add);
            }
            applications.values().removeIf(amount -> amount.signum() == 0); // applied, then reversed
            BigDecimal unapplied = doc.rlsed() == 1 ? doc.docBal() : doc.applAmt();
            posted.put(doc.refNbr(), new PostedPayment(doc.refNbr(), doc.custId(), doc.origDocAmt(), unapplied,
                    applications, perRefNbr.get(doc.refNbr()).intValue()));
        }
        return posted;
    }
}
