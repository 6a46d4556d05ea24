package com.ptsl.sink;

import com.ptsl.schemas.avro.PaymentMethod;
import com.ptsl.service.config.ConfigException;
import com.ptsl.sink.posting.GlAccount;
import com.ptsl.sink.posting.RefundPolicy;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** SinkConfig's posting variables: GL rules, refund account and refund policy. */
class PostingConfigTest {

    private static Map<String, String> env(String... pairs) {
        Map<String, String> env = new HashMap<>();
        env.put("SL_JDBC_URL", "jdbc:sqlserver://sl:1433;databaseName=SLApp");
        for (int i = 0; i < pairs.length; i += 2) {
            env.put(pairs[i], pairs[i + 1]);
        }
        return env;
    }

    @Test
    void byDefaultThereAreNoRulesBeyondTheMethodAccountsAndRefundsAreCreditMemosOnArSetupsAccount() {
        SinkConfig config = SinkConfig.fromEnv(env());

        assertThat(config.posting().glRules()).isEmpty();
        assertThat(config.posting().cashRules().all()).hasSize(2);
        assertThat(config.posting().refundPolicy()).isEqualTo(RefundPolicy.CREDIT_MEMO);
        assertThat(config.posting().configuredRefundAccount()).isEmpty();
    }

    @Test
    void rulesRefundAccountAndPolicyAreRead() {
        SinkConfig config = SinkConfig.fromEnv(env("SL_GL_RULES", "CARD:AMEX:*=1015/00-000-00;CARD:*:merchant2=1016/00-000-00",
                "SL_CARD_CASH_ACCT", "1011", "SL_REFUND_ACCT", "4100", "SL_REFUND_SUB", "00-000-00", "SL_REFUND_POLICY", "DEBIT_MEMO"));

        assertThat(config.posting().glRules()).hasSize(2);
        assertThat(config.posting().cashRules().match(PaymentMethod.CARD, "AMEX", "").account().acct()).isEqualTo("1015");
        assertThat(config.posting().cashRules().match(PaymentMethod.CARD, "VISA", "merchant2").account().acct()).isEqualTo("1016");
        assertThat(config.posting().cashRules().match(PaymentMethod.CARD, "VISA", "").account().acct()).isEqualTo("1011");
        assertThat(config.posting().configuredRefundAccount()).contains(new GlAccount("4100", "00-000-00"));
        assertThat(config.posting().refundPolicy()).isEqualTo(RefundPolicy.DEBIT_MEMO);
    }

    @Test
    void aBadRuleFailsStartNamingTheVariableAndTheRule() {
        assertThatThrownBy(() -> SinkConfig.fromEnv(env("SL_GL_RULES", "CARD:AMEX:*=1015/00-000-00;CARD:VISA=1016/00-000-00")))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("SL_GL_RULES")
                .hasMessageContaining("rule 'CARD:VISA=1016/00-000-00' (2nd)");
        assertThatThrownBy(() -> SinkConfig.fromEnv(env("SL_GL_RULES", "ACH:*:*=1021/00-000-00")))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("SL_GL_RULES").hasMessageContaining("SL_ACH_CASH_ACCT");
        assertThatThrownBy(() -> SinkConfig.fromEnv(env("SL_REFUND_ACCT", "4100")))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("SL_REFUND_ACCT").hasMessageContaining("set both or neither");
        assertThatThrownBy(() -> SinkConfig.fromEnv(env("SL_REFUND_POLICY", "REFUND")))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("SL_REFUND_POLICY").hasMessageContaining("REVERSE_PAYMENT");
    }

    @Test
    void helpDocumentsTheRuleSyntaxAndThePolicies() {
        assertThat(SinkConfig.help()).contains("SL_GL_RULES").contains("METHOD:CARDTYPE:MERCHANT=ACCT/SUB")
                .contains("CARD:AMEX:*=1015/00-000-00").contains("Most specific wins").contains("SL_REFUND_ACCT")
                .contains("SL_REFUND_SUB").contains("SL_REFUND_POLICY").contains("REVERSE_PAYMENT");
    }
}
