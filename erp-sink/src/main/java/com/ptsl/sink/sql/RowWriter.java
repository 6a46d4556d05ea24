package com.ptsl.sink.sql;

import com.ptsl.sink.sql.dialect.SqlDialect;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Inserts one row into an SL table, filling every column the caller does not name with SL's empty
 * value: a blank for text, 0 for numbers, 1900-01-01 for dates. SL's AR tables have 110+ NOT NULL
 * columns and no defaults (sl-tables.md), so spelling every one out per insert would bury the few
 * that matter. The column list is read once from JDBC metadata, which also makes the writer follow
 * a site's customised table rather than a list compiled in here. The IDENTITY RecordID and the
 * rowversion tstamp are the server's and never written.
 */
public final class RowWriter {

    private final String table;
    private final List<Column> columns;
    private final Map<String, Column> byName;
    private final String insertSql;

    private RowWriter(String table, List<Column> columns, String insertSql) {
        this.table = table;
        this.columns = List.copyOf(columns);
        Map<String, Column> names = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        columns.forEach(c -> names.put(c.name(), c));
        this.byName = Collections.unmodifiableMap(names);
        this.insertSql = insertSql;
    }

    /** Reads the table's columns; fails clearly when the table is not there (wrong database or schema). */
    public static RowWriter forTable(Connection connection, SqlDialect dialect, String table) throws SQLException {
        List<Column> columns = new ArrayList<>();
        DatabaseMetaData meta = connection.getMetaData();
        try (ResultSet rs = meta.getColumns(null, SqlDialect.SCHEMA, table, "%")) {
            while (rs.next()) {
                Column column = new Column(rs.getString("COLUMN_NAME"), rs.getInt("DATA_TYPE"), rs.getString("TYPE_NAME"),
                        rs.getInt("COLUMN_SIZE"), "YES".equalsIgnoreCase(rs.getString("IS_AUTOINCREMENT"))
                        || "YES".equalsIgnoreCase(rs.getString("IS_GENERATEDCOLUMN")));
                if (!column.serverSet()) {
                    column.emptyValue(); // fail now, not on the first insert, if a type has no SL empty value
                    columns.add(column);
                }
            }
        }
        if (columns.isEmpty()) {
            throw new SQLException("SL table " + dialect.table(table) + " not found (is SL_JDBC_URL pointing at the SL application database?)");
        }
        StringBuilder sql = new StringBuilder("INSERT INTO ").append(dialect.table(table)).append(" (");
        StringBuilder marks = new StringBuilder();
        for (int i = 0; i < columns.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append('[').append(columns.get(i).name()).append(']');
            marks.append(i == 0 ? "?" : ", ?");
        }
        sql.append(") VALUES (").append(marks).append(')');
        return new RowWriter(table, columns, sql.toString());
    }

    public String table() {
        return table;
    }

    /** The columns this writer fills, in table order (server-set columns excluded). */
    public List<Column> columns() {
        return columns;
    }

    /**
     * Inserts one row. Values may be String, BigDecimal (rounded to 2 dp for float columns), Integer,
     * Short, Long, LocalDate (midnight) or LocalDateTime (rounded to the minute). An unknown column
     * name or a text longer than its column is a programming error and throws before anything is sent.
     */
    public void insert(Connection connection, Map<String, ?> values) throws SQLException {
        for (String name : values.keySet()) {
            if (!byName.containsKey(name)) {
                throw new IllegalArgumentException("No column " + name + " in SL table " + table);
            }
        }
        Map<String, Object> given = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        given.putAll(values);
        try (PreparedStatement ps = connection.prepareStatement(insertSql)) {
            for (int i = 0; i < columns.size(); i++) {
                Column column = columns.get(i);
                Object value = given.containsKey(column.name()) ? given.get(column.name()) : column.emptyValue();
                bind(ps, i + 1, column, value);
            }
            ps.executeUpdate();
        }
    }

    private void bind(PreparedStatement ps, int index, Column column, Object value) throws SQLException {
        if (value == null) {
            throw new IllegalArgumentException("NULL for " + table + "." + column.name() + ": SL columns are NOT NULL");
        }
        if (value instanceof String s) {
            if (column.isText() && column.size() > 0 && s.length() > column.size()) {
                throw new IllegalArgumentException(table + "." + column.name() + " is char(" + column.size()
                        + "), value of " + s.length() + " characters");
            }
            ps.setString(index, s.isEmpty() && column.isText() ? SlConventions.BLANK : s);
        } else if (value instanceof BigDecimal d) {
            if (column.isFloat()) {
                ps.setDouble(index, SlConventions.toFloat(d));
            } else {
                ps.setBigDecimal(index, d);
            }
        } else if (value instanceof LocalDate d) {
            ps.setTimestamp(index, SlConventions.timestamp(d));
        } else if (value instanceof LocalDateTime t) {
            ps.setTimestamp(index, SlConventions.timestamp(t));
        } else if (value instanceof Timestamp t) {
            ps.setTimestamp(index, t);
        } else if (value instanceof Integer || value instanceof Short || value instanceof Long || value instanceof Double) {
            ps.setObject(index, value);
        } else {
            throw new IllegalArgumentException("Unsupported value type " + value.getClass().getSimpleName() + " for "
                    + table + "." + column.name());
        }
    }

    /** One column as JDBC metadata describes it. */
    public record Column(String name, int jdbcType, String typeName, int size, boolean generated) {

        /** IDENTITY, computed and rowversion columns: the server fills them. */
        boolean serverSet() {
            String type = typeName == null ? "" : typeName.toLowerCase(Locale.ROOT);
            return generated || name.equalsIgnoreCase("tstamp") || type.equals("rowversion")
                    || (type.equals("timestamp") && (jdbcType == Types.BINARY || jdbcType == Types.VARBINARY));
        }

        public boolean isText() {
            return switch (jdbcType) {
                case Types.CHAR, Types.VARCHAR, Types.NCHAR, Types.NVARCHAR, Types.LONGVARCHAR, Types.LONGNVARCHAR -> true;
                default -> false;
            };
        }

        boolean isFloat() {
            return jdbcType == Types.FLOAT || jdbcType == Types.DOUBLE || jdbcType == Types.REAL;
        }

        /** SL's "empty" for the column's type. */
        Object emptyValue() {
            return switch (jdbcType) {
                case Types.CHAR, Types.VARCHAR, Types.NCHAR, Types.NVARCHAR, Types.LONGVARCHAR, Types.LONGNVARCHAR ->
                        SlConventions.BLANK;
                case Types.SMALLINT, Types.TINYINT, Types.INTEGER -> 0;
                case Types.BIGINT -> 0L;
                case Types.FLOAT, Types.DOUBLE, Types.REAL -> 0.0d;
                case Types.DECIMAL, Types.NUMERIC -> BigDecimal.ZERO;
                case Types.BIT, Types.BOOLEAN -> 0;
                case Types.DATE, Types.TIMESTAMP, Types.TIMESTAMP_WITH_TIMEZONE ->
                        Timestamp.valueOf(SlConventions.EMPTY_DATE.atStartOfDay());
                default -> throw new IllegalStateException("No SL empty value for column " + name + " of type " + typeName);
            };
        }
    }
}
