package com.ptsl.sandbox.sl;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The H2 schema against the facts of shared/reference/sl-tables.md (hard-coded here on purpose). */
class SchemaTest {

    record Expected(int columns, String pkName, List<String> pk, int indexes, int defaults) {
    }

    /** From the summary table of sl-tables.md; defaults exclude tstamp. */
    static final Map<String, Expected> EXPECTED = new LinkedHashMap<>();

    static {
        EXPECTED.put("Batch", new Expected(72, "Batch0", List.of("Module", "BatNbr"), 12, 71));
        EXPECTED.put("ARDoc", new Expected(126, "ARDoc0", List.of("CustId", "DocType", "RefNbr", "BatNbr", "BatSeq"), 21, 0));
        EXPECTED.put("ARTran", new Expected(110, "ARTran0", List.of("CustId", "TranType", "RefNbr", "LineNbr", "RecordID"), 16, 0));
        EXPECTED.put("ARAdjust", new Expected(51, "ARAdjust0", List.of("AdjdRefNbr", "RecordID"), 5, 0));
        EXPECTED.put("GLTran", new Expected(77, "GLTran0", List.of("Module", "BatNbr", "LineNbr"), 15, 0));
        EXPECTED.put("Customer", new Expected(111, "Customer0", List.of("CustId"), 7, 110));
        EXPECTED.put("AR_Balances", new Expected(65, "AR_Balances0", List.of("CpnyID", "CustID"), 1, 0));
        EXPECTED.put("ARSetup", new Expected(96, "ARSetup0", List.of("SetupId"), 0, 0));
        EXPECTED.put("GLSetup", new Expected(102, "GLSetup0", List.of("SetupId"), 0, 2));
        EXPECTED.put("CASetup", new Expected(52, "CASetup0", List.of("SetUpId"), 0, 0));
        EXPECTED.put("Account", new Expected(43, "Account0", List.of("Acct"), 3, 0));
        EXPECTED.put("SubAcct", new Expected(32, "Subacct0", List.of("Sub"), 0, 0));
        EXPECTED.put("CashAcct", new Expected(56, "cashacct0", List.of("CpnyID", "BankAcct", "BankSub"), 0, 0));
        EXPECTED.put("Currncy", new Expected(51, "Currncy0", List.of("CuryId"), 0, 0));
        EXPECTED.put("SOHeader", new Expected(194, "SOHeader0", List.of("CpnyID", "OrdNbr"), 12, 193));
        EXPECTED.put("CATran", new Expected(71, "CATran0", List.of("Module", "batnbr", "Linenbr", "BankCpnyID"), 6, 0));
    }

    static SlSandbox sl;

    @BeforeAll
    static void open() {
        sl = SlSandbox.inMemory("schema-test");
    }

    @AfterAll
    static void close() {
        sl.close();
    }

    @Test
    void allSixteenTablesExistInDboWithTheirColumnCountsAndNothingElse() throws SQLException {
        Map<String, Integer> actual = new LinkedHashMap<>();
        try (Connection c = sl.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT TABLE_NAME, COUNT(*) FROM INFORMATION_SCHEMA.COLUMNS"
                     + " WHERE TABLE_SCHEMA = 'dbo' GROUP BY TABLE_NAME")) {
            while (rs.next()) {
                actual.put(rs.getString(1), rs.getInt(2));
            }
        }
        Map<String, Integer> expected = new LinkedHashMap<>();
        EXPECTED.forEach((t, e) -> expected.put(t, e.columns()));
        assertThat(actual).containsExactlyInAnyOrderEntriesOf(expected);
        assertThat(SlTables.ALL).containsExactlyElementsOf(EXPECTED.keySet());
    }

    @Test
    void primaryKeysHaveSlNamesAndColumnOrder() throws SQLException {
        try (Connection c = sl.connect(); PreparedStatement ps = c.prepareStatement(
                "SELECT tc.CONSTRAINT_NAME, k.COLUMN_NAME FROM INFORMATION_SCHEMA.TABLE_CONSTRAINTS tc"
                        + " JOIN INFORMATION_SCHEMA.KEY_COLUMN_USAGE k ON k.CONSTRAINT_SCHEMA = tc.CONSTRAINT_SCHEMA"
                        + " AND k.CONSTRAINT_NAME = tc.CONSTRAINT_NAME"
                        + " WHERE tc.TABLE_SCHEMA = 'dbo' AND tc.TABLE_NAME = ? AND tc.CONSTRAINT_TYPE = 'PRIMARY KEY'"
                        + " ORDER BY k.ORDINAL_POSITION")) {
            for (Map.Entry<String, Expected> e : EXPECTED.entrySet()) {
                ps.setString(1, e.getKey());
                List<String> columns = new ArrayList<>();
                String name = null;
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        name = rs.getString(1);
                        columns.add(rs.getString(2));
                    }
                }
                assertThat(name).as("PK name of %s", e.getKey()).isEqualTo(e.getValue().pkName());
                assertThat(columns).as("PK of %s", e.getKey()).containsExactlyElementsOf(e.getValue().pk());
            }
        }
    }

    @Test
    void everyColumnIsNotNullAndDefaultsAreExactlyWhereSlHasThem() throws SQLException {
        try (Connection c = sl.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT TABLE_NAME, SUM(CASE WHEN IS_NULLABLE = 'YES' THEN 1 ELSE 0 END),"
                     + " SUM(CASE WHEN COLUMN_DEFAULT IS NOT NULL AND COLUMN_NAME <> 'tstamp' THEN 1 ELSE 0 END)"
                     + " FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_SCHEMA = 'dbo' GROUP BY TABLE_NAME")) {
            int tables = 0;
            while (rs.next()) {
                tables++;
                assertThat(rs.getInt(2)).as("nullable columns in %s", rs.getString(1)).isZero();
                assertThat(rs.getInt(3)).as("defaults in %s", rs.getString(1)).isEqualTo(EXPECTED.get(rs.getString(1)).defaults());
            }
            assertThat(tables).isEqualTo(16);
        }
    }

    @Test
    void secondaryIndexesAreAllThere() throws SQLException {
        try (Connection c = sl.connect(); PreparedStatement ps = c.prepareStatement(
                "SELECT COUNT(*) FROM INFORMATION_SCHEMA.INDEXES WHERE TABLE_SCHEMA = 'dbo' AND TABLE_NAME = ?"
                        + " AND INDEX_TYPE_NAME <> 'PRIMARY KEY'")) {
            for (Map.Entry<String, Expected> e : EXPECTED.entrySet()) {
                ps.setString(1, e.getKey());
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    assertThat(rs.getInt(1)).as("indexes on %s", e.getKey()).isEqualTo(e.getValue().indexes());
                }
            }
        }
        try (Connection c = sl.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT INDEX_TYPE_NAME FROM INFORMATION_SCHEMA.INDEXES"
                     + " WHERE TABLE_SCHEMA = 'dbo' AND INDEX_NAME = 'ARTran99'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("UNIQUE INDEX");
        }
    }

    @Test
    void identityColumnsAreGeneratedAlways() throws SQLException {
        try (Connection c = sl.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT TABLE_NAME || '.' || COLUMN_NAME, IDENTITY_GENERATION"
                     + " FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_SCHEMA = 'dbo' AND IS_IDENTITY = 'YES' ORDER BY 1")) {
            List<String> identities = new ArrayList<>();
            while (rs.next()) {
                identities.add(rs.getString(1) + " " + rs.getString(2));
            }
            assertThat(identities).containsExactly("ARAdjust.RecordID ALWAYS", "ARTran.RecordID ALWAYS");
        }
    }

    @Test
    void columnTypesFollowSl() throws SQLException {
        try (Connection c = sl.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT COLUMN_NAME, DATA_TYPE, CHARACTER_MAXIMUM_LENGTH FROM INFORMATION_SCHEMA.COLUMNS"
                     + " WHERE TABLE_SCHEMA = 'dbo' AND TABLE_NAME = 'ARDoc'"
                     + " AND COLUMN_NAME IN ('CustId', 'RefNbr', 'OrigDocAmt', 'DocDate', 'Rlsed', 'BatSeq', 'tstamp')"
                     + " ORDER BY COLUMN_NAME")) {
            List<String> types = new ArrayList<>();
            while (rs.next()) {
                types.add(rs.getString(1) + " " + rs.getString(2) + (rs.getObject(3) == null ? "" : "(" + rs.getInt(3) + ")"));
            }
            assertThat(types).containsExactly("BatSeq INTEGER", "CustId CHARACTER(15)", "DocDate TIMESTAMP",
                    "OrigDocAmt DOUBLE PRECISION", "RefNbr CHARACTER(10)", "Rlsed SMALLINT", "tstamp BIGINT");
        }
    }

    @Test
    void glSetupCheckConstraintsAreEnforced() throws SQLException {
        try (Connection c = sl.connect(); SlRowWriter w = new SlRowWriter(c)) {
            c.setAutoCommit(false);
            assertThatThrownBy(() -> w.into("GLSetup").set("SetupId", "GL").set("AllowPostOpt", "X").insert())
                    .isInstanceOf(SQLException.class).hasMessageContaining("CK_GLSetup_AllowPostOpt");
            c.rollback();
        }
    }

    @Test
    void defaultsFillBatchAndCustomerLikeSl() throws SQLException {
        try (Connection c = sl.connect(); Statement st = c.createStatement()) {
            c.setAutoCommit(false);
            st.executeUpdate("INSERT INTO dbo.Batch (Module, BatNbr) VALUES ('GL', '999999')");
            st.executeUpdate("INSERT INTO dbo.Customer (CustId) VALUES ('ZDEFAULTS')");
            try (ResultSet rs = st.executeQuery("SELECT b.Crtd_DateTime, b.DateClr, b.Status, b.CtrlTot, c.DocPublishingFlag"
                    + " FROM dbo.Batch b, dbo.Customer c WHERE b.BatNbr = '999999' AND c.CustId = 'ZDEFAULTS'")) {
                assertThat(rs.next()).isTrue();
                LocalDateTime created = rs.getObject(1, LocalDateTime.class);
                // SL's "now" default: the current time to the minute.
                assertThat(created.getSecond()).isZero();
                assertThat(created).isBetween(LocalDateTime.now().minusMinutes(2), LocalDateTime.now().plusMinutes(1));
                assertThat(rs.getObject(2, LocalDateTime.class)).isEqualTo(LocalDateTime.of(1900, 1, 1, 0, 0));
                assertThat(rs.getString(3)).isEqualTo(" ");
                assertThat(rs.getDouble(4)).isZero();
                assertThat(rs.getString(5)).isEqualTo("Y");
            }
            c.rollback();
        }
    }

    /** The SQL Server flavour cannot run here; at least keep it in step with the H2 one. */
    @Test
    void sqlServerScriptDeclaresTheSameTablesColumnsAndIndexes() {
        String script = SlSchema.read(SlSchema.SQLSERVER_SCRIPT);
        Matcher table = Pattern.compile("CREATE TABLE \\[dbo]\\.\\[(\\w+)] \\((.*?)\\n\\);", Pattern.DOTALL).matcher(script);
        Map<String, Integer> columns = new LinkedHashMap<>();
        while (table.find()) {
            long n = table.group(2).lines().filter(l -> l.strip().startsWith("[")).count();
            columns.put(table.group(1), (int) n);
        }
        Map<String, Integer> expected = new LinkedHashMap<>();
        EXPECTED.forEach((t, e) -> expected.put(t, e.columns()));
        assertThat(columns).containsExactlyEntriesOf(expected);
        assertThat(script.lines().filter(l -> l.contains("[tstamp] rowversion NOT NULL"))).hasSize(16);
        assertThat(script.lines().filter(l -> l.contains("[RecordID] int IDENTITY(1,1) NOT FOR REPLICATION NOT NULL"))).hasSize(2);
        assertThat(script.lines().filter(l -> l.startsWith("CREATE ") && l.contains(" INDEX "))).hasSize(98);
        assertThat(script).contains("PRIMARY KEY NONCLUSTERED ([SetUpId] ASC)")
                .contains("DEFAULT (rtrim(CONVERT(varchar(30), CONVERT(smalldatetime, getdate(), 0), 0)))")
                .contains("INCLUDE ([BatNbr], [FiscYr], [RefNbr], [TranAmt])")
                .doesNotContain("GENERATED ALWAYS").doesNotContain("bigint");
    }
}
