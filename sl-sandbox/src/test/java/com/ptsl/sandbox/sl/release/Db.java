package com.ptsl.sandbox.sl.release;

import com.ptsl.sandbox.sl.SlSandbox;
import com.ptsl.sandbox.sl.SlTables;
import com.ptsl.sandbox.sl.SlValues;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** Reading rows back in tests: column labels upper-cased, strings RTRIMmed, integers as long, floats as 2-dp BigDecimal. */
final class Db {

    private final SlSandbox sl;

    Db(SlSandbox sl) {
        this.sl = sl;
    }

    List<Map<String, Object>> rows(String sql, Object... params) throws SQLException {
        try (Connection c = sl.connect(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                ResultSetMetaData md = rs.getMetaData();
                List<Map<String, Object>> out = new ArrayList<>();
                while (rs.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int i = 1; i <= md.getColumnCount(); i++) {
                        row.put(md.getColumnLabel(i).toUpperCase(Locale.ROOT), normalize(rs.getObject(i)));
                    }
                    out.add(row);
                }
                return out;
            }
        }
    }

    Map<String, Object> row(String sql, Object... params) throws SQLException {
        List<Map<String, Object>> rows = rows(sql, params);
        if (rows.size() != 1) {
            throw new AssertionError("expected one row, got " + rows.size() + ": " + sql);
        }
        return rows.get(0);
    }

    BigDecimal amount(String sql, Object... params) throws SQLException {
        Object v = row(sql, params).values().iterator().next();
        return v == null ? BigDecimal.ZERO.setScale(2) : (BigDecimal) v;
    }

    /**
     * Every row of every sandbox table as text, sorted, without tstamp (changes on any UPDATE) and without the columns
     * named in {@code ignored} ("Table.Column", upper case): a checksum of the whole database to compare before/after.
     */
    Map<String, List<String>> snapshot(String... ignored) throws SQLException {
        List<String> skip = List.of(ignored);
        Map<String, List<String>> tables = new TreeMap<>();
        for (String table : SlTables.ALL) {
            List<String> rows = new ArrayList<>();
            for (Map<String, Object> row : rows("SELECT * FROM " + SlTables.qualified(table))) {
                row.keySet().removeIf(col -> col.equals("TSTAMP") || skip.contains(table.toUpperCase(Locale.ROOT) + "." + col));
                rows.add(row.toString());
            }
            rows.sort(null);
            tables.put(table, rows);
        }
        return tables;
    }

    private static Object normalize(Object v) {
        if (v instanceof String s) {
            return s.stripTrailing();
        }
        if (v instanceof Short || v instanceof Integer || v instanceof Long) {
            return ((Number) v).longValue();
        }
        if (v instanceof Double d) {
            return SlValues.money(d);
        }
        if (v instanceof BigDecimal d) {
            // H2 sums float(53) columns as DECFLOAT.
            return SlValues.money(d);
        }
        return v;
    }
}
