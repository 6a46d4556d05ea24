package com.ptsl.sink.posting;

import com.ptsl.schemas.avro.ApplyPayment;
import com.ptsl.schemas.avro.CloseDeposit;
import com.ptsl.schemas.avro.ErpCommand;
import com.ptsl.schemas.avro.PostPayment;
import com.ptsl.schemas.avro.PostRefund;
import com.ptsl.schemas.avro.ReversePayment;
import com.ptsl.sink.deposit.DepositRecorder;
import com.ptsl.sink.deposit.DepositSettings;
import com.ptsl.sink.sql.dialect.SqlDialect;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;

/**
 * Applies one ErpCommand to SL inside the caller's transaction: PostPayment, ApplyPayment, ReversePayment,
 * PostRefund and CloseDeposit ({@link DepositRecorder}; any other payload is rejected). A command is applied by its
 * payload, never by its commandId: a re-post ({@code <original>:repost-<n>}) posts exactly like the original. A
 * permanent problem (a Rejection, or an SQL error that is neither transient nor a setup problem) is undone back to a
 * savepoint and returned as REJECTED, leaving the rest of the poll batch's transaction intact; transient and setup
 * errors are thrown so that the whole batch is retried.
 *
 * <p>Before its first command the writer checks the GL accounts it was configured with against SL
 * ({@link #verifySetup}), the deposit fee account included; a rule naming an account SL does not have is a setup
 * error, so nothing is posted until it is fixed.
 */
public final class SlWriter {

    /** How long {@link #paymentBatch} relies on what earlier transactions left without reading it again (SINK_SL_REREAD_MS). */
    public static final Duration DEFAULT_REREAD = Duration.ofSeconds(60);

    private final SqlDialect dialect;
    private final AccountCheck accountCheck;
    private final PaymentPoster payments;
    private final UnappliedCashApplier applications;
    private final PaymentReversal reversals;
    private final RefundPoster refunds;
    private final DepositSettings depositSettings;
    private final DepositRecorder deposits;
    private final PostingSettings settings;
    private final RowWriters rows;
    private final PostingMemory memory;
    private volatile boolean setupVerified;

    /** Deposits recorded with {@link DepositSettings#DEFAULT} (batch status kept, no fee account). */
    public SlWriter(SqlDialect dialect, PostingSettings settings) {
        this(dialect, settings, DepositSettings.DEFAULT);
    }

    public SlWriter(SqlDialect dialect, PostingSettings settings, DepositSettings depositSettings) {
        this(dialect, settings, depositSettings, DEFAULT_REREAD);
    }

    /**
     * @param reread how long what a committed transaction knew of an open batch or an invoice's pending lines is used by
     *               the next ones before it is summed from SL again ({@link PostingMemory}); zero: every transaction sums
     */
    public SlWriter(SqlDialect dialect, PostingSettings settings, DepositSettings depositSettings, Duration reread) {
        this.dialect = dialect;
        this.settings = settings;
        this.memory = new PostingMemory(reread);
        this.depositSettings = depositSettings;
        this.deposits = new DepositRecorder(dialect, depositSettings, settings.program(), settings.user());
        this.rows = new RowWriters(dialect);
        GlRules rules = settings.cashRules();
        this.accountCheck = new AccountCheck(dialect, settings, rules);
        this.payments = new PaymentPoster(dialect, settings, rules, rows);
        this.applications = new UnappliedCashApplier(dialect, settings, rows);
        this.reversals = new PaymentReversal(dialect, settings, rows);
        this.refunds = new RefundPoster(dialect, settings, rules, rows, reversals);
    }

    /**
     * Checks every account and subaccount the GL rules, the refund account and the deposit fee account name against SL's
     * Account (active) and SubAcct tables. Throws {@link SlSetupException} naming the first rule that fails; returns
     * warnings about setup that is not wrong but will make some commands fail (no refund account for CREDIT_MEMO), for
     * the caller to log. Reads only; the caller owns the transaction. Called at start-up, and by {@link #apply} before
     * its first command.
     */
    public List<String> verifySetup(Connection c) throws SQLException {
        List<String> warnings = accountCheck.verify(c);
        Optional<GlAccount> fees = depositSettings.configuredFeeAccount();
        if (fees.isPresent()) {
            accountCheck.check(c, fees.get(), "deposit fee account " + fees.get() + " from SL_DEPOSIT_FEE_ACCT/SL_DEPOSIT_FEE_SUB");
        }
        setupVerified = true;
        return warnings;
    }

    /**
     * The PostPayments of one transaction on {@code c}, posted as {@link #apply} would post each, in bulk
     * ({@link PaymentBatch}). The caller {@link PaymentBatch#finish finishes} it before its commit, tells it
     * {@link PaymentBatch#committed} after, and closes it; and calls {@link #forgetRemembered} after any rollback.
     */
    public PaymentBatch paymentBatch(Connection c, LocalDateTime now, PaymentBatch.Mode mode) throws SQLException {
        if (!setupVerified) {
            verifySetup(c);
        }
        return new PaymentBatch(c, dialect, settings, payments, rows, memory, now, mode);
    }

    /**
     * Drops what committed transactions left for the next ones ({@link PostingMemory}): after a rollback, a fence, a
     * change of partition ownership, anything that may have changed SL behind the sink's back.
     */
    public void forgetRemembered() {
        memory.forget();
    }

    public PostingOutcome apply(Connection c, ErpCommand command, LocalDateTime now) throws SQLException {
        Object payload = command.getPayload();
        if (!(payload instanceof PostPayment) && !(payload instanceof ApplyPayment) && !(payload instanceof ReversePayment)
                && !(payload instanceof PostRefund) && !(payload instanceof CloseDeposit)) {
            String type = payload == null ? "none" : payload.getClass().getSimpleName();
            return PostingOutcome.rejected("command type " + type + " is not supported by this erp-sink version");
        }
        if (!setupVerified) {
            verifySetup(c);
        }
        // Whatever this command changes, payment batches of later transactions must not rely on what they remembered.
        memory.forget();
        Savepoint before = c.setSavepoint();
        try {
            if (payload instanceof PostPayment payment) {
                return payments.post(c, command, payment, now);
            }
            if (payload instanceof ApplyPayment apply) {
                return applications.apply(c, command, apply, now);
            }
            if (payload instanceof ReversePayment reverse) {
                return reversals.reverse(c, command, reverse, now);
            }
            if (payload instanceof CloseDeposit deposit) {
                return deposits.record(c, command, deposit, now);
            }
            return refunds.post(c, command, (PostRefund) payload, now);
        } catch (Rejection r) {
            c.rollback(before);
            return PostingOutcome.rejected(r.getMessage());
        } catch (SlSetupException e) {
            throw e;
        } catch (SQLException e) {
            if (dialect.isTransient(e)) {
                throw e;
            }
            c.rollback(before);
            return PostingOutcome.rejected("SL refused the posting: " + firstLine(e.getMessage()));
        } catch (IllegalArgumentException e) {
            c.rollback(before);
            return PostingOutcome.rejected("cannot write the command to SL: " + firstLine(e.getMessage()));
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "(no message)";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
