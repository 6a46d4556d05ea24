package com.ptsl.sink;

import com.ptsl.service.config.ConfigException;
import com.ptsl.sink.deposit.DepositBatchStatus;
import com.ptsl.sink.deposit.DepositSettings;
import com.ptsl.sink.posting.GlAccount;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** SinkConfig's deposit variables: SL_DEPOSIT_BATCH_STATUS and the fee account. */
class DepositConfigTest {

    private static Map<String, String> env(String... pairs) {
        Map<String, String> env = new HashMap<>();
        env.put("SL_JDBC_URL", "jdbc:sqlserver://sl:1433;databaseName=SLApp");
        for (int i = 0; i < pairs.length; i += 2) {
            env.put(pairs[i], pairs[i + 1]);
        }
        return env;
    }

    @Test
    void byDefaultBatchesKeepTheirStatusAndThereIsNoFeeAccount() {
        SinkConfig config = SinkConfig.fromEnv(env());

        assertThat(config.deposits()).isEqualTo(DepositSettings.DEFAULT);
        assertThat(config.deposits().batchStatus()).isEqualTo(DepositBatchStatus.KEEP);
        assertThat(config.deposits().batchStatus().slStatus()).isEmpty();
        assertThat(config.deposits().configuredFeeAccount()).isEmpty();
    }

    @Test
    void holdReadyAndTheFeeAccountAreRead() {
        SinkConfig held = SinkConfig.fromEnv(env("SL_DEPOSIT_BATCH_STATUS", "H", "SL_DEPOSIT_FEE_ACCT", "6100",
                "SL_DEPOSIT_FEE_SUB", "00-000-00"));
        SinkConfig ready = SinkConfig.fromEnv(env("SL_DEPOSIT_BATCH_STATUS", "B"));

        assertThat(held.deposits().batchStatus().slStatus()).contains("H");
        assertThat(held.deposits().configuredFeeAccount()).contains(new GlAccount("6100", "00-000-00"));
        assertThat(ready.deposits().batchStatus()).isEqualTo(DepositBatchStatus.READY);
        assertThat(ready.deposits().batchStatus().slStatus()).contains("B");
        assertThat(held.toString()).contains("deposits=DepositSettings[batchStatus=HOLD");
    }

    @Test
    void aBadStatusOrAHalfFeeAccountFailsStartNamingTheVariable() {
        assertThatThrownBy(() -> SinkConfig.fromEnv(env("SL_DEPOSIT_BATCH_STATUS", "HOLD")))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("SL_DEPOSIT_BATCH_STATUS")
                .hasMessageContaining("KEEP, H, B").hasMessageContaining("HOLD");
        assertThatThrownBy(() -> SinkConfig.fromEnv(env("SL_DEPOSIT_BATCH_STATUS", "h")))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("SL_DEPOSIT_BATCH_STATUS");
        assertThatThrownBy(() -> SinkConfig.fromEnv(env("SL_DEPOSIT_FEE_ACCT", "6100")))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("SL_DEPOSIT_FEE_ACCT").hasMessageContaining("set both or neither");
    }

    @Test
    void helpDocumentsTheThreeVariables() {
        assertThat(SinkConfig.help()).contains("SL_DEPOSIT_BATCH_STATUS").contains("KEEP (leave them), H (on hold for review) or B")
                .contains("SL_DEPOSIT_FEE_ACCT").contains("SL_DEPOSIT_FEE_SUB").contains("not posted to the GL");
    }
}
