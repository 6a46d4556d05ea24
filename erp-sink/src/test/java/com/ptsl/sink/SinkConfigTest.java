package com.ptsl.sink;

import com.ptsl.service.admin.AdminConfig;
import com.ptsl.service.config.ConfigException;
import com.ptsl.service.config.Variable;
import com.ptsl.sink.feed.FeedSettings;
import com.ptsl.sink.kafka.BackoffSettings;
import com.ptsl.sink.notify.WebhookSettings;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SinkConfigTest {

    private static Map<String, String> env(String... pairs) {
        Map<String, String> env = new HashMap<>();
        env.put("SL_JDBC_URL", "jdbc:sqlserver://sl:1433;databaseName=SLApp");
        for (int i = 0; i < pairs.length; i += 2) {
            env.put(pairs[i], pairs[i + 1]);
        }
        return env;
    }

    @Test
    void defaultsApplyWhenOnlyTheDatabaseIsGiven() {
        SinkConfig config = SinkConfig.fromEnv(env());

        assertThat(config.bootstrapServers()).isEqualTo("localhost:9092");
        assertThat(config.groupId()).isEqualTo("ptsl-erp-sink");
        assertThat(config.maxPollRecords()).isEqualTo(1000);
        assertThat(config.slReread()).isEqualTo(Duration.ofSeconds(60));
        assertThat(config.posting().cpnyId()).isEqualTo("PTSL");
        assertThat(config.posting().cardCash().acct()).isEqualTo("1010");
        assertThat(config.posting().cardCash().sub()).isEqualTo("00-000-00");
        assertThat(config.posting().achCash().acct()).isEqualTo("1020");
        assertThat(config.posting().batchStatus()).isEqualTo("B");
        assertThat(config.posting().program()).isEqualTo("PTSL");
        assertThat(config.posting().user()).isEqualTo("PTSL");
        assertThat(config.admin()).isEqualTo(new AdminConfig("127.0.0.1", 8083, null));
        assertThat(config.feed()).isEqualTo(FeedSettings.defaults());
        assertThat(config.feed().enabled()).isTrue();
        assertThat(config.feed().interval()).isEqualTo(Duration.ofMillis(200));
        assertThat(config.feed().sweepInterval()).isEqualTo(Duration.ofMinutes(5));
        assertThat(config.feed().vaultField()).isEqualTo("User2");
        assertThat(config.feed().staleAfter()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void theFeedIsConfiguredByItsFourVariables() {
        SinkConfig config = SinkConfig.fromEnv(env("SINK_FEED_ENABLED", "FALSE", "SINK_FEED_INTERVAL_MS", "1000",
                "SINK_FEED_SWEEP_INTERVAL_MS", "30000", "SINK_FEED_VAULT_FIELD", "user5"));

        assertThat(config.feed()).isEqualTo(new FeedSettings(false, Duration.ofSeconds(1), Duration.ofSeconds(30), "User5"));
        assertThat(config.feed().staleAfter()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void aVaultFieldThatIsNotACharUserFieldFailsStartNamingTheVariable() {
        assertThatThrownBy(() -> SinkConfig.fromEnv(env("SINK_FEED_VAULT_FIELD", "User3")))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("SINK_FEED_VAULT_FIELD")
                .hasMessageContaining("User1, User2, User5, User6").hasMessageContaining("'User3'");
        assertThatThrownBy(() -> SinkConfig.fromEnv(env("SINK_FEED_VAULT_FIELD", "CardNbr"))).hasMessageStartingWith("SINK_FEED_VAULT_FIELD");
        assertThatThrownBy(() -> SinkConfig.fromEnv(env("SINK_FEED_INTERVAL_MS", "PT1S"))).hasMessageStartingWith("SINK_FEED_INTERVAL_MS");
        assertThatThrownBy(() -> SinkConfig.fromEnv(env("SINK_FEED_SWEEP_INTERVAL_MS", "0"))).hasMessageStartingWith("SINK_FEED_SWEEP_INTERVAL_MS");
        assertThatThrownBy(() -> SinkConfig.fromEnv(env("SINK_FEED_ENABLED", "yes"))).hasMessageStartingWith("SINK_FEED_ENABLED");
    }

    @Test
    void theSlRereadIntervalMayBeZeroButNotNegative() {
        assertThat(SinkConfig.fromEnv(env("SINK_SL_REREAD_MS", "0")).slReread()).isZero();
        assertThat(SinkConfig.fromEnv(env("SINK_SL_REREAD_MS", "2500")).slReread()).isEqualTo(Duration.ofMillis(2500));
        assertThat(SinkConfig.fromEnv(env("SINK_SL_REREAD_MS", "2500")).withGroupId("other").slReread()).isEqualTo(Duration.ofMillis(2500));
        assertThatThrownBy(() -> SinkConfig.fromEnv(env("SINK_SL_REREAD_MS", "-1"))).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("SINK_SL_REREAD_MS");
        assertThatThrownBy(() -> SinkConfig.fromEnv(env("SINK_SL_REREAD_MS", "soon"))).hasMessageStartingWith("SINK_SL_REREAD_MS");
        assertThat(SinkConfig.help()).contains("SINK_SL_REREAD_MS").contains("default 60000").contains("SINK_MAX_POLL_RECORDS")
                .contains("default 1000");
    }

    @Test
    void theAdminEndpointsAreConfiguredLikeEveryOtherService() {
        SinkConfig config = SinkConfig.fromEnv(env("ADMIN_HOST", "0.0.0.0", "ADMIN_PORT", "9183", "ADMIN_TOKEN", "t0ken"));

        assertThat(config.admin()).isEqualTo(new AdminConfig("0.0.0.0", 9183, "t0ken"));
        assertThat(config.withAdmin(AdminConfig.ephemeral()).admin().port()).isZero();
        assertThat(config.withAdmin(AdminConfig.ephemeral()).jdbcUrl()).isEqualTo(config.jdbcUrl());
    }

    @Test
    void badValuesAreReportedByVariableName() {
        assertThatThrownBy(() -> SinkConfig.fromEnv(Map.of())).hasMessageContaining("SL_JDBC_URL");
        assertThatThrownBy(() -> SinkConfig.fromEnv(env("SINK_MAX_POLL_RECORDS", "lots"))).hasMessageContaining("SINK_MAX_POLL_RECORDS");
        assertThatThrownBy(() -> SinkConfig.fromEnv(env("SL_BATCH_STATUS", "P"))).hasMessageContaining("SL_BATCH_STATUS");
        assertThatThrownBy(() -> SinkConfig.fromEnv(env("SL_PROG", "PAYTRACE01"))).hasMessageContaining("SL_PROG");
        assertThatThrownBy(() -> SinkConfig.fromEnv(env("SL_JDBC_URL", "jdbc:postgresql://x/y"))).hasMessageContaining("SL_JDBC_URL");
        assertThatThrownBy(() -> SinkConfig.fromEnv(env("SINK_MAX_POLL_INTERVAL_MS", "0"))).hasMessageStartingWith("SINK_MAX_POLL_INTERVAL_MS");
        assertThatThrownBy(() -> SinkConfig.fromEnv(env("SL_CARD_CASH_SUB", "x".repeat(25)))).hasMessageStartingWith("SL_CARD_CASH_SUB");
        assertThatThrownBy(() -> SinkConfig.fromEnv(env("ADMIN_PORT", "70000"))).hasMessageStartingWith("ADMIN_PORT");
    }

    @Test
    void thePasswordNeverAppearsInToString() {
        SinkConfig config = SinkConfig.fromEnv(env("SL_DB_PASSWORD", "s3cret!", "SL_JDBC_URL",
                "jdbc:sqlserver://sl:1433;databaseName=SLApp;password=inurl", "ADMIN_TOKEN", "adm1n-t0ken"));

        assertThat(config.dbPassword()).isEqualTo("s3cret!");
        assertThat(config.toString()).doesNotContain("s3cret!").doesNotContain("inurl").doesNotContain("adm1n-t0ken");
        assertThat(SinkConfig.help()).contains("SL_JDBC_URL").contains("SINK_GROUP_ID").contains("SL_CARD_CASH_ACCT")
                .contains("ADMIN_PORT").contains("default 8083").contains(Variable.help(SinkConfig.VARIABLES))
                .contains("SINK_FEED_ENABLED").contains("SINK_FEED_INTERVAL_MS").contains("default 200")
                .contains("SINK_FEED_SWEEP_INTERVAL_MS").contains("default 300000").contains("SINK_FEED_VAULT_FIELD").contains("default User2");
    }

    @Test
    void transientErrorsBackOffFrom200MsTo30SByDefaultAndTheWebhookIsOff() {
        SinkConfig config = SinkConfig.fromEnv(env());

        assertThat(config.retry()).isEqualTo(new BackoffSettings(Duration.ofMillis(200), Duration.ofSeconds(30)));
        assertThat(config.webhook().enabled()).isFalse();
        SinkConfig tuned = SinkConfig.fromEnv(env("SINK_RETRY_INITIAL_MS", "50", "SINK_RETRY_MAX_MS", "5000"));
        assertThat(tuned.retry()).isEqualTo(new BackoffSettings(Duration.ofMillis(50), Duration.ofSeconds(5)));
        assertThatThrownBy(() -> SinkConfig.fromEnv(env("SINK_RETRY_INITIAL_MS", "500", "SINK_RETRY_MAX_MS", "100")))
                .hasMessageStartingWith("SINK_RETRY_MAX_MS");
    }

    @Test
    void theWebhookNeedsItsSecretAndNeverShowsIt() {
        SinkConfig config = SinkConfig.fromEnv(env("SINK_WEBHOOK_URL", "https://crm.example.com/hooks/ptsl?token=q5",
                "SINK_WEBHOOK_SECRET", "whsec-9f8e", "SINK_WEBHOOK_MAX_ATTEMPTS", "7"));

        WebhookSettings webhook = config.webhook();
        assertThat(webhook.enabled()).isTrue();
        assertThat(webhook.url()).hasToString("https://crm.example.com/hooks/ptsl?token=q5");
        assertThat(webhook.secret()).isEqualTo("whsec-9f8e");
        assertThat(webhook.maxAttempts()).isEqualTo(7);
        assertThat(webhook.backoff()).isEqualTo(Duration.ofMillis(500));
        assertThat(webhook.groupId()).isEqualTo("ptsl-erp-sink-webhook");
        assertThat(webhook.startFrom()).isEqualTo("earliest");
        assertThat(config.toString()).contains("crm.example.com").doesNotContain("whsec-9f8e").doesNotContain("token=q5");
        assertThatThrownBy(() -> SinkConfig.fromEnv(env("SINK_WEBHOOK_URL", "https://crm.example.com/h")))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("SINK_WEBHOOK_SECRET");
        assertThatThrownBy(() -> SinkConfig.fromEnv(env("SINK_WEBHOOK_URL", "ftp://crm.example.com/h", "SINK_WEBHOOK_SECRET", "s")))
                .hasMessageStartingWith("SINK_WEBHOOK_URL");
        assertThatThrownBy(() -> SinkConfig.fromEnv(env("SINK_WEBHOOK_URL", "https://crm.example.com/h", "SINK_WEBHOOK_SECRET",
                "whsec-9f8e", "SINK_WEBHOOK_MAX_ATTEMPTS", "0"))).hasMessageStartingWith("SINK_WEBHOOK_MAX_ATTEMPTS")
                .hasMessageNotContaining("whsec-9f8e");
        assertThat(SinkConfig.help()).contains("SINK_WEBHOOK_URL").contains("SINK_WEBHOOK_SECRET").contains("SINK_WEBHOOK_MAX_ATTEMPTS")
                .contains("default 5").contains("SINK_RETRY_INITIAL_MS").doesNotContain("whsec");
    }
}
