package com.ptsl.sink.support;

import com.ptsl.sink.sql.SlConventions;
import com.ptsl.sink.sql.dialect.SqlDialect;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Plain-JDBC reads for assertions, in the SQL both dialects accept, so the same tests can run
 * against H2 and SQL Server. Rows are maps keyed case-insensitively; text is RTRIMmed, floats are
 * BigDecimal rounded to 2 dp, dates are LocalDateTime.
 */
public final class SlReader {

    /** An open, released invoice of a customer. */
    public record Invoice(String custId, String refNbr, BigDecimal docBal) {
    }

    private final TestSlDatabase db;
    private final SqlDialect dialect;

    public SlReader(TestSlDatabase db) {
        this.db = db;
        this.dialect = SqlDialect.forJdbcUrl(db.jdbcUrl());
    }

    public List<Invoice> openInvoices(String custId) {
        List<Invoice> out = new ArrayList<>();
        for (Map<String, Object> r : rows("SELECT CustId, RefNbr, DocBal FROM " + dialect.table("ARDoc")
                + " WHERE CustId = ? AND DocType = 'IN' AND Rlsed = 1 AND DocBal > 0 ORDER BY RefNbr", custId)) {
            out.add(new Invoice((String) r.get("CustId"), (String) r.get("RefNbr"), (BigDecimal) r.get("DocBal")));
        }
        return out;
    }

    public List<Map<String, Object>> payments() {
        return rows("SELECT * FROM " + dialect.table("ARDoc") + " WHERE DocType = 'PA' ORDER BY BatNbr, BatSeq");
    }

    public List<Map<String, Object>> paymentsWithRefNbr(String refNbr) {
        return rows("SELECT * FROM " + dialect.table("ARDoc") + " WHERE DocType = 'PA' AND RefNbr = ?", refNbr);
    }

    public Map<String, Object> batch(String batNbr) {
        List<Map<String, Object>> rows = rows("SELECT * FROM " + dialect.table("Batch") + " WHERE Module = 'AR' AND BatNbr = ?", batNbr);
        if (rows.isEmpty()) {
            throw new AssertionError("no AR batch " + batNbr);
        }
        return rows.get(0);
    }

    public List<Map<String, Object>> applicationLines(String custId, String refNbr) {
        return rows("SELECT * FROM " + dialect.table("ARTran") + " WHERE CustId = ? AND TranType = 'PA' AND RefNbr = ? AND DrCr = 'U'"
                + " ORDER BY LineNbr", custId, refNbr);
    }

    public BigDecimal sumOrigDocAmt(String batNbr) {
        return (BigDecimal) rows("SELECT COALESCE(SUM(OrigDocAmt), 0) AS Total FROM " + dialect.table("ARDoc") + " WHERE BatNbr = ?",
                batNbr).get(0).get("Total");
    }

    public String lastBatNbr() {
        return (String) rows("SELECT TOP 1 LastBatNbr FROM " + dialect.table("ARSetup") + " ORDER BY SetupId").get(0).get("LastBatNbr");
    }

    public int count(String table) {
        return ((Number) rows("SELECT COUNT(*) AS N FROM " + dialect.table(table)).get(0).get("N")).intValue();
    }

    /** Every row the integration wrote to an SL table (Crtd_Prog = program), with every column. */
    public List<Map<String, Object>> writtenBy(String table, String program) {
        return rows("SELECT * FROM " + dialect.table(table) + " WHERE Crtd_Prog = ?", program);
    }

    public List<Map<String, Object>> ledger() {
        return rows("SELECT * FROM " + dialect.table(SqlDialect.LEDGER_TABLE) + " ORDER BY CommandId");
    }

    public List<Map<String, Object>> storedOffsets(String groupId) {
        return rows("SELECT * FROM " + dialect.table(SqlDialect.OFFSETS_TABLE) + " WHERE GroupId = ? ORDER BY PartitionNbr", groupId);
    }

    public void execute(String sql, Object... params) {
        try (Connection c = db.connect(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    public SqlDialect dialect() {
        return dialect;
    }

    public List<Map<String, Object>> rows(String sql, Object... params) {
        try (Connection c = db.connect(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                ResultSetMetaData md = rs.getMetaData();
                List<Map<String, Object>> out = new ArrayList<>();
                while (rs.next()) {
                    Map<String, Object> row = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
                    for (int i = 1; i <= md.getColumnCount(); i++) {
                        row.put(md.getColumnLabel(i), value(rs, i, md.getColumnType(i)));
                    }
                    out.add(row);
                }
                return out;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    /** Null stays null, so a test can see a NULL column. */
    private static Object value(ResultSet rs, int i, int type) throws SQLException {
        Object raw = rs.getObject(i);
        if (raw == null) {
            return null;
        }
        return switch (type) {
            case Types.CHAR, Types.VARCHAR, Types.NCHAR, Types.NVARCHAR -> SlConventions.rtrim(rs.getString(i));
            case Types.FLOAT, Types.DOUBLE, Types.REAL -> SlConventions.money(rs.getDouble(i));
            case Types.TINYINT, Types.SMALLINT, Types.INTEGER -> ((Number) raw).intValue();
            case Types.TIMESTAMP, Types.DATE -> {
                Timestamp ts = rs.getTimestamp(i);
                yield ts.toLocalDateTime();
            }
            default -> raw;
        };
    }

    /** Column names with a NULL value, per row. */
    public static Map<String, List<String>> nullColumns(List<Map<String, Object>> rows, String keyColumn) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (Map<String, Object> row : rows) {
            List<String> nulls = row.entrySet().stream().filter(e -> e.getValue() == null).map(Map.Entry::getKey).toList();
            if (!nulls.isEmpty()) {
                out.put(String.valueOf(row.get(keyColumn)), nulls);
            }
        }
        return out;
    }
}
