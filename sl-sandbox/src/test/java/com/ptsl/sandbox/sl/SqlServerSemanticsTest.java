package com.ptsl.sandbox.sl;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Behaviour SL code relies on: NOT NULL everywhere, blank-padded char(n), rowversion, IDENTITY. */
class SqlServerSemanticsTest {

    SlSandbox sl;

    @BeforeEach
    void open() {
        sl = SlSandbox.inMemory("semantics");
    }

    @AfterEach
    void close() {
        sl.close();
    }

    /** Every ARDoc column except tstamp, with a type-appropriate SL value; {@code skip} is left out. */
    private static String arDocInsert(Connection c, String skip) throws SQLException {
        List<String> names = new ArrayList<>();
        List<String> values = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT COLUMN_NAME, DATA_TYPE"
                + " FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_SCHEMA = 'dbo' AND TABLE_NAME = 'ARDoc'"
                + " AND COLUMN_NAME <> 'tstamp' ORDER BY ORDINAL_POSITION")) {
            while (rs.next()) {
                String name = rs.getString(1);
                if (name.equals(skip)) {
                    continue;
                }
                names.add("[" + name + "]");
                values.add(switch (rs.getString(2)) {
                    case "CHARACTER" -> name.equals("CustId") ? "'C00001'" : "' '";
                    case "TIMESTAMP" -> "TIMESTAMP '1900-01-01 00:00:00'";
                    default -> "0";
                });
            }
        }
        return "INSERT INTO dbo.ARDoc (" + String.join(", ", names) + ") VALUES (" + String.join(", ", values) + ")";
    }

    @Test
    void anArDocWithEveryColumnInsertsButLeavingOneOutFails() throws SQLException {
        try (Connection c = sl.connect(); Statement st = c.createStatement()) {
            assertThat(st.executeUpdate(arDocInsert(c, null))).isEqualTo(1);
            assertThatThrownBy(() -> st.executeUpdate("UPDATE dbo.ARDoc SET DocBal = NULL"))
                    .isInstanceOf(SQLException.class);
            st.executeUpdate("DELETE FROM dbo.ARDoc");
            // ARDoc has no DEFAULTs (dynamics-sl.md §12): a column missing from the INSERT is a NULL, refused.
            for (String column : List.of("DocBal", "PerPost", "DocDate", "Rlsed")) {
                String sql = arDocInsert(c, column);
                assertThatThrownBy(() -> st.executeUpdate(sql))
                        .isInstanceOf(SQLException.class)
                        .hasMessageContaining("NULL not allowed for column \"" + column + "\"");
            }
        }
    }

    @Test
    void rowWriterFillsSlEmptyValuesAndRejectsNullsAndServerColumns() throws SQLException {
        try (Connection c = sl.connect(); SlRowWriter w = new SlRowWriter(c)) {
            w.into("ardoc").set("custid", "C00001").set("DocType", "IN").set("RefNbr", "0000000001").insert();
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                    "SELECT BatNbr, DocBal, DocDate, Rlsed FROM dbo.ARDoc")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isBlank().hasSize(10);
                assertThat(rs.getDouble(2)).isZero();
                assertThat(rs.getObject(3, LocalDate.class)).isEqualTo(SlValues.EMPTY_DATE);
                assertThat(rs.getInt(4)).isZero();
            }
            assertThatThrownBy(() -> w.into("ARDoc").set("DocBal", null).insert())
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NOT NULL");
            assertThatThrownBy(() -> w.into("ARDoc").set("tstamp", 1L).insert())
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("set by the server");
            assertThatThrownBy(() -> w.into("ARTran").set("RecordID", 1).insert())
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("set by the server");
            assertThatThrownBy(() -> w.into("ARDoc").set("NoSuchColumn", 1).insert())
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no column");
            assertThatThrownBy(() -> w.into("ARDoc").set("RefNbr", "12345678901").insert())
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("char(10)");
            assertThatThrownBy(() -> w.into("APDoc")).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void charColumnsArePaddedAndCompareIgnoringTrailingBlanks() throws SQLException {
        try (Connection c = sl.connect(); Statement st = c.createStatement()) {
            st.executeUpdate("INSERT INTO dbo.Customer (CustId, Name) VALUES ('C00001', 'Acme')");
            try (ResultSet rs = st.executeQuery("SELECT CustId, Name, Status FROM dbo.Customer")) {
                rs.next();
                // Read back blank-padded to the declared width, as from SQL Server.
                assertThat(rs.getString(1)).isEqualTo("C00001" + " ".repeat(9));
                assertThat(rs.getString(2)).hasSize(60).startsWith("Acme");
                assertThat(rs.getString(3)).isEqualTo(" ");
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM dbo.Customer WHERE CustId = ?")) {
                for (String key : List.of("C00001", "C00001   ", "C00001" + " ".repeat(9))) {
                    ps.setString(1, key);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        assertThat(rs.getInt(1)).as("CustId = '%s'", key).isEqualTo(1);
                    }
                }
            }
            // The primary key treats the padded and unpadded spelling as the same value, as SQL Server does.
            assertThatThrownBy(() -> st.executeUpdate("INSERT INTO dbo.Customer (CustId) VALUES ('C00001  ')"))
                    .isInstanceOf(SQLException.class);
        }
    }

    @Test
    void slQueriesTrimWhatH2ReturnsPadded() throws SQLException {
        try (Connection c = sl.connect(); SlRowWriter w = new SlRowWriter(c)) {
            w.into("ARDoc").set("CustId", "C00001").set("DocType", "PA").set("RefNbr", "123").set("BatNbr", "000101")
                    .set("OrigDocAmt", 10.1).set("DocBal", 10.1).set("DocDate", LocalDate.of(2026, 3, 4)).insert();
        }
        ArDocRow row = sl.queries().documents("PA").get(0);
        assertThat(row.custId()).isEqualTo("C00001");
        assertThat(row.refNbr()).isEqualTo("123");
        assertThat(row.batNbr()).isEqualTo("000101");
        assertThat(row.bankAcct()).isEmpty();
        assertThat(row.origDocAmt()).isEqualTo(new BigDecimal("10.10"));
        assertThat(row.docDate()).isEqualTo(LocalDate.of(2026, 3, 4));
    }

    /**
     * Documented H2 difference (h2database issues #3385/#3741: no PAD SPACE collation): a list of two or more
     * literals shorter than the char(n) width never matches, and H2 rewrites {@code a = 'x' OR a = 'y'} into
     * such a list. SQL Server matches both. Bind parameters, pad the literals or RTRIM the column instead.
     */
    @Test
    void literalInListsOnPaddedCharColumnsNeedParametersOrRtrim() throws SQLException {
        try (Connection c = sl.connect(); Statement st = c.createStatement()) {
            st.executeUpdate("INSERT INTO dbo.Batch (Module, BatNbr) VALUES ('AR', '000101')");
            assertThat(countBatches(st, "BatNbr = '000101'")).isEqualTo(1);
            assertThat(countBatches(st, "BatNbr IN ('000101')")).isEqualTo(1);
            // The H2 quirk (SQL Server: 1 for both).
            assertThat(countBatches(st, "BatNbr IN ('000101', '000102')")).isZero();
            assertThat(countBatches(st, "BatNbr = '000101' OR BatNbr = '000102'")).isZero();
            // What works in both databases.
            assertThat(countBatches(st, "RTRIM(BatNbr) IN ('000101', '000102')")).isEqualTo(1);
            assertThat(countBatches(st, "BatNbr IN ('000101    ', '000102    ')")).isEqualTo(1);
            assertThat(countBatches(st, "Module IN ('AR', 'GL')")).isEqualTo(1); // literals as wide as char(2)
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM dbo.Batch WHERE BatNbr IN (?, ?)")) {
                ps.setString(1, "000101");
                ps.setString(2, "000102");
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    assertThat(rs.getInt(1)).isEqualTo(1);
                }
            }
        }
    }

    private static int countBatches(Statement st, String where) throws SQLException {
        try (ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM dbo.Batch WHERE " + where)) {
            rs.next();
            return rs.getInt(1);
        }
    }

    @Test
    void tstampIsServerSetAndChangesOnEveryUpdateThatChangesTheRow() throws SQLException {
        try (Connection c = sl.connect(); Statement st = c.createStatement()) {
            st.executeUpdate("INSERT INTO dbo.Batch (Module, BatNbr, Status) VALUES ('AR', '000101', 'H')");
            st.executeUpdate("INSERT INTO dbo.Batch (Module, BatNbr, Status) VALUES ('AR', '000102', 'H')");
            long first = tstamp(st, "000101");
            long second = tstamp(st, "000102");
            assertThat(second).isNotEqualTo(first);

            st.executeUpdate("UPDATE dbo.Batch SET Status = 'B' WHERE BatNbr = '000101'");
            long afterUpdate = tstamp(st, "000101");
            // rowversion is database-wide and increasing: the updated row now has the newest value.
            assertThat(afterUpdate).isGreaterThan(second);

            // Optimistic concurrency as SL does it: the stale tstamp no longer matches.
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE dbo.Batch SET Status = 'H' WHERE Module = 'AR' AND BatNbr = '000101' AND tstamp = ?")) {
                ps.setLong(1, first);
                assertThat(ps.executeUpdate()).isZero();
                ps.setLong(1, afterUpdate);
                assertThat(ps.executeUpdate()).isEqualTo(1);
            }

            // Documented H2 difference: an UPDATE that changes nothing keeps tstamp (SQL Server would bump it).
            long before = tstamp(st, "000101");
            st.executeUpdate("UPDATE dbo.Batch SET Status = Status WHERE BatNbr = '000101'");
            assertThat(tstamp(st, "000101")).isEqualTo(before);
        }
    }

    private static long tstamp(Statement st, String batNbr) throws SQLException {
        try (ResultSet rs = st.executeQuery("SELECT tstamp FROM dbo.Batch WHERE Module = 'AR' AND BatNbr = '" + batNbr + "'")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void recordIdIsGeneratedAndCannotBeInsertedOrUpdated() throws SQLException {
        try (Connection c = sl.connect(); SlRowWriter w = new SlRowWriter(c); Statement st = c.createStatement()) {
            for (int line = 0; line < 3; line++) {
                w.into("ARTran").set("CustId", "C00001").set("TranType", "PA").set("RefNbr", "PAY1")
                        .set("LineNbr", Short.MIN_VALUE + line).set("DrCr", "U").insert();
            }
            try (ResultSet rs = st.executeQuery("SELECT SCOPE_IDENTITY()")) {
                rs.next();
                assertThat(rs.getLong(1)).isEqualTo(3);
            }
            List<Integer> ids = new ArrayList<>();
            try (ResultSet rs = st.executeQuery("SELECT RecordID FROM dbo.ARTran ORDER BY LineNbr")) {
                while (rs.next()) {
                    ids.add(rs.getInt(1));
                }
            }
            assertThat(ids).containsExactly(1, 2, 3);
            // SQL Server refuses explicit identity values (IDENTITY_INSERT OFF) and identity updates.
            String columns = columnsOf(st, "ARTran");
            assertThatThrownBy(() -> st.executeUpdate("INSERT INTO dbo.ARTran (" + columns + ") SELECT " + columns
                    + " FROM dbo.ARTran WHERE LineNbr = -32768"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("RecordID");
            assertThatThrownBy(() -> st.executeUpdate("UPDATE dbo.ARTran SET RecordID = 99"))
                    .isInstanceOf(SQLException.class);
        }
    }

    private static String columnsOf(Statement st, String table) throws SQLException {
        List<String> names = new ArrayList<>();
        try (ResultSet rs = st.executeQuery("SELECT COLUMN_NAME FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_SCHEMA = 'dbo'"
                + " AND TABLE_NAME = '" + table + "' AND COLUMN_NAME <> 'tstamp' ORDER BY ORDINAL_POSITION")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names.stream().map(n -> "[" + n + "]").collect(Collectors.joining(", "));
    }

    @Test
    void tableAndColumnNamesMatchCaseInsensitivelyLikeSlsCollation() throws SQLException {
        try (Connection c = sl.connect(); Statement st = c.createStatement()) {
            st.executeUpdate("INSERT INTO dbo.CUSTOMER (CUSTID) VALUES ('C00009')");
            try (ResultSet rs = st.executeQuery("SELECT custid FROM dbo.customer WITH (NOLOCK)")) {
                assertThat(rs.next()).isTrue();
            }
            // Documented H2 difference: the schema name is case-sensitive (SQL Server would accept DBO).
            assertThatThrownBy(() -> st.executeQuery("SELECT COUNT(*) FROM DBO.Customer")).isInstanceOf(SQLException.class);
        }
    }
}
