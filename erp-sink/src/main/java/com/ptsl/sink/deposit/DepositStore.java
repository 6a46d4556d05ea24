package com.ptsl.sink.deposit;

import com.ptsl.schemas.avro.DepositTransactionKind;
import com.ptsl.sink.sql.dialect.SqlDialect;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * PTSL_Deposit and PTSL_DepositLine, written in the poll batch's transaction with the CloseDeposit's ledger row: one
 * deposit row per settlement batch, replaced (lines and all) by each correction, and the outbox of its review item
 * ({@code ReviewSent = 0}). Integration-owned tables: the SL feed never reads them, and they have no row version.
 */
public final class DepositStore {

    private static final String SEPARATOR = ";";
    private static final int SL_BATCHES_LENGTH = 2000;
    private static final int DOCUMENTS_LENGTH = 1000;

    private final SqlDialect dialect;
    private final String deposits;
    private final String lines;

    public DepositStore(SqlDialect dialect) {
        this.dialect = dialect;
        this.deposits = dialect.table(SqlDialect.DEPOSIT_TABLE);
        this.lines = dialect.table(SqlDialect.DEPOSIT_LINE_TABLE);
    }

    /** The batch's current row, update-locked so that the replacement below is decided on what it replaces. */
    Optional<Deposit> findForUpdate(Connection c, String batchNumber) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(select(dialect.lockedTable(SqlDialect.DEPOSIT_TABLE))
                + " WHERE [BatchNumber] = ?" + dialect.lockSuffix())) {
            ps.setString(1, batchNumber);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        }
    }

    public Optional<Deposit> find(Connection c, String batchNumber) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(select(deposits) + " WHERE [BatchNumber] = ?")) {
            ps.setString(1, batchNumber);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        }
    }

    /** Inserts the row, or replaces the existing one; its lines are replaced in either case. */
    void save(Connection c, Deposit d, List<DepositLine> newLines, boolean replacing) throws SQLException {
        String sql = replacing
                ? "UPDATE " + deposits + " SET [CommandId] = ?, [DepositDate] = ?, [NetAmount] = ?, [SalesAmount] = ?, [RefundAmount] = ?, "
                + "[FeeAmount] = ?, [FeeAcct] = ?, [FeeSub] = ?, [SlAmount] = ?, [Difference] = ?, [Status] = ?, [SlBatches] = ?, "
                + "[TransactionCount] = ?, [RecordedAt] = ?, [ReviewSent] = ? WHERE [BatchNumber] = ?"
                : "INSERT INTO " + deposits + " ([CommandId], [DepositDate], [NetAmount], [SalesAmount], [RefundAmount], [FeeAmount], "
                + "[FeeAcct], [FeeSub], [SlAmount], [Difference], [Status], [SlBatches], [TransactionCount], [RecordedAt], [ReviewSent], "
                + "[BatchNumber]) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, d.commandId());
            ps.setDate(2, Date.valueOf(d.depositDate()));
            ps.setBigDecimal(3, d.netAmount());
            ps.setBigDecimal(4, d.salesAmount());
            ps.setBigDecimal(5, d.refundAmount());
            ps.setBigDecimal(6, d.feeAmount());
            setText(ps, 7, d.feeAcct());
            setText(ps, 8, d.feeSub());
            ps.setBigDecimal(9, d.slAmount());
            ps.setBigDecimal(10, d.difference());
            ps.setString(11, d.status().name());
            ps.setString(12, cut(String.join(",", d.slBatches()), SL_BATCHES_LENGTH));
            ps.setInt(13, d.transactionCount());
            ps.setTimestamp(14, Timestamp.from(d.recordedAt()));
            ps.setShort(15, (short) (d.reviewSent() ? 1 : 0));
            ps.setString(16, d.batchNumber());
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + lines + " WHERE [BatchNumber] = ?")) {
            ps.setString(1, d.batchNumber());
            ps.executeUpdate();
        }
        if (newLines.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + lines + " ([BatchNumber], [TransactionId], [Kind], [Amount], "
                + "[SlAmount], [Documents]) VALUES (?, ?, ?, ?, ?, ?)")) {
            for (DepositLine line : newLines) {
                ps.setString(1, d.batchNumber());
                ps.setString(2, line.transactionId());
                ps.setString(3, line.kind().name());
                ps.setBigDecimal(4, line.amount());
                ps.setBigDecimal(5, line.slAmount());
                setText(ps, 6, line.documents().isEmpty() ? null : cut(String.join(SEPARATOR, line.documents()), DOCUMENTS_LENGTH));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** The batch's lines, by transaction id. */
    public List<DepositLine> lines(Connection c, String batchNumber) throws SQLException {
        List<DepositLine> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT [TransactionId], [Kind], [Amount], [SlAmount], [Documents] FROM " + lines
                + " WHERE [BatchNumber] = ? ORDER BY [TransactionId]")) {
            ps.setString(1, batchNumber);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String documents = rs.getString(5);
                    out.add(new DepositLine(rs.getString(1).strip(), DepositTransactionKind.valueOf(rs.getString(2).strip()),
                            money(rs.getBigDecimal(3)), money(rs.getBigDecimal(4)),
                            documents == null || documents.isBlank() ? List.of() : List.of(documents.strip().split(SEPARATOR))));
                }
            }
        }
        return out;
    }

    /** The outbox: deposits whose review item has not been acknowledged, oldest first. */
    List<Deposit> unsent(Connection c, int limit) throws SQLException {
        List<Deposit> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(select(deposits) + " WHERE [ReviewSent] = 0 ORDER BY [RecordedAt], [BatchNumber]")) {
            ps.setMaxRows(limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(read(rs));
                }
            }
        }
        return out;
    }

    /** Marks each published state sent, only if the row still holds it: a correction recorded meanwhile stays in the outbox. */
    void markSent(Connection c, List<Deposit> published) throws SQLException {
        if (published.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + deposits + " SET [ReviewSent] = 1 WHERE [BatchNumber] = ? AND "
                + "[CommandId] = ? AND [Status] = ?")) {
            for (Deposit d : published) {
                ps.setString(1, d.batchNumber());
                ps.setString(2, d.commandId());
                ps.setString(3, d.status().name());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static String select(String from) {
        return "SELECT [BatchNumber], [CommandId], [DepositDate], [NetAmount], [SalesAmount], [RefundAmount], [FeeAmount], [FeeAcct], "
                + "[FeeSub], [SlAmount], [Difference], [Status], [SlBatches], [TransactionCount], [RecordedAt], [ReviewSent] FROM " + from;
    }

    private static Deposit read(ResultSet rs) throws SQLException {
        String batches = rs.getString(13);
        return new Deposit(rs.getString(1).strip(), rs.getString(2).strip(), rs.getDate(3).toLocalDate(), money(rs.getBigDecimal(4)),
                money(rs.getBigDecimal(5)), money(rs.getBigDecimal(6)), money(rs.getBigDecimal(7)), text(rs.getString(8)),
                text(rs.getString(9)), money(rs.getBigDecimal(10)), money(rs.getBigDecimal(11)),
                Deposit.Status.valueOf(rs.getString(12).strip()), batches == null || batches.isBlank() ? List.of()
                : List.of(batches.strip().split(",")), rs.getInt(14), rs.getTimestamp(15).toInstant(), rs.getShort(16) == 1);
    }

    private static void setText(PreparedStatement ps, int index, String value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.VARCHAR);
        } else {
            ps.setString(index, value);
        }
    }

    private static String text(String value) {
        return value == null ? null : value.strip();
    }

    private static BigDecimal money(BigDecimal amount) {
        return amount == null ? null : amount.setScale(2, RoundingMode.HALF_UP);
    }

    private static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }
}
