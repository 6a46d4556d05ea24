package com.ptsl.launcher.reconcile;

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
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Inserts many rows of SL (and integration) tables with JDBC batches, filling every NOT NULL column the caller did
 * not give with SL's empty value (blank, 0, 1900-01-01) as SL's own code does (the sandbox's SlRowWriter does the same
 * one row at a time; this is its bulk twin for the benchmark). Nullable columns not given stay NULL; IDENTITY and
 * tstamp are left to the database. One prepared statement per table and set of columns given (a PA and a CM give
 * different ARDoc columns).
 *
 * <p>Not thread-safe. {@link #flush()} sends the pending batches; the caller commits.
 */
final class SlBulkInsert implements AutoCloseable {

    private static final String SCHEMA = "dbo";
    private static final LocalDateTime EMPTY_DATE = LocalDateTime.of(1900, 1, 1, 0, 0);
    private static final int BATCH = 2000;

    private record Column(String name, int jdbcType, int size, boolean fill) {
    }

    private final class Table {
        final String name;
        final List<Column> columns;
        final List<String> given;
        final PreparedStatement statement;
        int pending;

        Table(String name, List<String> given) throws SQLException {
            this.name = name;
            this.given = given.stream().map(g -> g.toLowerCase(Locale.ROOT)).toList();
            Map<String, Column> all = columns(name);
            for (String g : this.given) {
                if (!all.containsKey(g)) {
                    throw new IllegalArgumentException("no column " + g + " in " + name);
                }
            }
            this.columns = all.values().stream()
                    .filter(c -> this.given.contains(c.name().toLowerCase(Locale.ROOT)) || c.fill()).toList();
            String sql = "INSERT INTO " + SCHEMA + ".[" + name + "] ("
                    + columns.stream().map(c -> "[" + c.name() + "]").collect(Collectors.joining(", ")) + ") VALUES ("
                    + columns.stream().map(c -> "?").collect(Collectors.joining(", ")) + ")";
            this.statement = connection.prepareStatement(sql);
        }
    }

    private final Connection connection;
    private final Map<String, Table> tables = new HashMap<>();
    private long rows;
    private final Map<String, Long> nanosByTable = new HashMap<>();

    SlBulkInsert(Connection connection) {
        this.connection = connection;
    }

    /** Adds one row of {@code table}; column names in any case. Executes the table's batch every 2,000 rows. */
    void add(String table, Map<String, Object> row) throws SQLException {
        Map<String, Object> lower = new HashMap<>(row.size() * 2);
        row.forEach((k, v) -> lower.put(k.toLowerCase(Locale.ROOT), v));
        String shape = table + "|" + String.join(",", new java.util.TreeSet<>(lower.keySet()));
        Table t = tables.get(shape);
        if (t == null) {
            t = new Table(table, new ArrayList<>(row.keySet()));
            tables.put(shape, t);
        }
        int i = 1;
        for (Column c : t.columns) {
            String key = c.name().toLowerCase(Locale.ROOT);
            bind(t.statement, i++, c, lower.containsKey(key) ? lower.get(key) : empty(c));
        }
        t.statement.addBatch();
        rows++;
        if (++t.pending >= BATCH) {
            execute(t);
        }
    }

    /** Sends every pending batch. */
    void flush() throws SQLException {
        for (Table t : tables.values()) {
            execute(t);
        }
    }

    long rows() {
        return rows;
    }

    private void execute(Table t) throws SQLException {
        if (t.pending > 0) {
            long start = System.nanoTime();
            t.statement.executeBatch();
            t.pending = 0;
            nanosByTable.merge(t.name, System.nanoTime() - start, Long::sum);
        }
    }

    /** Time spent executing each table's batches, for the benchmark's own figures. */
    Map<String, Long> millisByTable() {
        Map<String, Long> out = new java.util.TreeMap<>();
        nanosByTable.forEach((k, v) -> out.put(k, v / 1_000_000));
        return out;
    }

    private static Object empty(Column c) {
        switch (c.jdbcType()) {
            case Types.CHAR, Types.VARCHAR, Types.NCHAR, Types.NVARCHAR:
                return " ";
            case Types.TIMESTAMP, Types.DATE:
                return EMPTY_DATE;
            default:
                return 0;
        }
    }

    private static void bind(PreparedStatement ps, int index, Column c, Object value) throws SQLException {
        if (value == null) {
            ps.setNull(index, c.jdbcType());
            return;
        }
        switch (c.jdbcType()) {
            case Types.CHAR, Types.VARCHAR, Types.NCHAR, Types.NVARCHAR -> {
                String text = value.toString();
                if (text.length() > c.size()) {
                    throw new IllegalArgumentException(c.name() + " holds " + c.size() + " characters, given '" + text + "'");
                }
                ps.setString(index, text.isEmpty() ? " " : text);
            }
            case Types.TIMESTAMP, Types.TIMESTAMP_WITH_TIMEZONE -> ps.setTimestamp(index, timestamp(value));
            case Types.DATE -> ps.setObject(index, value instanceof LocalDate d ? d : timestamp(value).toLocalDateTime().toLocalDate());
            case Types.DOUBLE, Types.FLOAT, Types.REAL -> ps.setDouble(index, ((Number) value).doubleValue());
            case Types.SMALLINT, Types.INTEGER, Types.TINYINT -> ps.setInt(index, ((Number) value).intValue());
            case Types.BIGINT -> ps.setLong(index, ((Number) value).longValue());
            case Types.DECIMAL, Types.NUMERIC -> ps.setBigDecimal(index, value instanceof BigDecimal b ? b : new BigDecimal(value.toString()));
            default -> ps.setObject(index, value);
        }
    }

    private static Timestamp timestamp(Object value) {
        if (value instanceof LocalDate d) {
            return Timestamp.valueOf(d.atStartOfDay());
        }
        if (value instanceof LocalDateTime t) {
            return Timestamp.valueOf(t);
        }
        if (value instanceof java.time.Instant i) {
            return Timestamp.from(i);
        }
        throw new IllegalArgumentException("not a date: " + value);
    }

    /** The table's columns in order; {@code fill}: NOT NULL, no DEFAULT, not set by the server. */
    private Map<String, Column> columns(String table) throws SQLException {
        Map<String, Column> out = new LinkedHashMap<>();
        DatabaseMetaData md = connection.getMetaData();
        try (ResultSet rs = md.getColumns(null, SCHEMA, table, null)) {
            while (rs.next()) {
                String name = rs.getString("COLUMN_NAME");
                boolean serverSet = name.equalsIgnoreCase("tstamp") || "YES".equals(rs.getString("IS_AUTOINCREMENT"));
                boolean notNull = "NO".equals(rs.getString("IS_NULLABLE"));
                boolean fill = notNull && !serverSet && rs.getString("COLUMN_DEF") == null;
                out.put(name.toLowerCase(Locale.ROOT), new Column(name, rs.getInt("DATA_TYPE"), rs.getInt("COLUMN_SIZE"), fill));
            }
        }
        if (out.isEmpty()) {
            throw new SQLException("table " + SCHEMA + ".[" + table + "] not found");
        }
        return out;
    }

    @Override
    public void close() throws SQLException {
        SQLException first = null;
        for (Table t : tables.values()) {
            try {
                t.statement.close();
            } catch (SQLException e) {
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
