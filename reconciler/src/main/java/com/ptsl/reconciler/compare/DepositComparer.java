package com.ptsl.reconciler.compare;

import com.ptsl.reconciler.model.CommandRef;
import com.ptsl.reconciler.model.DeadLetter;
import com.ptsl.reconciler.model.DepositRecord;
import com.ptsl.reconciler.model.Evidence;
import com.ptsl.reconciler.model.Money;
import com.ptsl.reconciler.model.SettlementBatch;
import com.ptsl.reconciler.model.SlDocument;
import com.ptsl.reconciler.model.TransactionFacts;
import com.ptsl.reconciler.report.Category;
import com.ptsl.reconciler.report.Line;
import com.ptsl.reconciler.report.Total;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * One settlement batch against SL: PayTrace's net against the SL cash of its transactions (Σ PA − Σ NS for a sale,
 * − Σ DM for a refund) and against the deposit the erp-sink recorded (PTSL_Deposit). What open review items explain
 * is reported but is not a variance; anything else is a DEPOSIT_MISMATCH line naming the transactions that explain it,
 * or saying that SL has not recorded the deposit. A batch that agrees gets a MATCHED line, so every deposit of the
 * window is on the report.
 */
public final class DepositComparer {

    /** Line.kind of a settlement batch line. */
    public static final String DEPOSIT = "DEPOSIT";

    /** The batch's line and its row of the per-settlement-batch totals. */
    public record Result(Line line, Total total) {
    }

    private DepositComparer() {
    }

    /** @param categoryOf the category of a member transaction (the same categoriser that makes the transaction lines) */
    public static Result compare(SettlementBatch batch, Evidence evidence, Function<TransactionFacts, Category> categoryOf) {
        long sl = 0;
        long listed = 0;
        long explainedByReview = 0;
        long memberVariance = 0;
        List<String> explanations = new ArrayList<>();
        List<String> underReview = new ArrayList<>();
        TreeSet<String> slBatches = new TreeSet<>();
        for (SettlementBatch.Member m : batch.members()) {
            TransactionFacts f = evidence.known(m.transactionId());
            List<SlDocument> docs = f == null ? List.of() : f.documents();
            docs.forEach(d -> slBatches.add(d.batNbr()));
            long memberSl = TransactionCategoriser.cash(docs);
            long memberPt = m.amountKnown() ? m.signedCents() : f != null ? f.expectedCents() : 0;
            sl += memberSl;
            listed += memberPt;
            Category category = f == null ? Category.MISSING_IN_SL : categoryOf.apply(f);
            if (f != null && f.inWindow() && category.variance()) {
                memberVariance++;
            }
            if (memberSl == memberPt) {
                continue;
            }
            String what = "tx " + m.transactionId() + " " + (m.refund() ? "REFUND" : "SALE") + " " + Money.text(Math.abs(memberPt)) + ": "
                    + (docs.isEmpty() ? "not in SL" : "SL " + Money.text(Math.abs(memberSl)));
            if (category == Category.OPEN_REVIEW) {
                explainedByReview += memberSl - memberPt;
                underReview.add(what + " (open review item)");
            } else {
                explanations.add(what);
            }
        }
        long net = batch.netCents();
        long difference = sl - net;
        long unexplained = difference - explainedByReview;
        DepositRecord recorded = evidence.deposit(batch.number());

        Category category;
        String detail;
        if (unexplained != 0) {
            category = Category.DEPOSIT_MISMATCH;
            detail = "SL holds " + Money.text(sl) + " for settlement batch " + batch.number() + ", PayTrace's net is " + Money.text(net)
                    + " (difference " + Money.text(difference) + ")";
            if (!explanations.isEmpty()) {
                detail += ": " + String.join("; ", explanations);
            }
            if (listed != net) {
                detail += (explanations.isEmpty() ? ": " : "; ") + "PayTrace's net differs from the sum of the transactions it lists ("
                        + Money.text(listed) + ")";
            }
            if (!underReview.isEmpty()) {
                detail += "; explained by open review items: " + String.join("; ", underReview);
            }
        } else if (recorded == null) {
            category = Category.DEPOSIT_MISMATCH;
            detail = "not recorded in SL: " + notRecorded(batch, evidence);
        } else if (recorded.netCents() != net) {
            category = Category.DEPOSIT_MISMATCH;
            detail = "SL recorded the deposit of batch " + batch.number() + " with net " + Money.text(recorded.netCents())
                    + ", PayTrace's latest batch says " + Money.text(net) + " (a correction not recorded in SL yet)";
        } else if (difference != 0) {
            category = Category.OPEN_REVIEW;
            detail = "difference " + Money.text(difference) + " explained by open review items: " + String.join("; ", underReview);
        } else {
            category = Category.MATCHED;
            detail = "MISMATCH".equalsIgnoreCase(recorded.status())
                    ? "SL agrees now; PTSL_Deposit still says MISMATCH (recorded with SL amount " + Money.text(recorded.slCents()) + ")"
                    : "";
        }
        List<String> documents = new ArrayList<>();
        slBatches.forEach(b -> documents.add("Batch//" + b));
        Line line = new Line(category, null, DEPOSIT, "", "", batch.day(), batch.number(), Money.amount(net), Money.amount(sl), documents,
                detail);
        Total total = new Total(batch.number(), batch.members().size(), Money.amount(net), Money.amount(sl),
                memberVariance + (category.variance() ? 1 : 0));
        return new Result(line, total);
    }

    private static String notRecorded(SettlementBatch batch, Evidence evidence) {
        if (!evidence.depositsRecorded()) {
            return "this SL database has no PTSL_Deposit table (an erp-sink from before deposits)";
        }
        List<DeadLetter> letters = evidence.batchDeadLetters(batch.number());
        if (!letters.isEmpty()) {
            DeadLetter d = letters.get(0);
            return d.commandId() + " was refused by SL: " + d.reason();
        }
        CommandRef command = evidence.depositCommand(batch.number());
        if (command != null) {
            return command.commandId() + " is on erp.commands, but PTSL_Deposit has no row for batch " + batch.number()
                    + " (the sink has not applied it)";
        }
        return "no CloseDeposit command for batch " + batch.number() + " yet (the processor sends it PROCESSOR_DEPOSIT_DELAY_MS after"
                + " the batch)";
    }
}
