package com.ptsl.sink.deposit;

import com.ptsl.sink.sql.SlConventions;
import com.ptsl.sink.sql.dialect.SqlDialect;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Applies SL_DEPOSIT_BATCH_STATUS to the AR batches holding a settlement batch's documents. Only a batch this
 * integration created (Crtd_Prog), unreleased (Rlsed 0) and in Status B or H changes: suspended ('S'), voided ('V') and
 * released batches, and every batch an SL user keyed, stay as they are. Touches the Batch row only, never ARDoc or
 * ARTran, so the SL feed (which follows ARDoc/ARTran/ARAdjust row versions) sees nothing.
 */
final class BatchStatusSetter {

    private final SqlDialect dialect;
    private final DepositBatchStatus status;
    private final String program;
    private final String user;

    BatchStatusSetter(SqlDialect dialect, DepositBatchStatus status, String program, String user) {
        this.dialect = dialect;
        this.status = status;
        this.program = program;
        this.user = user;
    }

    /** The batches whose status changed (a batch already in the configured status is not counted). */
    List<String> apply(Connection c, Collection<String> batNbrs, LocalDateTime now) throws SQLException {
        List<String> changed = new ArrayList<>();
        if (status.slStatus().isEmpty() || batNbrs.isEmpty()) {
            return changed;
        }
        String target = status.slStatus().get();
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + dialect.table("Batch") + " SET [Status] = ?, [LUpd_DateTime] = ?,"
                + " [LUpd_Prog] = ?, [LUpd_User] = ? WHERE [Module] = 'AR' AND [BatNbr] = ? AND [Crtd_Prog] = ? AND [Rlsed] = 0"
                + " AND [Status] IN ('B', 'H') AND [Status] <> ?")) {
            for (String batNbr : batNbrs) {
                ps.setString(1, target);
                ps.setTimestamp(2, SlConventions.timestamp(now));
                ps.setString(3, program);
                ps.setString(4, user);
                ps.setString(5, batNbr);
                ps.setString(6, program);
                ps.setString(7, target);
                if (ps.executeUpdate() > 0) {
                    changed.add(batNbr);
                }
            }
        }
        return changed;
    }
}
