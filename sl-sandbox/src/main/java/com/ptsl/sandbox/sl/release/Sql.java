package com.ptsl.sandbox.sl.release;

import com.ptsl.sandbox.sl.SlValues;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Plain JDBC for the release: bind parameters only (a list of char(n) literals misbehaves in H2, see SlSandbox),
 * strings read back RTRIMmed, amounts read back rounded to 2 dp and written as the double of a 2-dp BigDecimal.
 */
final class Sql {

    @FunctionalInterface
    interface Mapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    private Sql() {
    }

    static <T> List<T> list(Connection c, String sql, Mapper<T> mapper, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                List<T> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(mapper.map(rs));
                }
                return out;
            }
        }
    }

    static int update(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, params);
            return ps.executeUpdate();
        }
    }

    private static void bind(PreparedStatement ps, Object... params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            Object p = params[i];
            int index = i + 1;
            if (p instanceof BigDecimal amount) {
                // Amount columns are float(53): store the double nearest to the 2-dp value.
                ps.setDouble(index, SlValues.money(amount).doubleValue());
            } else if (p instanceof LocalDate date) {
                ps.setObject(index, date.atStartOfDay());
            } else if (p instanceof LocalDateTime dateTime) {
                ps.setObject(index, SlValues.smallDateTime(dateTime));
            } else if (p instanceof String text) {
                // SL stores empty text as blanks; char(n) pads it.
                ps.setString(index, text.isEmpty() ? SlValues.BLANK : text);
            } else {
                ps.setObject(index, p);
            }
        }
    }

    static String str(ResultSet rs, String column) throws SQLException {
        String value = SlValues.rtrim(rs.getString(column));
        return value == null ? "" : value;
    }

    static BigDecimal money(ResultSet rs, String column) throws SQLException {
        return SlValues.money(rs.getDouble(column));
    }

    static LocalDate date(ResultSet rs, String column) throws SQLException {
        Timestamp ts = rs.getTimestamp(column);
        return ts == null ? SlValues.EMPTY_DATE : ts.toLocalDateTime().toLocalDate();
    }
}
