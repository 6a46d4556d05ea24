package com.ptsl.sandbox.sl.release;

import com.ptsl.sandbox.sl.SlRowWriter;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The applications of an 08030 batch (pp_08400InsertARAdjust, dynamics-sl.md §5, §6): each 'U' line of a PA becomes
 * an ARAdjust row, lowers the paid document's DocBal (closing it in the batch's period when it reaches 0), and is
 * deleted. The paid documents are read and locked when the batch is prepared, so the checks (12306, over-application)
 * and the updates see the same balances.
 */
final class ApplicationRelease {

    /** Document types a payment may pay in this emulation. */
    static final Set<String> PAYABLE = Set.of("IN", "DM");

    record Application(Document payment, TranLine line, Document target) {
    }

    private final List<Application> applications = new ArrayList<>();
    private final Map<String, Document> targets = new LinkedHashMap<>();
    private final Set<ReleaseMessage> messages = new LinkedHashSet<>();

    private ApplicationRelease() {
    }

    /** Reads and locks every document the batch's 'U' lines pay, and checks that each can take its payments. */
    static ApplicationRelease prepare(Connection c, LoadedBatch batch) throws SQLException {
        ApplicationRelease r = new ApplicationRelease();
        Map<String, List<Document>> found = new LinkedHashMap<>();
        for (Document pa : batch.documents()) {
            if (!"PA".equals(pa.docType())) {
                continue;
            }
            for (TranLine line : batch.linesOf(pa)) {
                if (!line.isApplication()) {
                    continue;
                }
                if (!PAYABLE.contains(line.costType())) {
                    r.messages.add(SlMessages.invented(SlMessages.NOT_EMULATED, "payment " + pa.label() + " applies to a '"
                            + line.costType() + "' document; only IN and DM applications are emulated"));
                    continue;
                }
                List<Document> docs = found.get(line.appliedDocName());
                if (docs == null) {
                    docs = BatchReader.lockDocuments(c, line.custId(), line.costType(), line.siteId());
                    found.put(line.appliedDocName(), docs);
                }
                if (docs.isEmpty()) {
                    r.messages.add(SlMessages.invented(SlMessages.APPLIED_DOC_MISSING, "payment " + pa.label() + " applies to "
                            + line.costType() + " " + line.siteId() + ", which customer " + line.custId() + " does not have"));
                } else if (!docs.get(0).rlsed()) {
                    r.messages.add(SlMessages.sl(SlMessages.UNRELEASED_APPLIED_DOC, "payment " + pa.label() + " applies to "
                            + docs.get(0).label() + ", which is not released"));
                } else {
                    Document target = docs.get(0);
                    r.targets.put(target.name(), target);
                    r.applications.add(new Application(pa, line, target));
                }
            }
        }
        r.checkBalances();
        return r;
    }

    /** A document never goes below 0: the batch may apply at most its DocBal. */
    private void checkBalances() {
        for (Document target : targets.values()) {
            BigDecimal applied = appliedTo(target);
            if (applied.compareTo(target.docBal()) > 0) {
                messages.add(SlMessages.invented(SlMessages.OVER_APPLIED_DOC, "batch applies " + applied + " to " + target.label()
                        + ", whose balance is " + target.docBal()));
            }
        }
    }

    List<ReleaseMessage> messages() {
        return List.copyOf(messages);
    }

    private BigDecimal appliedTo(Document target) {
        return applications.stream().filter(a -> a.target().name().equals(target.name()))
                .map(a -> a.line().tranAmt()).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    /** What the batch's 'U' lines apply from one payment. */
    static BigDecimal appliedBy(LoadedBatch batch, Document pa) {
        return batch.linesOf(pa).stream().filter(TranLine::isApplication).map(TranLine::tranAmt)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    /** @return the number of ARAdjust rows written */
    int apply(Connection c, SlRowWriter writer, BatchHeader batch, LocalDateTime now) throws SQLException {
        for (Application a : applications) {
            insertAdjustment(writer, batch, a, now);
        }
        for (Document target : targets.values()) {
            BigDecimal balance = target.docBal().subtract(appliedTo(target));
            boolean open = balance.signum() != 0;
            // PerClosed: the period in which the balance reached 0; blank while open.
            String perClosed = open ? target.perClosed() : batch.perPost();
            Sql.update(c, "UPDATE dbo.ARDoc SET DocBal = ?, CuryDocBal = ?, OpenDoc = ?, PerClosed = ?,"
                            + " LUpd_DateTime = ?, LUpd_Prog = ?, LUpd_User = ?"
                            + " WHERE CustId = ? AND DocType = ? AND RefNbr = ? AND BatNbr = ? AND BatSeq = ?",
                    balance, balance, open ? 1 : 0, perClosed, now, ReleaseAudit.PROG, ReleaseAudit.USER,
                    target.custId(), target.docType(), target.refNbr(), target.batNbr(), target.batSeq());
        }
        // Release deletes the 'U' lines once ARAdjust and GL carry them (dynamics-sl.md §5).
        for (Application a : applications) {
            Sql.update(c, "DELETE FROM dbo.ARTran WHERE RecordID = ?", a.line().recordId());
        }
        return applications.size();
    }

    private static void insertAdjustment(SlRowWriter writer, BatchHeader batch, Application a, LocalDateTime now)
            throws SQLException {
        TranLine line = a.line();
        Document target = a.target();
        Document pa = a.payment();
        // ARAdjust has no DEFAULTs: SlRowWriter fills what is not given with blanks, 0 and 1900-01-01.
        writer.into("ARAdjust").setAll(ReleaseAudit.created(now))
                .set("CustId", pa.custId())
                .set("AdjdDocType", target.docType()).set("AdjdRefNbr", target.refNbr())
                .set("AdjgDocType", pa.docType()).set("AdjgRefNbr", pa.refNbr())
                .set("AdjBatNbr", batch.batNbr())
                .set("AdjAmt", line.tranAmt()).set("AdjDiscAmt", 0.0)
                .set("CuryAdjdAmt", line.curyTranAmt()).set("CuryAdjdDiscAmt", 0.0)
                .set("CuryAdjdCuryId", target.curyId()).set("CuryAdjdMultDiv", "M").set("CuryAdjdRate", 1.0)
                .set("CuryAdjgAmt", line.curyTranAmt()).set("CuryAdjgDiscAmt", 0.0).set("CuryRGOLAmt", 0.0)
                .set("AdjgDocDate", pa.docDate()).set("AdjgPerPost", batch.perPost())
                // The applying batch's date and period (dynamics-sl.md §6).
                .set("DateAppl", batch.dateEnt()).set("PerAppl", batch.perPost())
                .insert();
    }
}
