package com.ptsl.sandbox.sl.release;

import com.ptsl.sandbox.sl.SlRowWriter;
import com.ptsl.sandbox.sl.SlValues;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Release's GL lines (pp_08400CreateOffset, dynamics-sl.md §3, §7, §11), one per non-zero amount:
 * <ul>
 *   <li>IN, DM: debit the document's BankAcct/BankSub (the AR account) for OrigDocAmt; each line on its DrCr side.</li>
 *   <li>CM: credit BankAcct/BankSub (the AR account) for OrigDocAmt; each line on its DrCr side.</li>
 *   <li>PA: debit BankAcct/BankSub (cash) for OrigDocAmt; credit each 'U' line's Acct/Sub (the paid document's AR
 *       account) for its amount; credit the customer's AR account for ApplAmt, the unapplied rest.</li>
 *   <li>NS: credit BankAcct/BankSub (the original payment's cash account) for OrigDocAmt; each line (Dr AR).</li>
 * </ul>
 */
final class GlLines {

    /** One GLTran line; exactly one of dr and cr is non-zero. */
    record GlLine(Document doc, String acct, String sub, BigDecimal dr, BigDecimal cr, String tranDesc, String extRefNbr) {
    }

    private final List<GlLine> lines = new ArrayList<>();

    private GlLines() {
    }

    static List<GlLine> plan(LoadedBatch batch, ReleaseSetup setup) {
        GlLines gl = new GlLines();
        for (Document doc : batch.documents()) {
            gl.document(doc, batch.linesOf(doc), setup);
        }
        return List.copyOf(gl.lines);
    }

    private void document(Document doc, List<TranLine> docLines, ReleaseSetup setup) {
        String desc = doc.docDesc();
        boolean creditOffset = "CM".equals(doc.docType()) || "NS".equals(doc.docType());
        add(doc, doc.bankAcct(), doc.bankSub(), creditOffset ? null : doc.origDocAmt(), creditOffset ? doc.origDocAmt() : null,
                desc, doc.refNbr());
        for (TranLine line : docLines) {
            String lineDesc = line.tranDesc().isEmpty() ? desc : line.tranDesc();
            String ext = line.extRefNbr().isEmpty() ? doc.refNbr() : line.extRefNbr();
            if (line.isApplication() || "C".equals(line.drCr())) {
                add(doc, line.acct(), line.sub(), null, line.tranAmt(), lineDesc, ext);
            } else {
                add(doc, line.acct(), line.sub(), line.tranAmt(), null, lineDesc, ext);
            }
        }
        if ("PA".equals(doc.docType()) && doc.applAmt().signum() != 0) {
            String[] ar = setup.arAccountOf(doc.custId());
            add(doc, ar[0], ar[1], null, doc.applAmt(), desc, doc.refNbr());
        }
    }

    private void add(Document doc, String acct, String sub, BigDecimal dr, BigDecimal cr, String desc, String ext) {
        BigDecimal debit = dr == null ? BigDecimal.ZERO : SlValues.money(dr);
        BigDecimal credit = cr == null ? BigDecimal.ZERO : SlValues.money(cr);
        if (debit.signum() == 0 && credit.signum() == 0) {
            return; // zero lines are skipped
        }
        lines.add(new GlLine(doc, acct, sub, debit, credit, desc, ext));
    }

    static BigDecimal debits(List<GlLine> lines) {
        return lines.stream().map(GlLine::dr).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    static BigDecimal credits(List<GlLine> lines) {
        return lines.stream().map(GlLine::cr).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    /** pp_08400's last check: the batch's GL debits equal its credits (message 8888). */
    static Optional<ReleaseMessage> balanceCheck(String batNbr, List<GlLine> lines) {
        BigDecimal dr = debits(lines);
        BigDecimal cr = credits(lines);
        if (dr.compareTo(cr) == 0) {
            return Optional.empty();
        }
        return Optional.of(SlMessages.sl(SlMessages.GL_UNBALANCED, "batch " + batNbr + " GL debits " + dr + " differ from credits " + cr));
    }

    /** Writes the lines as GLTran rows numbered from -32768; GLTran.PerPost must equal Batch.PerPost (msg 6035). */
    static int write(SlRowWriter writer, BatchHeader batch, ReleaseSetup setup, List<GlLine> lines, LocalDateTime now)
            throws SQLException {
        if (lines.size() > 65_536) {
            throw new IllegalStateException("batch " + batch.batNbr() + " needs " + lines.size() + " GL lines; LineNbr is a smallint");
        }
        int lineNbr = Short.MIN_VALUE;
        for (GlLine line : lines) {
            Document doc = line.doc();
            writer.into("GLTran").setAll(ReleaseAudit.created(now))
                    .set("Module", "AR").set("BatNbr", batch.batNbr()).set("LineNbr", lineNbr++)
                    .set("CpnyID", doc.cpnyId().isEmpty() ? batch.cpnyId() : doc.cpnyId())
                    .set("Acct", line.acct()).set("Sub", line.sub())
                    .set("DrAmt", line.dr()).set("CrAmt", line.cr()).set("CuryDrAmt", line.dr()).set("CuryCrAmt", line.cr())
                    .set("CuryId", doc.curyId()).set("CuryMultDiv", "M").set("CuryRate", 1.0).set("CuryEffDate", doc.docDate())
                    .set("LedgerID", setup.ledgerId()).set("BalanceType", "A").set("BaseCuryID", setup.baseCuryId())
                    .set("JrnlType", batch.journal())
                    .set("PerPost", batch.perPost()).set("PerEnt", batch.glPerEnt()).set("FiscYr", SlValues.fiscalYear(batch.perPost()))
                    .set("Posted", "U").set("Rlsed", 1)
                    .set("RefNbr", doc.refNbr()).set("TranType", doc.docType()).set("Id", doc.custId())
                    .set("TranDate", doc.docDate()).set("TranDesc", fit(line.tranDesc(), 30)).set("ExtRefNbr", fit(line.extRefNbr(), 15))
                    .insert();
        }
        return lines.size();
    }

    private static String fit(String value, int width) {
        return value.length() <= width ? value : value.substring(0, width);
    }
}
