package com.ptsl.sandbox.sl;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The sandbox over H2's TCP server: same data as in-process, taken away by stop(), back on the same port by start(). */
class SlTcpEndpointTest {

    private SlSandbox sl;
    private SlTcpEndpoint tcp;

    @BeforeEach
    void serve() {
        sl = SlSandbox.inMemory("tcp-test").seed(SeedSpec.defaults().withCustomers(3).withInvoicesPerCustomer(1));
        tcp = sl.serveTcp();
    }

    @AfterEach
    void close() {
        tcp.close();
        sl.close();
    }

    @Test
    void aClientOverTcpSeesAndWritesTheSameDatabase() throws SQLException {
        assertThat(tcp.jdbcUrl()).startsWith("jdbc:h2:tcp://127.0.0.1:" + tcp.port() + "/mem:tcp-test;")
                .contains("MODE=MSSQLServer");
        try (Connection c = overTcp()) {
            assertThat(count(c, "SELECT COUNT(*) FROM dbo.Customer")).isEqualTo(3);
            try (Statement st = c.createStatement()) {
                st.executeUpdate("UPDATE dbo.Customer SET Name = 'Over TCP' WHERE CustId = 'C00001'");
            }
        }
        try (Connection local = sl.connect()) {
            assertThat(count(local, "SELECT COUNT(*) FROM dbo.Customer WHERE Name = 'Over TCP'")).isEqualTo(1);
        }
    }

    @Test
    void stopEndsEverySessionAndStartServesTheSameDataOnTheSamePort() throws SQLException {
        int port = tcp.port();
        Connection before = overTcp();
        try {
            tcp.stop();

            assertThat(tcp.isRunning()).isFalse();
            assertThatThrownBy(() -> count(before, "SELECT 1")).isInstanceOf(SQLException.class);
            assertThatThrownBy(this::overTcp).isInstanceOf(SQLException.class).hasMessageContaining("Connection refused");
            try (Connection local = sl.connect(); Statement st = local.createStatement()) {
                st.executeUpdate("UPDATE dbo.Customer SET Name = 'While away' WHERE CustId = 'C00002'");
            }
        } finally {
            before.close();
        }

        tcp.start();

        assertThat(tcp.isRunning()).isTrue();
        assertThat(tcp.port()).isEqualTo(port);
        try (Connection after = overTcp()) {
            assertThat(count(after, "SELECT COUNT(*) FROM dbo.Customer WHERE Name = 'While away'")).isEqualTo(1);
        }
    }

    @Test
    void noOtherDatabaseCanBeCreatedThroughTheServer() {
        String other = tcp.jdbcUrl().replace("/mem:tcp-test;", "/mem:someone-else;");

        assertThatThrownBy(() -> DriverManager.getConnection(other, sl.user(), sl.password()).close())
                .isInstanceOf(SQLException.class).hasMessageContaining("not found");
    }

    @Test
    void closingTheSandboxStopsItsEndpoints() {
        sl.close();

        assertThat(tcp.isRunning()).isFalse();
        assertThatThrownBy(sl::serveTcp).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aFileSandboxIsNotServedOverTcp(@TempDir Path dir) {
        try (SlSandbox file = SlSandbox.fileBacked(dir)) {
            assertThatThrownBy(file::serveTcp).isInstanceOf(IllegalStateException.class).hasMessageContaining("AUTO_SERVER");
        }
    }

    private Connection overTcp() throws SQLException {
        return DriverManager.getConnection(tcp.jdbcUrl(), sl.user(), sl.password());
    }

    private static int count(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
