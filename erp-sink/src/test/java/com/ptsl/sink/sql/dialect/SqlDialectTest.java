package com.ptsl.sink.sql.dialect;

import com.ptsl.sink.sql.IntegrationTables;
import com.ptsl.sink.support.H2SlSandboxDatabase;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SqlDialectTest {

    @Test
    void theDialectFollowsTheJdbcUrl() {
        assertThat(SqlDialect.forJdbcUrl("jdbc:h2:mem:x;MODE=MSSQLServer")).isInstanceOf(H2Dialect.class);
        assertThat(SqlDialect.forJdbcUrl("jdbc:sqlserver://db:1433;databaseName=SLApp")).isInstanceOf(SqlServerDialect.class);
        assertThatThrownBy(() -> SqlDialect.forJdbcUrl("jdbc:mysql://x;password=secret"))
                .hasMessageContaining("SL_JDBC_URL").hasMessageNotContaining("secret");
    }

    @Test
    void sqlServerTakesUpdateLocksByHintAndCreatesTablesOnlyWhenMissing() {
        SqlServerDialect d = new SqlServerDialect();

        assertThat(d.lockedTable("ARSetup")).isEqualTo("dbo.[ARSetup] WITH (UPDLOCK, ROWLOCK)");
        assertThat(d.lockSuffix()).isEmpty();
        assertThat(d.integrationTablesDdl()).allMatch(s -> s.startsWith("IF "));
        assertThat(d.rowVersion("d")).isEqualTo("CAST(d.[tstamp] AS BIGINT)");
        assertThat(d.rowVersionHorizon()).isInstanceOf(MinActiveRowVersion.class);
        assertThat(d.isTransient(new SQLException("deadlock victim", "40001", 1205))).isTrue();
        assertThat(d.isDuplicateKey(new SQLException("Violation of PRIMARY KEY", "23000", 2627))).isTrue();
        assertThat(d.isTransient(new SQLException("String or binary data would be truncated", "22001", 8152))).isFalse();
    }

    @Test
    void h2CreatesTheIntegrationTablesIdempotently() throws SQLException {
        try (H2SlSandboxDatabase db = H2SlSandboxDatabase.seeded(); Connection c = db.connect()) {
            c.setAutoCommit(false);
            IntegrationTables.ensure(c, new H2Dialect());
            IntegrationTables.ensure(c, new H2Dialect());
            try (var rs = c.getMetaData().getTables(null, "dbo", "PTSL_%", null)) {
                int n = 0;
                while (rs.next()) {
                    n++;
                }
                assertThat(n).as("PTSL_KafkaOffsets, PTSL_CommandLedger, PTSL_FeedState, PTSL_DeadLetter, PTSL_Deposit, PTSL_DepositLine")
                        .isEqualTo(6);
            }
        }
        assertThat(new H2Dialect().isTransient(new SQLTimeoutException("Timeout trying to lock table", "HYT00", 50200))).isTrue();
    }
}
