package com.ptsl.sink.posting;

import com.ptsl.sink.sql.RowWriter;
import com.ptsl.sink.sql.dialect.SqlDialect;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/** One RowWriter per SL table, built on first use: the table's metadata is read once per sink. */
final class RowWriters {

    private final SqlDialect dialect;
    private final Map<String, RowWriter> writers = new HashMap<>();

    RowWriters(SqlDialect dialect) {
        this.dialect = dialect;
    }

    RowWriter get(Connection c, String table) throws SQLException {
        RowWriter writer = writers.get(table);
        if (writer == null) {
            writer = RowWriter.forTable(c, dialect, table);
            writers.put(table, writer);
        }
        return writer;
    }
}
