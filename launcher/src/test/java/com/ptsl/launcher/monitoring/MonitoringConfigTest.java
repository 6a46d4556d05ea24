package com.ptsl.launcher.monitoring;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Prometheus configuration and alert rules shipped for compose pass promtool's checks, lint included, and the
 * alert unit tests (monitoring/prometheus/alerts_test.yml) pass: each alert fires when it should and stays quiet
 * when it should not.
 */
class MonitoringConfigTest {

    private final Path prometheusDir = Promtool.monitoringDir().resolve("prometheus");

    @Test
    void prometheus_config_is_valid() throws Exception {
        Promtool.Result result = Promtool.run(prometheusDir, null, "check", "config", "prometheus.yml");
        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).doesNotContainIgnoringCase("warning");
    }

    @Test
    void alert_rules_are_valid_and_lint_clean() throws Exception {
        Promtool.Result result = Promtool.run(prometheusDir, null, "check", "rules", "--lint=all", "--lint-fatal", "alerts.yml");
        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("SUCCESS");
    }

    @Test
    void every_alert_fires_and_stays_quiet_as_its_unit_tests_say() throws Exception {
        Promtool.Result result = Promtool.run(prometheusDir, null, "test", "rules", "alerts_test.yml");
        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("SUCCESS");
    }
}
