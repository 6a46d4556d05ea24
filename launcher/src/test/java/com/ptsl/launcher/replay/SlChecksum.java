package com.ptsl.launcher.replay;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A checksum of every row of every SL table in schema dbo (not the integration's own PTSL_ tables), to tell whether
 * anything in SL changed: rows in primary-key order, every column (rowversion included, so even a rewrite of the same
 * values shows), each value as JDBC returns it (a FLOAT as its exact double), SHA-256 per table. The rows are kept so a
 * difference can be shown, not just detected.
 */
final class SlChecksum {

    private static final String SCHEMA = "dbo";
    private static final String NULL = "\u2400";

    /** One table: row count, digest and the rendered rows. */
    record Table(String name, int rows, String sha256, List<String> lines) {
        @Override
        public String toString() {
            return name + ": " + rows + " rows, sha256 " + sha256;
        }
    }

    private final Map<String, Table> tables;

    private SlChecksum(Map<String, Table> tables) {
        this.tables = tables;
    }

    static SlChecksum of(Connection connection) throws SQLException {
        DatabaseMetaData meta = connection.getMetaData();
        List<String> names = new ArrayList<>();
        try (ResultSet rs = meta.getTables(null, SCHEMA, "%", new String[] {"TABLE", "BASE TABLE"})) {
            while (rs.next()) {
                String name = rs.getString("TABLE_NAME");
                if (SCHEMA.equalsIgnoreCase(rs.getString("TABLE_SCHEM")) && !name.toUpperCase(Locale.ROOT).startsWith("PTSL_")) {
                    names.add(name);
                }
            }
        }
        Map<String, Table> tables = new TreeMap<>();
        for (String name : names) {
            tables.put(name, table(connection, meta, name));
        }
        return new SlChecksum(tables);
    }

    private static Table table(Connection connection, DatabaseMetaData meta, String name) throws SQLException {
        TreeMap<Short, String> key = new TreeMap<>();
        try (ResultSet rs = meta.getPrimaryKeys(null, SCHEMA, name)) {
            while (rs.next()) {
                key.put(rs.getShort("KEY_SEQ"), rs.getString("COLUMN_NAME"));
            }
        }
        List<String> lines = new ArrayList<>();
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("SELECT * FROM " + SCHEMA + ".[" + name + "]" + orderBy(key.values()))) {
            ResultSetMetaData columns = rs.getMetaData();
            while (rs.next()) {
                StringBuilder line = new StringBuilder();
                for (int i = 1; i <= columns.getColumnCount(); i++) {
                    Object value = rs.getObject(i);
                    line.append(i == 1 ? "" : "|").append(columns.getColumnName(i)).append('=').append(render(value));
                }
                lines.add(line.toString());
            }
        }
        if (key.isEmpty()) {
            lines.sort(null); // no primary key: the rendered rows give the order
        }
        return new Table(name, lines.size(), sha256(lines), List.copyOf(lines));
    }

    private static String orderBy(Iterable<String> key) {
        List<String> columns = new ArrayList<>();
        key.forEach(c -> columns.add("[" + c + "]"));
        return columns.isEmpty() ? "" : " ORDER BY " + String.join(", ", columns);
    }

    private static String render(Object value) {
        if (value == null) {
            return NULL;
        }
        if (value instanceof byte[] bytes) {
            return "0x" + HexFormat.of().formatHex(bytes);
        }
        return value.toString();
    }

    private static String sha256(List<String> lines) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (String line : lines) {
                digest.update(line.getBytes(StandardCharsets.UTF_8));
                digest.update((byte) '\n');
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    Map<String, Table> tables() {
        return tables;
    }

    /** Table name → "rows, sha256": what two checksums are compared on. */
    Map<String, String> digests() {
        Map<String, String> digests = new TreeMap<>();
        tables.forEach((name, t) -> digests.put(name, t.rows() + " rows, sha256 " + t.sha256()));
        return digests;
    }

    /** The rows of each table that differ from {@code other}'s, for a failure message. */
    String differencesFrom(SlChecksum other) {
        StringBuilder b = new StringBuilder();
        tables.forEach((name, mine) -> {
            Table theirs = other.tables.get(name);
            if (theirs == null || !theirs.sha256().equals(mine.sha256())) {
                List<String> gone = new ArrayList<>(mine.lines());
                List<String> added = theirs == null ? List.of() : new ArrayList<>(theirs.lines());
                gone.removeAll(theirs == null ? List.of() : theirs.lines());
                if (theirs != null) {
                    added.removeAll(mine.lines());
                }
                b.append(name).append(":\n");
                gone.stream().limit(5).forEach(l -> b.append("  - ").append(l).append('\n'));
                added.stream().limit(5).forEach(l -> b.append("  + ").append(l).append('\n'));
            }
        });
        return b.toString();
    }
}
