package com.ptsl.launcher.reconcile;

import com.ptsl.sandbox.sl.SlSandbox;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The secondary indexes of some SL sandbox tables, dropped for a bulk load and built again afterwards, as a DBA loads
 * a big table: ARDoc has twenty of them, and maintaining all of them row by row made the benchmark's load three times
 * slower than building them once. The definitions are the sandbox's own DDL (its schema.sql), so the tables end
 * exactly as the sandbox creates them; primary keys are never touched.
 */
final class SlIndexes {

    private static final String SCRIPT = "/sl/h2/schema.sql";
    private static final Pattern CREATE = Pattern.compile("^CREATE INDEX \\[([^\\]]+)] ON \\[dbo]\\.\\[([^\\]]+)] .*;$");

    private final List<String[]> indexes; // {name, create statement}

    private SlIndexes(List<String[]> indexes) {
        this.indexes = indexes;
    }

    /** The sandbox's indexes on {@code tables}. */
    static SlIndexes of(List<String> tables) {
        List<String[]> found = new ArrayList<>();
        for (String line : script().split("\n")) {
            Matcher m = CREATE.matcher(line.strip());
            if (m.matches() && tables.contains(m.group(2))) {
                String ddl = line.strip();
                found.add(new String[] {m.group(1), ddl.substring(0, ddl.length() - 1)});
            }
        }
        if (found.isEmpty()) {
            throw new IllegalStateException("no index of " + tables + " in the SL sandbox's " + SCRIPT);
        }
        return new SlIndexes(found);
    }

    int count() {
        return indexes.size();
    }

    void drop(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            for (String[] index : indexes) {
                s.execute("DROP INDEX IF EXISTS dbo.[" + index[0] + "]");
            }
        }
    }

    void create(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            for (String[] index : indexes) {
                s.execute(index[1]);
            }
        }
    }

    private static String script() {
        try (InputStream in = SlSandbox.class.getResourceAsStream(SCRIPT)) {
            if (in == null) {
                throw new IllegalStateException("the SL sandbox has no " + SCRIPT + " on the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
