package com.ptsl.sink.posting;

import com.ptsl.schemas.avro.ApplyPayment;
import com.ptsl.schemas.avro.ErpCommand;
import com.ptsl.schemas.avro.PostPayment;
import com.ptsl.sink.sql.dialect.SqlDialect;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.LocalDateTime;

/**
 * Applies one ErpCommand to SL inside the caller's transaction. A permanent problem (a Rejection, or
 * an SQL error that is neither transient nor a setup problem) is undone back to a savepoint and
 * returned as REJECTED, leaving the rest of the poll batch's transaction intact; transient and setup
 * errors are thrown so that the whole batch is retried.
 */
public final class SlWriter {

    private final SqlDialect dialect;
    private final PaymentPoster payments;
    private final UnappliedCashApplier applications;

    public SlWriter(SqlDialect dialect, PostingSettings settings) {
        this.dialect = dialect;
        RowWriters rows = new RowWriters(dialect);
        this.payments = new PaymentPoster(dialect, settings, rows);
        this.applications = new UnappliedCashApplier(dialect, settings, rows);
    }

    public PostingOutcome apply(Connection c, ErpCommand command, LocalDateTime now) throws SQLException {
        Object payload = command.getPayload();
        if (!(payload instanceof PostPayment) && !(payload instanceof ApplyPayment)) {
            String type = payload == null ? "none" : payload.getClass().getSimpleName();
            return PostingOutcome.rejected("command type " + type + " is not supported by this erp-sink version");
        }
        Savepoint before = c.setSavepoint();
        try {
            if (payload instanceof PostPayment payment) {
                return payments.post(c, command, payment, now);
            }
            return applications.apply(c, command, (ApplyPayment) payload, now);
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
