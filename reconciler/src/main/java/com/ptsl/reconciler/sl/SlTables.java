package com.ptsl.reconciler.sl;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which tables and columns the SL database has: the integration's own tables grew over versions of the erp-sink, so
 * optional columns are selected only where they exist. Names are compared case-insensitively, as SQL Server and the
 * sandbox's H2 both treat identifiers.
 */
final class SlTables {

    static final String SCHEMA = "dbo";

    private SlTables() {
    }

    /** {@code dbo.[Name]}: brackets keep SL's mixed-case names exact in both dialects. */
    static String table(String name) {
        return SCHEMA + ".[" + name + "]";
    }

    /** The table's column names, upper-cased; empty when the table does not exist. */
    static Set<String> columns(Connection c, String table) throws SQLException {
        Set<String> out = new TreeSet<>();
        DatabaseMetaData meta = c.getMetaData();
        for (String name : new String[] {table, table.toUpperCase(Locale.ROOT)}) {
            try (ResultSet rs = meta.getColumns(null, null, name, null)) {
                while (rs.next()) {
                    String schema = rs.getString("TABLE_SCHEM");
                    if (schema == null || schema.equalsIgnoreCase(SCHEMA)) {
                        out.add(rs.getString("COLUMN_NAME").toUpperCase(Locale.ROOT));
                    }
                }
            }
            if (!out.isEmpty()) {
                break;
            }
        }
        return out;
    }
}
