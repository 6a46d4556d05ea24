package com.ptsl.sink.posting;

import com.ptsl.schemas.avro.ErpCommand;
import com.ptsl.schemas.avro.ReversePayment;
import com.ptsl.sink.ledger.CommandTag;
import com.ptsl.sink.sql.SlConventions;
import com.ptsl.sink.sql.dialect.SqlDialect;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * ReversePayment: undoes a PA this integration posted, the way an SL user would (dynamics-sl.md §13, "Void before
 * settlement"):
 * <ul>
 *   <li>still unreleased (ARDoc.Rlsed 0, batch B/H/S): the PA and its ARTran lines are deleted from the batch, which is
 *       re-totalled, or voided ('V', totals 0) when nothing is left in it. Release never sees the payment.</li>
 *   <li>released: an NS document in an 08240 reversal batch, linked to the PA through S4Future02/S4Future12, for the
 *       PA's whole amount: Dr customer AR (its one ARTran line) / Cr the PA's cash account (its BankAcct). SL's release
 *       negates the PA's ARAdjust rows, reopening the invoices it paid.</li>
 * </ul>
 * Also the REVERSE_PAYMENT refund policy's way of returning a whole payment ({@link #undo}).
 */
final class PaymentReversal {

    /** Batch statuses of an unreleased batch the sink may still take a document out of (dynamics-sl.md §2). */
    private static final List<String> OPEN_STATUSES = List.of("B", "H", "S");

    private final SqlDialect dialect;
    private final PostingSettings settings;
    private final ArLookups lookups;
    private final PaymentDocuments documents;
    private final DepositBatches paymentBatches;
    private final DepositBatches reversalBatches;
    private final DocumentRows rows;

    PaymentReversal(SqlDialect dialect, PostingSettings settings, RowWriters writers) {
        this.dialect = dialect;
        this.settings = settings;
        this.lookups = new ArLookups(dialect);
        this.documents = new PaymentDocuments(dialect);
        this.paymentBatches = new DepositBatches(dialect, settings, writers, DepositBatches.Kind.PAYMENTS);
        this.reversalBatches = new DepositBatches(dialect, settings, writers, DepositBatches.Kind.REVERSALS);
        this.rows = new DocumentRows(settings, writers);
    }

    /** What to undo, and how to label it. */
    record Undo(PaymentDocuments.Payment payment, LocalDate docDate, String description, String tag) {
    }

    PostingOutcome reverse(Connection c, ErpCommand command, ReversePayment reverse, LocalDateTime now) throws SQLException, Rejection {
        String custId = command.getCustId().strip();
        String refNbr = reverse.getTransactionId().strip();
        if (refNbr.isEmpty() || refNbr.length() > PaymentPoster.REFNBR_LENGTH) {
            throw new Rejection("ReversePayment names payment '" + refNbr + "': not an SL RefNbr (1.." + PaymentPoster.REFNBR_LENGTH
                    + " characters)");
        }
        BigDecimal amount = SlConventions.money(reverse.getAmount());
        PaymentDocuments.Payment pa = ourPayment(c, refNbr);
        if (!pa.custId().equals(custId)) {
            throw new Rejection("payment " + refNbr + " belongs to customer " + pa.custId() + ", not " + custId);
        }
        if (pa.origDocAmt().compareTo(amount) != 0) {
            throw new Rejection("ReversePayment is for " + amount + " but payment " + refNbr + " in SL is " + pa.origDocAmt()
                    + " (PA in batch " + pa.batNbr() + ")");
        }
        requireNotReversed(c, pa);
        String description = "PayTrace " + label(reverse.getReason()) + " " + refNbr;
        return undo(c, new Undo(pa, reverse.getDocDate(), description, CommandTag.of(command.getCommandId())), now);
    }

    /**
     * The integration's PA with this RefNbr, or a Rejection saying why there is none: never posted (its PostPayment
     * was rejected, or has not reached SL yet), deleted by an SL user, or a PA an SL user keyed with the same number.
     */
    PaymentDocuments.Payment ourPayment(Connection c, String refNbr) throws SQLException, Rejection {
        PaymentDocuments.Found found = documents.payment(c, refNbr);
        if (found.ours().isPresent()) {
            return found.ours().get();
        }
        if (!found.othersCustIds().isEmpty()) {
            throw new Rejection("SL's payment PA " + refNbr + " (customer " + found.othersCustIds().get(0) + ") was not posted by this"
                    + " integration (ARDoc.User1 is not '" + PaymentDocuments.marker(refNbr) + "'); reverse it in SL");
        }
        throw new Rejection("no payment PA " + refNbr + " in SL: it was never posted (its PostPayment was rejected or has not"
                + " been applied), or an SL user deleted it");
    }

    /** An NS already names the PA (unreleased), or its release already marked the PA reversed. */
    void requireNotReversed(Connection c, PaymentDocuments.Payment pa) throws SQLException, Rejection {
        if (pa.reversedAtRelease()) {
            throw new Rejection("payment " + pa.refNbr() + " is already reversed (released NS " + pa.reversedByRefNbr() + ")");
        }
        Optional<PaymentDocuments.Doc> ns = documents.reversal(c, pa.custId(), pa.refNbr());
        if (ns.isPresent()) {
            throw new Rejection("payment " + pa.refNbr() + " is already reversed (NS " + pa.refNbr() + " in batch " + ns.get().batNbr() + ")");
        }
    }

    /** Removal from the batch while unreleased, an NS once released. Checks are the caller's. */
    PostingOutcome undo(Connection c, Undo undo, LocalDateTime now) throws SQLException, Rejection {
        return undo.payment().released() ? writeNs(c, undo, now) : removeFromBatch(c, undo.payment(), now);
    }

    private PostingOutcome removeFromBatch(Connection c, PaymentDocuments.Payment pa, LocalDateTime now) throws SQLException, Rejection {
        // Lock order as in PaymentPoster: documents (the PA, then its invoices), the batch last.
        List<String[]> invoices = documents.pendingInvoices(c, pa);
        touchInvoices(c, pa.custId(), invoices, now);
        DepositBatches.Owner batch = paymentBatches.owner(c, pa.batNbr())
                .orElseThrow(() -> new Rejection("payment " + pa.refNbr() + " is in batch " + pa.batNbr() + ", which SL does not have"));
        if (batch.released() || !OPEN_STATUSES.contains(batch.status())) {
            throw new Rejection("payment " + pa.refNbr() + " is unreleased but its batch " + pa.batNbr() + " has status '" + batch.status()
                    + "'" + (batch.released() ? " (released)" : "") + "; only a batch in status B, H or S can lose a document");
        }
        if (!paymentBatches.isOurs(batch)) {
            throw new Rejection("payment " + pa.refNbr() + " is in batch " + pa.batNbr() + ", which this integration did not create;"
                    + " delete or void it in SL (screen 08.030)");
        }
        execute(c, "DELETE FROM " + dialect.table("ARTran") + " WHERE [CustId] = ? AND [TranType] = 'PA' AND [RefNbr] = ? AND [BatNbr] = ?",
                pa.custId(), pa.refNbr(), pa.batNbr());
        execute(c, "DELETE FROM " + dialect.table("ARDoc") + " WHERE [CustId] = ? AND [DocType] = 'PA' AND [RefNbr] = ? AND [BatNbr] = ?"
                + " AND [BatSeq] = ?", pa.custId(), pa.refNbr(), pa.batNbr(), pa.batSeq());
        boolean voided = paymentBatches.retotalOrVoid(c, pa.batNbr(), now);
        String note = voided ? "batch " + pa.batNbr() + " had no other document and is void now (Status V)" : null;
        return PostingOutcome.applied(PostingEvent.REMOVED_FROM_BATCH, pa.batNbr(), pa.refNbr(), note, 0,
                List.of(PostingOutcome.document("PA", pa.refNbr(), pa.batNbr())), pa.origDocAmt());
    }

    private PostingOutcome writeNs(Connection c, Undo undo, LocalDateTime now) throws SQLException, Rejection {
        PaymentDocuments.Payment pa = undo.payment();
        ArLookups.Customer customer = lookups.customer(c, pa.custId())
                .orElseThrow(() -> new Rejection("unknown customer '" + pa.custId() + "': no SL Customer row"));
        SlSetup.Ar ar = SlSetup.readAr(c, dialect);
        SlSetup.Gl gl = SlSetup.readGl(c, dialect);
        GlAccount receivable = ArLookups.arAccount(customer, ar);
        GlAccount cash = new GlAccount(pa.bankAcct(), pa.bankSub());
        String perPost = gl.postingPeriod(undo.docDate());
        String perEnt = ar.perNbr().isEmpty() ? perPost : ar.perNbr();
        String batNbr = reversalBatches.openOrCreate(c, new CashAccount(pa.bankAcct(), pa.bankSub()), undo.docDate(),
                new DepositBatches.NewBatch(perPost, perEnt, gl.baseCuryId(), ar.glPostOpt(), "PayTrace reversals " + undo.docDate()), now);
        DocumentRows.Placement at = new DocumentRows.Placement(pa.custId(), batNbr, reversalBatches.nextBatSeq(c, batNbr),
                settings.cpnyId(), perPost, perEnt, undo.docDate(), gl.baseCuryId());

        // NS: RefNbr = the original's, BankAcct = the cash the payment debited (release credits it), linked to the PA
        // by S4Future02/S4Future12 as SL's own 08.240 does (pp_08400CreateTransRev).
        Map<String, Object> doc = rows.document(at, "NS", pa.refNbr(), pa.origDocAmt(), cash, undo.description(),
                PaymentDocuments.marker(pa.refNbr()), now);
        doc.put("S4Future02", pa.refNbr());
        doc.put("S4Future12", "PA");
        rows.insert(c, "ARDoc", doc);
        rows.insert(c, "ARTran", rows.line(at, "NS", pa.refNbr(), "D", receivable, pa.origDocAmt(), undo.description(), undo.tag(), now));
        reversalBatches.retotal(c, batNbr, now);
        return PostingOutcome.applied(PostingEvent.REVERSED, batNbr, pa.refNbr(), null, 1,
                List.of(PostingOutcome.document("NS", pa.refNbr(), batNbr)), pa.origDocAmt());
    }

    /**
     * The invoices whose pending applications just went: their rows are touched (LUpd_*), which moves their tstamp, so
     * the SL feed re-reads and republishes their available balance now rather than at its next sweep.
     */
    private void touchInvoices(Connection c, String custId, List<String[]> invoices, LocalDateTime now) throws SQLException {
        for (String[] invoice : invoices) {
            execute(c, "UPDATE " + dialect.table("ARDoc") + " SET [LUpd_DateTime] = ?, [LUpd_Prog] = ?, [LUpd_User] = ?"
                    + " WHERE [CustId] = ? AND [DocType] = ? AND [RefNbr] = ?", SlConventions.timestamp(now), settings.program(),
                    settings.user(), custId, invoice[0], invoice[1]);
        }
    }

    private static String label(String reason) {
        String r = reason == null ? "" : reason.strip().toUpperCase(Locale.ROOT);
        return switch (r) {
            case "AUTO_VOID" -> "auto-void";
            case "FULL_REFUND" -> "full refund";
            default -> "void";
        };
    }

    private static void execute(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            ps.executeUpdate();
        }
    }
}
