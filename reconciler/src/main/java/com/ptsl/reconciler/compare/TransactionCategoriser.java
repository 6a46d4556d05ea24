package com.ptsl.reconciler.compare;

import com.ptsl.reconciler.model.CommandRef;
import com.ptsl.reconciler.model.CommandType;
import com.ptsl.reconciler.model.DeadLetter;
import com.ptsl.reconciler.model.LedgerRow;
import com.ptsl.reconciler.model.Money;
import com.ptsl.reconciler.model.OpenReview;
import com.ptsl.reconciler.model.PayTraceKind;
import com.ptsl.reconciler.model.SlDocument;
import com.ptsl.reconciler.model.TransactionFacts;
import com.ptsl.reconciler.report.Category;
import com.ptsl.reconciler.report.Line;
import java.math.BigDecimal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Puts one transaction into exactly one category, the first that applies (reconciler contract):
 * <ol>
 *   <li>POSTED_TWICE: SL has more than one PA for it;</li>
 *   <li>DIFFERS: SL has documents, and their cash (Σ PA − Σ NS − Σ refund DM) is not PayTrace's, or a document is
 *       another customer's than the one the integration posted to, or the invoices SL applies it to are not the
 *       commanded ones. Cash in SL for a transaction PayTrace voided is a missing reversal;</li>
 *   <li>MISSING_IN_SL: PayTrace moved cash, SL has no document. With a dead letter it is OPEN_DLQ instead; with an
 *       open review item and no posting command yet, OPEN_REVIEW (the processor is waiting for a person);</li>
 *   <li>OPEN_DLQ: one of its commands is in the dead-letter queue;</li>
 *   <li>OPEN_REVIEW: an open review item, and SL holds nothing or leaves cash on account, as the item says;</li>
 *   <li>MATCHED.</li>
 * </ol>
 * Pure: the same facts always give the same line.
 */
public final class TransactionCategoriser {

    /** The line, and what {@code --redrive} could send for it (null when nothing). */
    public record Verdict(Line line, RedriveNeed redrive) {
    }

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final ZoneId zone;
    private final InvoiceOwners owners;
    // One LocalDate per day for a million lines, not one per line.
    private final Map<Integer, LocalDate> days = new HashMap<>();

    /** @param zone where the times in a detail sentence are told */
    public TransactionCategoriser(ZoneId zone, InvoiceOwners owners) {
        this.zone = zone;
        this.owners = owners;
    }

    public TransactionCategoriser(ZoneId zone) {
        this(zone, InvoiceOwners.UNKNOWN);
    }

    public Verdict categorise(TransactionFacts f) {
        List<SlDocument> docs = f.documents();
        CommandHistory history = new CommandHistory(f);
        long expected = f.expectedCents();
        long sl = cash(docs);
        String custId = history.custId();
        PayTraceKind kind = f.kind() == null ? PayTraceKind.UNKNOWN : f.kind();
        List<SlDocument> payments = payments(docs);

        if (payments.size() > 1) {
            StringBuilder b = new StringBuilder(payments.size() + " payment documents in SL for one PayTrace transaction ("
                    + said(kind, expected) + "):");
            for (SlDocument pa : payments) {
                b.append(' ').append(pa.label()).append(" customer ").append(pa.custId()).append(' ').append(Money.text(pa.amountCents()))
                        .append(pa.batchStatus().isEmpty() ? "" : " (batch status " + pa.batchStatus() + ")").append(';');
            }
            b.setLength(b.length() - 1);
            return new Verdict(line(Category.POSTED_TWICE, f, kind, custId, docs, sl, b.toString()), null);
        }

        List<String> differences = new ArrayList<>();
        boolean missingReversal = false;
        if (!docs.isEmpty()) {
            if (sl != expected) {
                if (expected == 0) {
                    missingReversal = true;
                    differences.add(said(kind, expected) + " (no cash), but SL still holds " + Money.text(sl) + " in " + labels(docs)
                            + ": the reversal is missing");
                } else if (sl == 0) {
                    differences.add(said(kind, expected) + ", but SL's documents " + labels(docs) + " net to 0.00 (reversed in SL)");
                } else {
                    differences.add("SL holds " + Money.text(sl) + " in " + labels(docs) + ", " + said(kind, expected));
                }
            }
            if (!custId.isEmpty()) {
                Set<String> others = null;
                for (SlDocument d : docs) {
                    if (!d.custId().equals(custId)) {
                        others = others == null ? new LinkedHashSet<>() : others;
                        others.add(d.label() + " is customer " + d.custId() + "'s");
                    }
                }
                if (others != null) {
                    differences.add(String.join(", ", others) + "; the integration posted to customer " + custId);
                }
            }
            if (expected != 0) {
                differences.addAll(ApplicationCheck.differences(f, history, custId, owners));
            }
        }
        if (!differences.isEmpty()) {
            String detail = String.join("; ", differences) + dlqNote(f);
            RedriveNeed need = missingReversal ? need(f, history, custId, CommandType.REVERSE_PAYMENT, detail) : null;
            return new Verdict(line(Category.DIFFERS, f, kind, custId, docs, sl, detail), need);
        }

        if (docs.isEmpty() && expected != 0) {
            if (!f.deadLetters().isEmpty()) {
                return new Verdict(line(Category.OPEN_DLQ, f, kind, custId, docs, sl, said(kind, expected) + ", not in SL: " + dlq(f)), null);
            }
            OpenReview review = f.review();
            if (review != null && !history.hasPostingCommand()) {
                return new Verdict(line(Category.OPEN_REVIEW, f, kind, custId, docs, sl, said(kind, expected) + ": open review item (" + review.reason()
                        + "), nothing posted to SL until a person decides"), null);
            }
            String detail = said(kind, expected) + ", no document in SL: " + whyMissing(f, history);
            return new Verdict(line(Category.MISSING_IN_SL, f, kind, custId, docs, sl, detail),
                    need(f, history, custId, history.postingType(), detail));
        }

        if (!f.deadLetters().isEmpty()) {
            return new Verdict(line(Category.OPEN_DLQ, f, kind, custId, docs, sl, dlq(f)), null);
        }
        OpenReview review = f.review();
        if (review != null) {
            long unapplied = payments.isEmpty() ? 0 : payments.get(0).amountCents() - ApplicationCheck.slApplied(f);
            if (docs.isEmpty() || unapplied > 0) {
                String state = docs.isEmpty() ? "nothing posted to SL" : Money.text(unapplied) + " on account in " + labels(payments);
                return new Verdict(line(Category.OPEN_REVIEW, f, kind, custId, docs, sl, "open review item (" + review.reason() + "): " + state
                        + " until a person decides"), null);
            }
        }
        return new Verdict(line(Category.MATCHED, f, kind, custId, docs, sl, ""), null);
    }

    private static List<SlDocument> payments(List<SlDocument> docs) {
        if (docs.size() == 1) {
            return docs.get(0).docType().equals("PA") ? docs : List.of();
        }
        List<SlDocument> out = new ArrayList<>(docs.size());
        for (SlDocument d : docs) {
            if (d.docType().equals("PA")) {
                out.add(d);
            }
        }
        return out;
    }

    /** What SL's documents do to cash: Σ PA − Σ NS − Σ DM (a refund's CM is AR only). */
    public static long cash(List<SlDocument> docs) {
        long sum = 0;
        for (SlDocument d : docs) {
            sum += d.cashCents();
        }
        return sum;
    }

    private String whyMissing(TransactionFacts f, CommandHistory history) {
        Optional<LedgerRow> applied = history.appliedPosting();
        if (applied.isPresent()) {
            LedgerRow row = applied.get();
            String refNbr = row.refNbr(f.id()).isEmpty() ? f.id() : row.refNbr(f.id());
            return "the ledger says " + row.commandId(f.id()) + " was applied at " + time(row.processedAt()) + " as RefNbr "
                    + refNbr + (row.batNbr().isEmpty() ? "" : " in batch " + row.batNbr())
                    + "; the document is gone from SL";
        }
        Optional<CommandRef> posting = history.originalPosting();
        if (posting.isPresent()) {
            String id = history.id(posting.get());
            LedgerRow row = history.ledgerRow(id);
            if (row == null) {
                return id + " is on erp.commands but the sink has not applied it (no ledger row)";
            }
            return "the sink recorded " + id + " as " + row.status() + " at " + time(row.processedAt());
        }
        return "no command was sent to SL for it";
    }

    private RedriveNeed need(TransactionFacts f, CommandHistory history, String custId, CommandType type, String why) {
        Optional<CommandRef> original = history.original(type);
        if (original.isEmpty()) {
            return null;
        }
        String originalId = CommandType.originalOf(history.id(original.get()));
        return new RedriveNeed(f.id(), custId, original.get(), originalId, f.ledger(), why);
    }

    private String dlq(TransactionFacts f) {
        List<String> parts = new ArrayList<>();
        for (DeadLetter d : f.deadLetters()) {
            parts.add(d.commandId() + " was refused by SL: " + d.reason() + " (dead letter since " + time(d.lastFailedAt()) + ")");
        }
        return String.join("; ", parts);
    }

    private String dlqNote(TransactionFacts f) {
        return f.deadLetters().isEmpty() ? "" : " (" + dlq(f) + ")";
    }

    private String time(long epochMillis) {
        return TIME.format(Instant.ofEpochMilli(epochMillis).atZone(zone));
    }

    private static String labels(List<SlDocument> docs) {
        List<String> out = new ArrayList<>(docs.size());
        docs.forEach(d -> out.add(d.label()));
        return String.join(", ", out);
    }

    /** PayTrace's final state as the start of a sentence. */
    static String said(PayTraceKind kind, long expectedCents) {
        String amount = Money.text(Math.abs(expectedCents));
        switch (kind) {
            case SALE:
                return "PayTrace approved a sale of " + amount;
            case CAPTURE:
                return "PayTrace captured " + amount;
            case REFUND:
                return "PayTrace refunded " + amount;
            case AUTHORIZATION:
                return "PayTrace only authorized it";
            case AUTHORIZATION_EXPIRED:
                return "PayTrace's authorization expired uncaptured";
            case VOID:
                return "PayTrace voided it";
            case AUTO_VOID:
                return "PayTrace auto-voided it (103)";
            case DECLINE:
                return "PayTrace declined it";
            default:
                return "PayTrace's record is of a kind the reconciler does not know";
        }
    }

    private Line line(Category category, TransactionFacts f, PayTraceKind kind, String custId, List<SlDocument> docs, long sl,
                             String detail) {
        String slCust = "";
        if (!docs.isEmpty()) {
            List<SlDocument> pas = payments(docs);
            slCust = (pas.isEmpty() ? docs.get(0) : pas.get(0)).custId();
        }
        List<String> labels;
        if (docs.isEmpty()) {
            labels = List.of();
        } else if (docs.size() == 1) {
            labels = List.of(docs.get(0).label());
        } else {
            List<String> all = new ArrayList<>(docs.size());
            docs.forEach(d -> all.add(d.label()));
            labels = all;
        }
        long expected = f.expectedCents();
        BigDecimal payTrace = Money.amount(expected);
        BigDecimal inSl = sl == expected ? payTrace : Money.amount(sl);
        LocalDate day = f.day() == null ? null : days.computeIfAbsent(f.epochDay(), LocalDate::ofEpochDay);
        return new Line(category, f.id(), kind.name(), custId, slCust, day, f.settlementBatch(), payTrace, inSl, labels, detail);
    }
}
