package com.ptsl.sandbox.sl;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Inserts SL rows the way SL's own code does: every NOT NULL column gets a value. Columns not given are
 * filled with SL's "empty" values (blank text, 0, 1900-01-01), because ARDoc, ARTran, GLTran, ARAdjust and
 * most setup tables have no DEFAULTs (dynamics-sl.md §12). Columns that do have a DEFAULT (Batch, Customer,
 * SOHeader, two GLSetup columns) are left to it. IDENTITY columns and tstamp are never written.
 * <p>Not thread-safe; one writer per connection. Closing it closes the cached statements, not the connection.
 */
public final class SlRowWriter implements AutoCloseable {

    private record Column(String name, int jdbcType, int size, boolean hasDefault, boolean serverSet) {
    }

    private final Connection connection;
    private final Map<String, Map<String, Column>> columnsByTable = new HashMap<>();
    private final Map<String, PreparedStatement> statements = new HashMap<>();

    public SlRowWriter(Connection connection) {
        this.connection = connection;
    }

    /** Starts a row for one of the sixteen tables (any case). */
    public Row into(String table) {
        return new Row(SlTables.canonical(table)
                .orElseThrow(() -> new IllegalArgumentException("not an SL sandbox table: " + table)));
    }

    /** A row being built; {@link #insert()} writes it. */
    public final class Row {
        private final String table;
        private final Map<String, Object> values = new LinkedHashMap<>();

        private Row(String table) {
            this.table = table;
        }

        /** Column names are matched case-insensitively, as SL's collation does. */
        public Row set(String column, Object value) {
            values.put(column.toLowerCase(Locale.ROOT), value);
            return this;
        }

        public Row setAll(Map<String, ?> more) {
            more.forEach(this::set);
            return this;
        }

        public void insert() throws SQLException {
            SlRowWriter.this.insert(table, values);
        }
    }

    private void insert(String table, Map<String, Object> given) throws SQLException {
        Map<String, Column> columns = columns(table);
        for (String name : given.keySet()) {
            Column column = columns.get(name);
            if (column == null) {
                throw new IllegalArgumentException("no column " + name + " in " + table);
            }
            if (column.serverSet()) {
                // SQL Server rejects explicit IDENTITY (IDENTITY_INSERT OFF) and rowversion values.
                throw new IllegalArgumentException(table + "." + column.name() + " is set by the server");
            }
        }
        List<Column> written = columns.values().stream()
                .filter(c -> !c.serverSet() && (given.containsKey(c.name().toLowerCase(Locale.ROOT)) || !c.hasDefault()))
                .toList();
        PreparedStatement ps = statement(table, written);
        int i = 1;
        for (Column column : written) {
            String key = column.name().toLowerCase(Locale.ROOT);
            Object value = given.containsKey(key) ? given.get(key) : emptyValue(column);
            if (value == null) {
                throw new IllegalArgumentException(table + "." + column.name() + " is NOT NULL; SL never stores NULL");
            }
            bind(ps, i++, table, column, value);
        }
        ps.executeUpdate();
    }

    private PreparedStatement statement(String table, List<Column> written) throws SQLException {
        String sql = "INSERT INTO " + SlTables.qualified(table) + " ("
                + written.stream().map(c -> "[" + c.name() + "]").collect(Collectors.joining(", "))
                + ") VALUES (" + written.stream().map(c -> "?").collect(Collectors.joining(", ")) + ")";
        PreparedStatement ps = statements.get(sql);
        if (ps == null) {
            ps = connection.prepareStatement(sql);
            statements.put(sql, ps);
        }
        return ps;
    }

    /** What SL writes into a column it has nothing for (dynamics-sl.md §1). */
    private static Object emptyValue(Column column) {
        return switch (column.jdbcType()) {
            case Types.CHAR, Types.VARCHAR, Types.NCHAR, Types.NVARCHAR -> SlValues.BLANK;
            case Types.TIMESTAMP, Types.DATE -> SlValues.EMPTY_DATE;
            default -> 0;
        };
    }

    private static void bind(PreparedStatement ps, int index, String table, Column column, Object value) throws SQLException {
        switch (column.jdbcType()) {
            case Types.CHAR, Types.VARCHAR, Types.NCHAR, Types.NVARCHAR -> {
                String text = value.toString();
                if (text.stripTrailing().length() > column.size()) {
                    // SQL Server: "String or binary data would be truncated"; fail loudly rather than cut.
                    throw new IllegalArgumentException(table + "." + column.name() + " is char(" + column.size()
                            + "), value too long: '" + text + "'");
                }
                ps.setString(index, text.isEmpty() ? SlValues.BLANK : text);
            }
            case Types.TIMESTAMP, Types.DATE -> ps.setObject(index, dateTime(value));
            case Types.DOUBLE, Types.FLOAT, Types.REAL -> ps.setDouble(index, ((Number) value).doubleValue());
            case Types.SMALLINT, Types.INTEGER, Types.TINYINT -> ps.setInt(index, flag(value));
            default -> ps.setObject(index, value);
        }
    }

    private static LocalDateTime dateTime(Object value) {
        if (value instanceof LocalDate date) {
            return date.atStartOfDay();
        }
        if (value instanceof LocalDateTime dateTime) {
            return SlValues.smallDateTime(dateTime);
        }
        if (value instanceof java.sql.Timestamp timestamp) {
            return SlValues.smallDateTime(timestamp.toLocalDateTime());
        }
        throw new IllegalArgumentException("not a date: " + value);
    }

    private static int flag(Object value) {
        if (value instanceof Boolean b) {
            return b ? 1 : 0;
        }
        if (value instanceof BigDecimal || value instanceof Double || value instanceof Float) {
            throw new IllegalArgumentException("integer column given a fraction: " + value);
        }
        return ((Number) value).intValue();
    }

    private Map<String, Column> columns(String table) throws SQLException {
        Map<String, Column> cached = columnsByTable.get(table);
        if (cached != null) {
            return cached;
        }
        Map<String, Column> columns = new LinkedHashMap<>();
        DatabaseMetaData md = connection.getMetaData();
        try (ResultSet rs = md.getColumns(null, SlTables.SCHEMA, table, null)) {
            while (rs.next()) {
                String name = rs.getString("COLUMN_NAME");
                String typeName = rs.getString("TYPE_NAME");
                int jdbcType = rs.getInt("DATA_TYPE");
                // SQL Server reports rowversion as BINARY "timestamp"; in H2 tstamp is a plain bigint.
                boolean rowversion = name.equalsIgnoreCase("tstamp")
                        || (jdbcType == Types.BINARY && ("timestamp".equalsIgnoreCase(typeName) || "rowversion".equalsIgnoreCase(typeName)));
                boolean serverSet = rowversion || "YES".equals(rs.getString("IS_AUTOINCREMENT"));
                columns.put(name.toLowerCase(Locale.ROOT), new Column(name, jdbcType,
                        rs.getInt("COLUMN_SIZE"), rs.getString("COLUMN_DEF") != null, serverSet));
            }
        }
        if (columns.isEmpty()) {
            throw new SQLException("table " + SlTables.qualified(table) + " not found");
        }
        columnsByTable.put(table, columns);
        return columns;
    }

    @Override
    public void close() throws SQLException {
        List<SQLException> failures = new ArrayList<>();
        for (PreparedStatement ps : statements.values()) {
            try {
                ps.close();
            } catch (SQLException e) {
                failures.add(e);
            }
        }
        statements.clear();
        if (!failures.isEmpty()) {
            throw failures.get(0);
        }
    }
}
