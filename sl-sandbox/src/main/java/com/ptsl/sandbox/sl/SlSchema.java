package com.ptsl.sandbox.sl;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Creates SL's tables from the generated DDL (src/main/resources/sl/h2/schema.sql, produced by
 * tools/gen_schema.py from sl-tables.md). The SQL Server flavour next to it is for reference only.
 */
final class SlSchema {

    static final String H2_SCRIPT = "/sl/h2/schema.sql";
    static final String SQLSERVER_SCRIPT = "/sl/sqlserver/schema.sql";

    private SlSchema() {
    }

    /** True when the sandbox tables are already there (a reused file database or a second open of a mem db). */
    static boolean exists(Connection connection) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?")) {
            ps.setString(1, SlTables.SCHEMA);
            ps.setString(2, "Batch");
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1) > 0;
            }
        }
    }

    /** Runs the H2 DDL in one transaction-free pass (H2 commits each DDL statement anyway). */
    static void create(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (String sql : statements(read(H2_SCRIPT))) {
                try {
                    statement.execute(sql);
                } catch (SQLException e) {
                    throw new SQLException("SL schema statement failed: " + firstLine(sql) + ": " + e.getMessage(),
                            e.getSQLState(), e.getErrorCode(), e);
                }
            }
        }
    }

    static String read(String resource) {
        try (InputStream in = SlSchema.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The generator ends every statement with ';' at the end of a line and never puts ';' inside one. */
    static List<String> statements(String script) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : script.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("--")) {
                continue;
            }
            current.append(line).append('\n');
            if (trimmed.endsWith(";")) {
                String sql = current.toString().strip();
                out.add(sql.substring(0, sql.length() - 1));
                current.setLength(0);
            }
        }
        if (!current.toString().isBlank()) {
            throw new IllegalStateException("unterminated statement at end of script: " + firstLine(current.toString()));
        }
        return out;
    }

    private static String firstLine(String sql) {
        String s = sql.strip();
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
