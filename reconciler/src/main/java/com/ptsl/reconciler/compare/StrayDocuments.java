package com.ptsl.reconciler.compare;

import com.ptsl.reconciler.model.Evidence;
import com.ptsl.reconciler.model.Money;
import com.ptsl.reconciler.model.SlDocument;
import com.ptsl.reconciler.report.Category;
import com.ptsl.reconciler.report.Line;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * UNKNOWN_TO_PAYTRACE: integration documents (marked "PayTrace &lt;tx&gt;" or made by the sink's program) dated in the
 * window's days, for a transaction PayTrace reported nothing of in the window and the sink's ledger has no command for.
 * One line per transaction, naming every such document.
 */
public final class StrayDocuments {

    /** Line.kind of a transaction PayTrace never reported. */
    public static final String NOT_REPORTED = "NOT_REPORTED";

    private StrayDocuments() {
    }

    public static List<Line> lines(Evidence evidence) {
        List<Line> out = new ArrayList<>();
        for (Map.Entry<String, List<SlDocument>> e : evidence.strayDocuments().entrySet()) {
            String tx = e.getKey();
            if (evidence.strayKnownToLedger(tx)) {
                continue; // the integration posted it: a transaction from before the window, not a stranger
            }
            List<SlDocument> docs = e.getValue();
            long sl = TransactionCategoriser.cash(docs);
            List<String> labels = new ArrayList<>();
            docs.forEach(d -> labels.add(d.label() + " (customer " + d.custId() + ", " + Money.text(d.amountCents()) + ")"));
            List<String> names = new ArrayList<>();
            docs.forEach(d -> names.add(d.label()));
            SlDocument first = docs.get(0);
            String detail = "SL has " + String.join(", ", labels) + " marked as PayTrace transaction " + tx
                    + ", but PayTrace reported no such transaction in the window and the integration's ledger has no command for it";
            out.add(new Line(Category.UNKNOWN_TO_PAYTRACE, tx, NOT_REPORTED, "", first.custId(), LocalDate.ofEpochDay(first.docDay()), null,
                    Money.amount(0), Money.amount(sl), names, detail));
        }
        return out;
    }
}
