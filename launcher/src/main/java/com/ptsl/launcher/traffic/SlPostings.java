package com.ptsl.launcher.traffic;

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

    /** The PA documents whose RefNbr is one of {@code transactionIds}, with their 'U' lines, by RefNbr. */
    public static Map<String, PostedPayment> read(SlQueries sl, Set<String> transactionIds) {
        List<ArDocRow> documents = sl.documents("PA").stream().filter(d -> transactionIds.contains(d.refNbr())).toList();
        Map<String, List<ArTranRow>> lines = sl.applicationLines("PA").stream()
                .filter(l -> transactionIds.contains(l.refNbr()))
                .collect(Collectors.groupingBy(l -> l.custId() + "|" + l.refNbr()));
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
            posted.put(doc.refNbr(), new PostedPayment(doc.refNbr(), doc.custId(), doc.origDocAmt(), doc.applAmt(),
                    applications, perRefNbr.get(doc.refNbr()).intValue()));
        }
        return posted;
    }
}
