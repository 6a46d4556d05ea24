package com.ptsl.sink.deposit;

import com.ptsl.schemas.avro.CloseDeposit;
import com.ptsl.schemas.avro.DepositTransaction;
import com.ptsl.schemas.avro.DepositTransactionKind;
import com.ptsl.schemas.avro.ErpCommand;
import com.ptsl.sink.posting.GlAccount;
import com.ptsl.sink.posting.PostingEvent;
import com.ptsl.sink.posting.PostingOutcome;
import com.ptsl.sink.posting.Rejection;
import com.ptsl.sink.sql.SlConventions;
import com.ptsl.sink.sql.dialect.SqlDialect;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * CloseDeposit: records a PayTrace settlement batch as the deposit of the SL batches holding its transactions, in the
 * caller's transaction. For each transaction it reads what SL holds ({@link SlCashDocuments}: SALE → Σ PA − Σ NS,
 * REFUND → Σ DM), compares the total with PayTrace's net, writes PTSL_Deposit and its lines (a correction replaces
 * both), and sets the status of the integration's unreleased batches holding those documents as configured
 * ({@link BatchStatusSetter}). The fees are recorded with the configured fee account, not posted to the GL: SL posts a
 * bank charge through a Cash Manager entry type, which this integration does not write.
 *
 * <p>MATCHED means SL holds exactly PayTrace's amount for every transaction (so the total matches too); anything else is
 * a MISMATCH, whose review item the outbox publishes after the commit. A MATCHED correction of a batch that was a
 * MISMATCH publishes that item RESOLVED. Nothing in ARDoc, ARTran or ARAdjust changes.
 */
public final class DepositRecorder {

    /** PTSL_Deposit.BatchNumber and PTSL_DepositLine.TransactionId widths. */
    private static final int BATCH_NUMBER_LENGTH = 50;
    private static final int TRANSACTION_ID_LENGTH = 100;

    private final DepositSettings settings;
    private final SlCashDocuments documents;
    private final DepositStore store;
    private final BatchStatusSetter batchStatus;

    /** {@code program}/{@code user}: what the sink writes to Crtd_Prog/LUpd_User (SL_PROG, SL_USER). */
    public DepositRecorder(SqlDialect dialect, DepositSettings settings, String program, String user) {
        this.settings = settings;
        this.documents = new SlCashDocuments(dialect);
        this.store = new DepositStore(dialect);
        this.batchStatus = new BatchStatusSetter(dialect, settings.batchStatus(), program, user);
    }

    public PostingOutcome record(Connection c, ErpCommand command, CloseDeposit deposit, LocalDateTime now)
            throws SQLException, Rejection {
        String batchNumber = deposit.getBatchNumber() == null ? "" : deposit.getBatchNumber().strip();
        checkShape(batchNumber, deposit);
        BigDecimal fees = deposit.getFees() == null ? null : SlConventions.money(deposit.getFees());
        GlAccount feeAccount = feeAccount(batchNumber, fees);
        BigDecimal net = SlConventions.money(deposit.getNetAmount());

        List<DepositLine> lines = lines(c, deposit.getTransactions());
        BigDecimal slAmount = lines.stream().map(DepositLine::slCash).reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal difference = slAmount.subtract(net);
        boolean matched = difference.signum() == 0 && lines.stream().allMatch(DepositLine::matches);
        Set<String> slBatches = new TreeSet<>();
        lines.forEach(l -> l.documents().forEach(doc -> slBatches.add(doc.substring(doc.lastIndexOf('/') + 1))));

        Optional<Deposit> previous = store.findForUpdate(c, batchNumber);
        // A review item is due when this state is a mismatch (OPEN), or when it ends one (RESOLVED), including one whose
        // publication is still pending: a MATCHED correction of an unsent RESOLVED must not swallow it.
        boolean reviewDue = !matched || previous.map(p -> p.status() == Deposit.Status.MISMATCH || !p.reviewSent()).orElse(false);
        Deposit row = new Deposit(batchNumber, command.getCommandId(), deposit.getDepositDate(), net,
                SlConventions.money(deposit.getSalesAmount()), SlConventions.money(deposit.getRefundAmount()), fees,
                feeAccount == null ? null : feeAccount.acct(), feeAccount == null ? null : feeAccount.sub(), slAmount, difference,
                matched ? Deposit.Status.MATCHED : Deposit.Status.MISMATCH, List.copyOf(slBatches), lines.size(),
                now.atZone(ZoneId.systemDefault()).toInstant(), !reviewDue);
        store.save(c, row, lines, previous.isPresent());
        List<String> changed = batchStatus.apply(c, slBatches, now);

        List<String> written = slBatches.stream().map(b -> PostingOutcome.document("Batch", "", b)).toList();
        return PostingOutcome.applied(matched ? PostingEvent.DEPOSIT_MATCHED : PostingEvent.DEPOSIT_MISMATCH, null, null,
                note(row, previous.isPresent(), changed), 0, written, net);
    }

    private static void checkShape(String batchNumber, CloseDeposit deposit) throws Rejection {
        if (batchNumber.isEmpty()) {
            throw new Rejection("CloseDeposit has no batchNumber");
        }
        if (batchNumber.length() > BATCH_NUMBER_LENGTH) {
            throw new Rejection("settlement batch number '" + batchNumber + "' has " + batchNumber.length()
                    + " characters; PTSL_Deposit.BatchNumber holds " + BATCH_NUMBER_LENGTH);
        }
        if (deposit.getDepositDate() == null || deposit.getNetAmount() == null || deposit.getSalesAmount() == null
                || deposit.getRefundAmount() == null) {
            throw new Rejection("settlement batch " + batchNumber + " lacks its deposit date or amounts");
        }
        Set<String> seen = new LinkedHashSet<>();
        for (DepositTransaction t : deposit.getTransactions()) {
            String tx = t.getTransactionId() == null ? "" : t.getTransactionId().strip();
            if (tx.isEmpty() || tx.length() > TRANSACTION_ID_LENGTH) {
                throw new Rejection("settlement batch " + batchNumber + " lists a transaction id '" + tx + "' that is empty or longer than "
                        + TRANSACTION_ID_LENGTH + " characters");
            }
            if (!seen.add(tx)) {
                throw new Rejection("settlement batch " + batchNumber + " lists transaction " + tx + " twice");
            }
            if (t.getAmount() == null || t.getAmount().signum() < 0) {
                throw new Rejection("settlement batch " + batchNumber + " lists transaction " + tx + " with amount " + t.getAmount()
                        + "; amounts are positive (the kind says SALE or REFUND)");
            }
        }
    }

    /** The configured account when the batch reports fees; fees above 0 without one is the site's setup to fix. */
    private GlAccount feeAccount(String batchNumber, BigDecimal fees) throws Rejection {
        if (fees == null) {
            return null;
        }
        if (fees.signum() < 0) {
            throw new Rejection("settlement batch " + batchNumber + " reports negative fees (" + fees.toPlainString()
                    + "); a fee refund cannot be recorded");
        }
        Optional<GlAccount> account = settings.configuredFeeAccount();
        if (fees.signum() > 0 && account.isEmpty()) {
            throw new Rejection("settlement batch " + batchNumber + " reports fees of " + fees.toPlainString()
                    + " but no fee account is configured: set SL_DEPOSIT_FEE_ACCT and SL_DEPOSIT_FEE_SUB, then re-drive it");
        }
        return account.orElse(null);
    }

    private List<DepositLine> lines(Connection c, List<DepositTransaction> transactions) throws SQLException {
        List<String> ids = transactions.stream().map(t -> t.getTransactionId().strip()).toList();
        Map<String, List<SlCashDocuments.Doc>> held = documents.of(c, ids);
        List<DepositLine> out = new ArrayList<>(transactions.size());
        for (DepositTransaction t : transactions) {
            String tx = t.getTransactionId().strip();
            DepositTransactionKind kind = t.getKind() == null ? DepositTransactionKind.SALE : t.getKind();
            BigDecimal sl = BigDecimal.ZERO.setScale(2);
            List<String> counted = new ArrayList<>();
            for (SlCashDocuments.Doc doc : held.getOrDefault(tx, List.of())) {
                BigDecimal signed = signed(kind, doc);
                if (signed != null) {
                    sl = sl.add(signed);
                    counted.add(doc.label());
                }
            }
            out.add(new DepositLine(tx, kind, SlConventions.money(t.getAmount()), sl, counted));
        }
        return out;
    }

    /** A sale's cash is its PAs less their NS reversals; a refund's is its cash-out DMs; any other document is not its cash. */
    private static BigDecimal signed(DepositTransactionKind kind, SlCashDocuments.Doc doc) {
        if (kind == DepositTransactionKind.REFUND) {
            return doc.docType().equals("DM") ? doc.amount() : null;
        }
        return switch (doc.docType()) {
            case "PA" -> doc.amount();
            case "NS" -> doc.amount().negate();
            default -> null;
        };
    }

    /** ErpResult.reason of the APPLIED result: what differs, and which batches changed status. */
    private static String note(Deposit d, boolean correction, List<String> changed) {
        List<String> parts = new ArrayList<>();
        if (correction) {
            parts.add("correction: replaces the batch's earlier version");
        }
        if (d.status() == Deposit.Status.MISMATCH) {
            parts.add("SL holds " + d.slAmount().toPlainString() + ", PayTrace's net is " + d.netAmount().toPlainString()
                    + " (difference " + d.difference().toPlainString() + "); review item " + d.reviewKey());
        }
        if (!changed.isEmpty()) {
            parts.add("batch status set on " + String.join(",", changed));
        }
        return parts.isEmpty() ? null : String.join("; ", parts);
    }
}
