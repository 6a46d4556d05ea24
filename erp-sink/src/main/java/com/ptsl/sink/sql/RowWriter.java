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
import java.util.HashMap;
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
    private final Map<String, Integer> positions;
    /** The same by exact name: the writers' own maps spell SL's names exactly, so this finds nearly every one at once. */
    private final Map<String, Integer> exactPositions;
    private final Object[] empties;
    private final String insertSql;

    private RowWriter(String table, List<Column> columns, String insertSql) {
        this.table = table;
        this.columns = List.copyOf(columns);
        Map<String, Integer> names = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        this.empties = new Object[columns.size()];
        for (int i = 0; i < columns.size(); i++) {
            names.put(columns.get(i).name(), i);
            empties[i] = columns.get(i).emptyValue();
        }
        this.positions = Collections.unmodifiableMap(names);
        Map<String, Integer> exact = new HashMap<>();
        for (int i = 0; i < columns.size(); i++) {
            exact.put(columns.get(i).name(), i);
        }
        this.exactPositions = exact;
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
        try (PreparedStatement ps = connection.prepareStatement(insertSql)) {
            bindRow(ps, values);
            ps.executeUpdate();
        }
    }

    /** The INSERT statement for {@link #addBatch}; the caller executes the batch and closes it. */
    public PreparedStatement prepare(Connection connection) throws SQLException {
        return connection.prepareStatement(insertSql);
    }

    /**
     * Binds one row to {@code insert} (from {@link #prepare}) and adds it to its JDBC batch: nothing reaches the database
     * until the caller's {@code executeBatch()}. The same values and checks as {@link #insert}; a row that fails a check
     * is not added.
     */
    public void addBatch(PreparedStatement insert, Map<String, ?> values) throws SQLException {
        addBatch(insert, row(values));
    }

    /** Adds a checked row to {@code insert}'s JDBC batch. */
    public void addBatch(PreparedStatement insert, Row row) throws SQLException {
        bind(insert, row);
        insert.addBatch();
    }

    /** Inserts a checked row at once through {@code insert} (from {@link #prepare}, reusable). */
    public void insert(PreparedStatement insert, Row row) throws SQLException {
        bind(insert, row);
        insert.executeUpdate();
    }

    /**
     * The row as it will be written: every column's value (SL's empty value where none is given), checked as
     * {@link #insert} checks it. Throws IllegalArgumentException before anything is bound, so a caller can check every row
     * of a document first and write none of them if one is wrong.
     */
    public Row row(Map<String, ?> values) {
        Object[] row = empties.clone();
        for (Map.Entry<String, ?> e : values.entrySet()) {
            Integer position = exactPositions.get(e.getKey());
            if (position == null) {
                position = positions.get(e.getKey());
            }
            if (position == null) {
                throw new IllegalArgumentException("No column " + e.getKey() + " in SL table " + table);
            }
            row[position] = e.getValue();
        }
        for (int i = 0; i < row.length; i++) {
            Column column = columns.get(i);
            if (row[i] == null) {
                throw new IllegalArgumentException("NULL for " + table + "." + column.name() + ": SL columns are NOT NULL");
            }
            if (row[i] instanceof String text && column.isText() && column.size() > 0 && text.length() > column.size()) {
                throw new IllegalArgumentException(table + "." + column.name() + " is char(" + column.size()
                        + "), value of " + text.length() + " characters");
            }
            if (!supported(row[i])) {
                throw new IllegalArgumentException("Unsupported value type " + row[i].getClass().getSimpleName() + " for "
                        + table + "." + column.name());
            }
        }
        return new Row(this, row);
    }

    private void bind(PreparedStatement ps, Row row) throws SQLException {
        if (row.writer != this) {
            throw new IllegalArgumentException("a row of " + row.writer.table + " cannot be written to " + table);
        }
        for (int i = 0; i < row.values.length; i++) {
            bind(ps, i + 1, columns.get(i), row.values[i]);
        }
    }

    private void bindRow(PreparedStatement ps, Map<String, ?> values) throws SQLException {
        bind(ps, row(values));
    }

    /** A row checked by {@link #row} for one table, ready to bind. */
    public static final class Row {
        private final RowWriter writer;
        private final Object[] values;

        private Row(RowWriter writer, Object[] values) {
            this.writer = writer;
            this.values = values;
        }
    }

    private static boolean supported(Object value) {
        return value instanceof String || value instanceof BigDecimal || value instanceof LocalDate || value instanceof LocalDateTime
                || value instanceof Timestamp || value instanceof Integer || value instanceof Short || value instanceof Long
                || value instanceof Double;
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
