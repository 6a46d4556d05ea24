package com.ptsl.sink.ledger;

import com.ptsl.schemas.avro.ResultStatus;
import com.ptsl.sink.sql.InLists;
import com.ptsl.sink.sql.dialect.SqlDialect;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * PTSL_CommandLedger: one row per commandId ever processed, written in the same transaction as the
 * SL rows, so a replayed command is recognised (DUPLICATE) and writes nothing. It doubles as the
 * transactional outbox of results: {@code ResultSent = 0} until the ErpResult was acknowledged by Kafka. A REJECTED
 * row is the only one that may change, and only through a re-drive ({@link #replaceRejected}).
 */
public final class CommandLedger {

    public static final int KEY_LENGTH = 100;
    public static final int REASON_LENGTH = 1000;
    private static final int DOCUMENTS_LENGTH = 1000;
    private static final String DOCUMENT_SEPARATOR = ";";

    private final String table;

    public CommandLedger(SqlDialect dialect) {
        this.table = dialect.table(SqlDialect.LEDGER_TABLE);
    }

    /**
     * The ledger key of a commandId: the id itself, or for an id longer than the key column a
     * deterministic digest, so even an oversized id is recognised when it comes again.
     */
    public static String key(String commandId) {
        if (commandId.length() <= KEY_LENGTH) {
            return commandId;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(commandId.getBytes(StandardCharsets.UTF_8));
            return "sha256:" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JVM", e);
        }
    }

    public Optional<LedgerEntry> find(Connection c, String key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(select() + " WHERE [CommandId] = ?")) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        }
    }

    /**
     * The rows of those of {@code keys} (ledger keys, {@link #key}) the ledger holds, by key: one query per
     * {@link InLists#CHUNK} keys instead of one per command.
     */
    public Map<String, LedgerEntry> findAll(Connection c, Collection<String> keys) throws SQLException {
        Map<String, LedgerEntry> out = new HashMap<>();
        for (List<String> chunk : InLists.chunks(keys)) {
            try (PreparedStatement ps = c.prepareStatement(select() + " WHERE [CommandId] IN (" + InLists.marks(chunk.size()) + ")")) {
                for (int i = 0; i < chunk.size(); i++) {
                    ps.setString(i + 1, chunk.get(i));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        LedgerEntry entry = read(rs);
                        out.put(entry.commandId(), entry);
                    }
                }
            }
        }
        return out;
    }

    /** Inserts with ResultSent = 0. A duplicate key means a concurrent writer got there first. */
    public void insert(Connection c, LedgerEntry e) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(insertSql())) {
            bindInsert(ps, e);
            ps.executeUpdate();
        }
    }

    /**
     * Ledger rows of one transaction sent as JDBC batches: {@link Inserts#add} only queues; nothing is in the table, and
     * no duplicate key is detected, before {@link Inserts#flush}.
     */
    public Inserts inserts(Connection c) {
        return new Inserts(c);
    }

    /** See {@link #inserts}. Close it (or let the transaction end) to release the statement. */
    public final class Inserts implements AutoCloseable {
        private final Connection connection;
        private PreparedStatement statement;
        private int queued;

        private Inserts(Connection connection) {
            this.connection = connection;
        }

        public void add(LedgerEntry e) throws SQLException {
            if (statement == null) {
                statement = connection.prepareStatement(insertSql());
            }
            bindInsert(statement, e);
            statement.addBatch();
            queued++;
        }

        /** Sends what was queued; a BatchUpdateException (a duplicate key among them) leaves the transaction to roll back. */
        public void flush() throws SQLException {
            if (queued > 0) {
                queued = 0;
                statement.executeBatch();
            }
        }

        @Override
        public void close() throws SQLException {
            if (statement != null) {
                statement.close();
                statement = null;
            }
        }
    }

    private String insertSql() {
        return "INSERT INTO " + table + " ([CommandId], [Status], [Reason], [CustId], "
                + "[SourceTransactionId], [BatNbr], [RefNbr], [SourceReceivedAt], [ProcessedAt], [Event], [CommandType], [Amount], "
                + "[Documents], [ResultSent]) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)";
    }

    private static void bindInsert(PreparedStatement ps, LedgerEntry e) throws SQLException {
        ps.setString(1, key(e.commandId()));
        ps.setString(2, e.status().name());
        ps.setString(3, e.reason() == null ? null : cut(e.reason(), REASON_LENGTH));
        ps.setString(4, cut(e.custId(), 100));
        ps.setString(5, cut(e.sourceTransactionId(), 100));
        ps.setString(6, e.batNbr());
        ps.setString(7, e.refNbr());
        ps.setTimestamp(8, Timestamp.from(e.sourceReceivedAt()));
        ps.setTimestamp(9, Timestamp.from(e.processedAt()));
        setOutcome(ps, 10, e);
    }

    /**
     * A re-drive's verdict on a command recorded as REJECTED: the row takes the new outcome (still one row per
     * commandId) and its result goes back to the outbox. Compare-and-set on the REJECTED status, so a re-drive
     * that lost a race to another one changes nothing and returns false.
     */
    public boolean replaceRejected(Connection c, LedgerEntry e) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + table + " SET [Status] = ?, [Reason] = ?, [BatNbr] = ?, "
                + "[RefNbr] = ?, [ProcessedAt] = ?, [Event] = ?, [CommandType] = ?, [Amount] = ?, [Documents] = ?, [ResultSent] = 0"
                + " WHERE [CommandId] = ? AND [Status] = ?")) {
            ps.setString(1, e.status().name());
            ps.setString(2, e.reason() == null ? null : cut(e.reason(), REASON_LENGTH));
            ps.setString(3, e.batNbr());
            ps.setString(4, e.refNbr());
            ps.setTimestamp(5, Timestamp.from(e.processedAt()));
            setOutcome(ps, 6, e);
            ps.setString(10, key(e.commandId()));
            ps.setString(11, ResultStatus.REJECTED.name());
            return ps.executeUpdate() == 1;
        }
    }

    /** The outbox: rows whose result has not been acknowledged by Kafka yet, oldest first. */
    public List<LedgerEntry> unsent(Connection c, int limit) throws SQLException {
        List<LedgerEntry> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(select() + " WHERE [ResultSent] = 0 ORDER BY [ProcessedAt], [CommandId]")) {
            ps.setMaxRows(limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(read(rs));
                }
            }
        }
        return out;
    }

    public void markSent(Connection c, List<String> commandIds) throws SQLException {
        if (commandIds.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + table + " SET [ResultSent] = 1 WHERE [CommandId] = ?")) {
            for (String id : commandIds) {
                ps.setString(1, key(id));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /**
     * The APPLIED commands that wrote to each of the SL payments {@code refNbrs} (ledger RefNbr), as ledger keys,
     * oldest first: the first is the PostPayment that created the payment, since an ApplyPayment needs it to
     * exist. RefNbrs with none (payments keyed in SL) are absent. For the SL feed's InvoiceApplication.commandId.
     */
    public Map<String, List<String>> appliedByRefNbr(Connection c, Collection<String> refNbrs) throws SQLException {
        Map<String, List<String>> out = new HashMap<>();
        for (List<String> chunk : InLists.chunks(refNbrs)) {
            try (PreparedStatement ps = c.prepareStatement("SELECT [RefNbr], [CommandId] FROM " + table
                    + " WHERE [Status] = ? AND [RefNbr] IN (" + InLists.marks(chunk.size()) + ") ORDER BY [ProcessedAt], [CommandId]")) {
                ps.setString(1, ResultStatus.APPLIED.name());
                for (int i = 0; i < chunk.size(); i++) {
                    ps.setString(i + 2, chunk.get(i));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.computeIfAbsent(rs.getString(1).strip(), k -> new ArrayList<>()).add(rs.getString(2));
                    }
                }
            }
        }
        return out;
    }

    private String select() {
        return "SELECT [CommandId], [Status], [Reason], [CustId], [SourceTransactionId], [BatNbr], [RefNbr], "
                + "[SourceReceivedAt], [ProcessedAt], [Event], [CommandType], [Amount], [Documents] FROM " + table;
    }

    private static LedgerEntry read(ResultSet rs) throws SQLException {
        BigDecimal amount = rs.getBigDecimal(12);
        return new LedgerEntry(rs.getString(1), ResultStatus.valueOf(rs.getString(2).trim()), rs.getString(3), rs.getString(4),
                rs.getString(5), rs.getString(6), rs.getString(7), rs.getTimestamp(8).toInstant(), rs.getTimestamp(9).toInstant(),
                rs.getString(10), rs.getString(11), amount == null ? null : amount.setScale(2, RoundingMode.HALF_UP),
                documents(rs.getString(13)));
    }

    /** Event, CommandType, Amount, Documents from {@code first} on. */
    private static void setOutcome(PreparedStatement ps, int first, LedgerEntry e) throws SQLException {
        ps.setString(first, e.event().isEmpty() ? null : cut(e.event(), 30));
        ps.setString(first + 1, e.commandType().isEmpty() ? null : cut(e.commandType(), 40));
        ps.setBigDecimal(first + 2, e.amount());
        ps.setString(first + 3, e.documents().isEmpty() ? null : cut(String.join(DOCUMENT_SEPARATOR, e.documents()), DOCUMENTS_LENGTH));
    }

    /** "DocType/RefNbr/BatNbr" entries never contain ';' (SL RefNbr and BatNbr are digits and letters). */
    private static List<String> documents(String stored) {
        if (stored == null || stored.isBlank()) {
            return List.of();
        }
        return List.of(stored.strip().split(DOCUMENT_SEPARATOR));
    }

    private static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }
}
