package com.ptsl.sandbox.sl.release;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The batch-level validations of pp_08400PrepWrk that need nothing outside the batch and the setup tables:
 * 12008, 12123, 12124, 12125/12126, 12347, 12427, 6928/6929, and the period checks. Every failing check is
 * reported (SL writes one WrkReleaseBad row per failure), each distinct message once.
 * Checks that look at other documents (12306, reversals) live with the release step that needs those documents.
 */
final class ReleaseChecks {

    /** The document types each entry screen's batch may hold in this emulation (dynamics-sl.md §2, §4). */
    static final Map<String, Set<String>> DOC_TYPES_BY_SCREEN = Map.of(
            "08010", Set.of("IN", "DM", "CM"),
            "08030", Set.of("PA"),
            "08240", Set.of("NS"));

    private final LoadedBatch batch;
    private final ReleaseSetup setup;
    private final Set<ReleaseMessage> messages = new LinkedHashSet<>();

    private ReleaseChecks(LoadedBatch batch, ReleaseSetup setup) {
        this.batch = batch;
        this.setup = setup;
    }

    static List<ReleaseMessage> check(LoadedBatch batch, ReleaseSetup setup) {
        ReleaseChecks checks = new ReleaseChecks(batch, setup);
        checks.batchLevel();
        for (Document doc : batch.documents()) {
            checks.document(doc);
        }
        checks.orphanLines();
        return List.copyOf(checks.messages);
    }

    private void batchLevel() {
        BatchHeader h = batch.header();
        if (h.rlsed()) {
            add(SlMessages.sl(SlMessages.ALREADY_RELEASED, "batch " + h.batNbr() + " is already released (Batch.Rlsed = 1)"));
        }
        if (!DOC_TYPES_BY_SCREEN.containsKey(h.editScrnNbr())) {
            add(SlMessages.invented(SlMessages.NOT_EMULATED, "batches of screen '" + h.editScrnNbr()
                    + "' are not emulated (only 08010, 08030, 08240)"));
        }
        if (batch.documents().isEmpty()) {
            add(SlMessages.sl(SlMessages.NO_DOCUMENTS, "batch " + h.batNbr() + " has no documents"));
        }
        BigDecimal docTotal = batch.documents().stream().map(Document::curyOrigDocAmt).reduce(BigDecimal.ZERO, BigDecimal::add);
        if (h.curyCrTot().compareTo(docTotal) != 0) {
            add(SlMessages.sl(SlMessages.BATCH_TOTAL, "batch total " + h.curyCrTot() + " (CuryCrTot) differs from its documents' total "
                    + docTotal + " (sum of CuryOrigDocAmt)"));
        }
        if (!h.perPost().matches("\\d{4}(0[1-9]|1[0-3])")) {
            add(SlMessages.invented(SlMessages.BAD_PERIOD, "batch PerPost '" + h.perPost() + "' is not a period YYYYPP"));
        } else if (!setup.lastClosePerNbr().isEmpty() && h.perPost().compareTo(setup.lastClosePerNbr()) <= 0) {
            add(SlMessages.invented(SlMessages.CLOSED_PERIOD, "batch period " + h.perPost() + " is closed (GLSetup.LastClosePerNbr "
                    + setup.lastClosePerNbr() + ")"));
        }
    }

    private void document(Document doc) {
        Set<String> allowed = DOC_TYPES_BY_SCREEN.get(batch.header().editScrnNbr());
        if (allowed != null && !allowed.contains(doc.docType())) {
            add(SlMessages.invented(SlMessages.NOT_EMULATED, "document " + doc.label() + " in a " + batch.header().editScrnNbr()
                    + " batch is not emulated"));
        }
        if (doc.rlsed()) {
            add(SlMessages.sl(SlMessages.ALREADY_RELEASED, "document " + doc.label() + " is already released"));
        }
        if (!setup.knowsCustomer(doc.custId())) {
            add(SlMessages.sl(SlMessages.BAD_CUSTOMER, "document " + doc.label() + ": customer '" + doc.custId() + "' does not exist"));
        }
        if (!doc.curyId().equals(setup.baseCuryId())) {
            add(SlMessages.sl(SlMessages.CURRENCY_MISMATCH, "document " + doc.label() + " is in currency '" + doc.curyId()
                    + "', not the base currency " + setup.baseCuryId() + " (multi-currency is not emulated)"));
        } else if (doc.curyOrigDocAmt().compareTo(doc.origDocAmt()) != 0) {
            add(SlMessages.sl(SlMessages.CURY_NOT_BASE, "document " + doc.label() + ": CuryOrigDocAmt " + doc.curyOrigDocAmt()
                    + " differs from OrigDocAmt " + doc.origDocAmt() + " in a base-currency document"));
        }
        if (doc.origDocAmt().signum() <= 0) {
            add(SlMessages.invented(SlMessages.NOT_EMULATED, "document " + doc.label() + " has OrigDocAmt " + doc.origDocAmt()
                    + "; SL stores every document amount positive"));
        }
        account("document " + doc.label() + " BankAcct/BankSub", doc.bankAcct(), doc.bankSub());
        List<TranLine> lines = batch.linesOf(doc);
        if ("PA".equals(doc.docType())) {
            payment(doc, lines);
        } else {
            detail(doc, lines);
        }
    }

    /** A payment of an 08030 batch: 'U' lines only, not applying more than it holds. */
    private void payment(Document pa, List<TranLine> lines) {
        BigDecimal applied = BigDecimal.ZERO;
        for (TranLine line : lines) {
            if (!line.isApplication()) {
                add(SlMessages.invented(SlMessages.NOT_EMULATED, "payment " + pa.label() + " line " + line.lineNbr()
                        + " has DrCr '" + line.drCr() + "'; only 'U' application lines are emulated on a PA"));
                continue;
            }
            account("payment " + pa.label() + " application line " + line.lineNbr() + " Acct/Sub", line.acct(), line.sub());
            if (line.curyUnitPrice().signum() != 0) {
                add(SlMessages.invented(SlMessages.DISCOUNT_NOT_EMULATED, "payment " + pa.label() + " takes a discount of "
                        + line.curyUnitPrice() + " on " + line.costType() + " " + line.siteId() + "; discounts are not emulated"));
            }
            if (line.tranAmt().signum() <= 0) {
                add(SlMessages.invented(SlMessages.NOT_EMULATED, "payment " + pa.label() + " applies " + line.tranAmt()
                        + " to " + line.costType() + " " + line.siteId() + "; applications must be positive"));
            }
            applied = applied.add(line.tranAmt());
        }
        if (applied.compareTo(pa.origDocAmt()) > 0 || pa.applAmt().signum() < 0) {
            add(SlMessages.invented(SlMessages.OVER_APPLIED_PAYMENT, "payment " + pa.label() + " of " + pa.origDocAmt()
                    + " applies " + applied + " with ApplAmt " + pa.applAmt()));
        }
        if (pa.applAmt().signum() != 0) {
            // Release credits the unapplied rest to the customer's AR account.
            String[] ar = setup.arAccountOf(pa.custId());
            account("customer " + pa.custId() + " AR account (for the unapplied " + pa.applAmt() + ")", ar[0], ar[1]);
        }
    }

    /** An invoice, memo or reversal: D/C lines, at least one. */
    private void detail(Document doc, List<TranLine> lines) {
        if (lines.isEmpty()) {
            add(SlMessages.sl(SlMessages.NO_LINES, "document " + doc.label() + " has no lines"));
        }
        for (TranLine line : lines) {
            if (!"D".equals(line.drCr()) && !"C".equals(line.drCr())) {
                add(SlMessages.invented(SlMessages.NOT_EMULATED, "document " + doc.label() + " line " + line.lineNbr()
                        + " has DrCr '" + line.drCr() + "'; only D and C lines are emulated on a " + doc.docType()));
            }
            account("document " + doc.label() + " line " + line.lineNbr() + " Acct/Sub", line.acct(), line.sub());
        }
    }

    private void orphanLines() {
        Set<String> docs = new LinkedHashSet<>(batch.documents().stream().map(Document::name).toList());
        for (TranLine line : batch.lines()) {
            if (!docs.contains(line.docName())) {
                add(SlMessages.invented(SlMessages.NOT_EMULATED, "line " + line.lineNbr() + " of " + line.tranType() + " "
                        + line.refNbr() + " has no document in batch " + batch.batNbr()));
            }
        }
    }

    /** 6928: blank or unknown account; 6929: blank or unknown subaccount. */
    private void account(String what, String acct, String sub) {
        if (acct.isEmpty()) {
            add(SlMessages.sl(SlMessages.BAD_ACCOUNT, what + ": account is blank"));
        } else if (!setup.accounts().contains(acct)) {
            add(SlMessages.sl(SlMessages.BAD_ACCOUNT, what + ": account " + acct + " is not in Account"));
        }
        if (sub.isEmpty()) {
            add(SlMessages.sl(SlMessages.BAD_SUBACCOUNT, what + ": subaccount is blank"));
        } else if (!setup.subaccounts().contains(sub)) {
            add(SlMessages.sl(SlMessages.BAD_SUBACCOUNT, what + ": subaccount " + sub + " is not in SubAcct"));
        }
    }

    private void add(ReleaseMessage message) {
        messages.add(message);
    }

    /** For callers that add their own checks to the list. */
    static List<ReleaseMessage> concat(List<ReleaseMessage> a, List<ReleaseMessage> b) {
        List<ReleaseMessage> all = new ArrayList<>(a);
        b.stream().filter(m -> !all.contains(m)).forEach(all::add);
        return all;
    }
}
