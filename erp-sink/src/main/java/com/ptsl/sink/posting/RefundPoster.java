package com.ptsl.sink.posting;

import com.ptsl.schemas.avro.ErpCommand;
import com.ptsl.schemas.avro.PostRefund;
import com.ptsl.sink.ledger.CommandTag;
import com.ptsl.sink.sql.SlConventions;
import com.ptsl.sink.sql.dialect.SqlDialect;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * PostRefund: money went back to a card, so cash leaves the clearing account the GL rules give for the refund's
 * method, card type and merchant account, and the customer's AR ends the way the site's {@link RefundPolicy} says.
 * Memos go into the integration's 08010 batch of the day and clearing account, RefNbr = the refund's own PayTrace id:
 * <ul>
 *   <li>cash-out DM: BankAcct = customer AR (release debits it), one line DrCr 'C' on the clearing account;</li>
 *   <li>returned-goods CM (CREDIT_MEMO only): BankAcct = customer AR (release credits it), one line DrCr 'D' on the
 *       refund account (SL_REFUND_ACCT/SUB, else ARSetup.RfndAcct/RfndSub).</li>
 * </ul>
 * A refund linked to its payment (originalTransactionId) needs that PA in SL and may not take back more than it
 * paid; both memos carry the link in ARDoc.User2 ({@link PaymentDocuments#refundLink}).
 */
final class RefundPoster {

    private final SqlDialect dialect;
    private final PostingSettings settings;
    private final GlRules rules;
    private final AccountCheck accounts;
    private final ArLookups lookups;
    private final PaymentDocuments documents;
    private final DepositBatches memoBatches;
    private final DocumentRows rows;
    private final PaymentReversal reversal;

    RefundPoster(SqlDialect dialect, PostingSettings settings, GlRules rules, RowWriters writers, PaymentReversal reversal) {
        this.dialect = dialect;
        this.settings = settings;
        this.rules = rules;
        this.accounts = new AccountCheck(dialect, settings, rules);
        this.lookups = new ArLookups(dialect);
        this.documents = new PaymentDocuments(dialect);
        this.memoBatches = new DepositBatches(dialect, settings, writers, DepositBatches.Kind.MEMOS);
        this.rows = new DocumentRows(settings, writers);
        this.reversal = reversal;
    }

    PostingOutcome post(Connection c, ErpCommand command, PostRefund refund, LocalDateTime now) throws SQLException, Rejection {
        String custId = command.getCustId().strip();
        String refNbr = refund.getTransactionId().strip();
        String originalTx = refund.getOriginalTransactionId() == null ? "" : refund.getOriginalTransactionId().strip();
        BigDecimal amount = SlConventions.money(refund.getAmount());
        checkShape(custId, refNbr, originalTx, amount);

        ArLookups.Customer customer = lookups.customer(c, custId)
                .orElseThrow(() -> new Rejection("unknown customer '" + custId + "': no SL Customer row"));
        if ("I".equals(customer.status())) {
            throw new Rejection("customer " + custId + " is inactive (Customer.Status 'I')");
        }
        Optional<PaymentDocuments.Doc> memo = documents.refundMemo(c, refNbr);
        if (memo.isPresent()) {
            throw new Rejection("a refund memo with RefNbr " + refNbr + " already exists in SL (" + memo.get().docType() + ", customer "
                    + memo.get().custId() + ", batch " + memo.get().batNbr() + ")");
        }

        RefundPolicy policy = settings.refundPolicy();
        if (!originalTx.isEmpty()) {
            PaymentDocuments.Payment pa = original(c, custId, originalTx);
            BigDecimal before = documents.refunded(c, custId, originalTx, settings.program());
            if (before.add(amount).compareTo(pa.origDocAmt()) > 0) {
                throw new Rejection("refund " + refNbr + " of " + amount + " would take back more than payment " + originalTx + " paid: "
                        + pa.origDocAmt() + ", of which " + before + " is already refunded");
            }
            if (policy == RefundPolicy.REVERSE_PAYMENT && before.signum() == 0 && amount.compareTo(pa.origDocAmt()) == 0) {
                return reversal.undo(c, new PaymentReversal.Undo(pa, refund.getDocDate(), "PayTrace refund " + refNbr,
                        CommandTag.of(command.getCommandId())), now);
            }
        }
        // REVERSE_PAYMENT without a whole linked payment to reverse: the customer owes the refund again (DEBIT_MEMO).
        return writeMemos(c, command, refund, customer, refNbr, originalTx, amount, policy == RefundPolicy.CREDIT_MEMO, now);
    }

    private static void checkShape(String custId, String refNbr, String originalTx, BigDecimal amount) throws Rejection {
        if (refNbr.isEmpty()) {
            throw new Rejection("PostRefund has no transactionId");
        }
        if (refNbr.length() > PaymentPoster.REFNBR_LENGTH) {
            throw new Rejection("PayTrace refund id '" + refNbr + "' has " + refNbr.length() + " characters; SL ARDoc.RefNbr holds "
                    + PaymentPoster.REFNBR_LENGTH);
        }
        if (originalTx.length() > PaymentPoster.REFNBR_LENGTH) {
            throw new Rejection("original transaction id '" + originalTx + "' is not an SL RefNbr (1.." + PaymentPoster.REFNBR_LENGTH
                    + " characters)");
        }
        if (amount.signum() <= 0) {
            throw new Rejection("refund amount must be positive, is " + amount);
        }
        if (custId.isEmpty() || custId.length() > 15) {
            throw new Rejection("unknown customer '" + custId + "': not an SL CustId");
        }
    }

    /** The linked payment: ours, the same customer's, and not reversed already. */
    private PaymentDocuments.Payment original(Connection c, String custId, String originalTx) throws SQLException, Rejection {
        PaymentDocuments.Payment pa;
        try {
            pa = reversal.ourPayment(c, originalTx);
        } catch (Rejection r) {
            throw new Rejection("the refunded payment is not in SL: " + r.getMessage());
        }
        if (!pa.custId().equals(custId)) {
            throw new Rejection("refunded payment " + originalTx + " belongs to customer " + pa.custId() + ", not " + custId);
        }
        try {
            reversal.requireNotReversed(c, pa);
        } catch (Rejection r) {
            throw new Rejection("nothing left to refund: " + r.getMessage());
        }
        return pa;
    }

    private PostingOutcome writeMemos(Connection c, ErpCommand command, PostRefund refund, ArLookups.Customer customer, String refNbr,
                                      String originalTx, BigDecimal amount, boolean withCreditMemo, LocalDateTime now)
            throws SQLException, Rejection {
        SlSetup.Ar ar = SlSetup.readAr(c, dialect);
        SlSetup.Gl gl = SlSetup.readGl(c, dialect);
        GlAccount refundAccount = null;
        if (withCreditMemo) {
            refundAccount = accounts.refundAccount(ar).orElseThrow(() -> new Rejection("refund policy CREDIT_MEMO needs a refund account:"
                    + " SL_REFUND_ACCT/SL_REFUND_SUB are not set and ARSetup.RfndAcct/RfndSub are blank"));
        }
        GlAccount receivable = ArLookups.arAccount(customer, ar);
        CashAccount clearing = rules.match(refund.getPaymentMethod(), refund.getCardType(), refund.getMerchantAccount()).account();
        String perPost = gl.postingPeriod(refund.getDocDate());
        String perEnt = ar.perNbr().isEmpty() ? perPost : ar.perNbr();
        String batNbr = memoBatches.openOrCreate(c, clearing, refund.getDocDate(), new DepositBatches.NewBatch(perPost, perEnt,
                gl.baseCuryId(), ar.glPostOpt(), "PayTrace refunds " + refund.getDocDate()), now);
        int batSeq = memoBatches.nextBatSeq(c, batNbr);
        String tag = CommandTag.of(command.getCommandId());
        String link = originalTx.isEmpty() ? "" : PaymentDocuments.refundLink(originalTx);
        String marker = PaymentDocuments.marker(refNbr);
        List<String> written = new ArrayList<>();

        if (withCreditMemo) {
            String invoice = refund.getInvoiceRefNbr() == null ? "" : refund.getInvoiceRefNbr().strip();
            String description = invoice.isEmpty() ? "PayTrace return " + refNbr : "PayTrace return inv " + invoice;
            DocumentRows.Placement at = placement(customer, batNbr, batSeq++, perPost, perEnt, refund, gl);
            Map<String, Object> cm = rows.document(at, "CM", refNbr, amount, receivable, description, marker, now);
            cm.put("User2", link);
            rows.insert(c, "ARDoc", cm);
            rows.insert(c, "ARTran", rows.line(at, "CM", refNbr, "D", refundAccount, amount, description, tag, now));
            written.add(PostingOutcome.document("CM", refNbr, batNbr));
        }
        String description = PaymentPoster.describe("PayTrace refund", refund.getPaymentMethod(), refund.getMaskedAccount());
        DocumentRows.Placement at = placement(customer, batNbr, batSeq, perPost, perEnt, refund, gl);
        Map<String, Object> dm = rows.document(at, "DM", refNbr, amount, receivable, description, marker, now);
        dm.put("User2", link);
        rows.insert(c, "ARDoc", dm);
        rows.insert(c, "ARTran", rows.line(at, "DM", refNbr, "C", GlAccount.of(clearing), amount, description, tag, now));
        written.add(PostingOutcome.document("DM", refNbr, batNbr));
        memoBatches.retotal(c, batNbr, now);
        return PostingOutcome.applied(PostingEvent.REFUNDED, batNbr, refNbr, null, written.size(), written, amount);
    }

    private DocumentRows.Placement placement(ArLookups.Customer customer, String batNbr, int batSeq, String perPost, String perEnt,
                                             PostRefund refund, SlSetup.Gl gl) {
        return new DocumentRows.Placement(customer.custId(), batNbr, batSeq, settings.cpnyId(), perPost, perEnt, refund.getDocDate(),
                gl.baseCuryId());
    }
}
