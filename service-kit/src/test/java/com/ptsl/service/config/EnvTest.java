package com.ptsl.service.config;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EnvTest {

    private static final Variable INTERVAL = Variable.of("X_INTERVAL_MS", "1000", "ms between polls");
    private static final Variable DAYS = Variable.of("X_DAYS", "1", "days back");
    private static final Variable USER = Variable.required("X_USER", "API user");
    private static final Variable PASSWORD = Variable.secret("X_PASSWORD", null, "API password");
    private static final Variable URL = Variable.of("X_URL", "https://api.example.test", "API root");
    private static final Variable ZONE = Variable.of("X_ZONE", "America/Los_Angeles", "merchant zone");
    private static final Variable MODE = Variable.of("X_MODE", "B", "batch status");

    @Test
    void defaults_come_from_the_declaration() {
        Env env = Env.of(Map.of("X_USER", " api ", "X_PASSWORD", " pw "));

        assertThat(env.millis(INTERVAL)).isEqualTo(Duration.ofSeconds(1));
        assertThat(env.intValue(DAYS, 0, 31)).isEqualTo(1);
        assertThat(env.text(USER)).as("trimmed").isEqualTo("api");
        assertThat(env.text(PASSWORD)).as("secrets are not trimmed").isEqualTo(" pw ");
        assertThat(env.httpUrl(URL)).isEqualTo(URI.create("https://api.example.test"));
        assertThat(env.zone(ZONE)).isEqualTo(ZoneId.of("America/Los_Angeles"));
        assertThat(env.oneOf(MODE, List.of("B", "H"))).isEqualTo("B");
    }

    @Test
    void every_error_names_the_variable_and_what_was_wrong() {
        assertThatThrownBy(() -> Env.of(Map.of()).text(USER))
                .isInstanceOf(ConfigException.class).hasMessage("X_USER is required but not set (API user)");
        assertThatThrownBy(() -> Env.of(Map.of("X_INTERVAL_MS", "soon")).millis(INTERVAL))
                .hasMessage("X_INTERVAL_MS must be a positive whole number, was 'soon'");
        assertThatThrownBy(() -> Env.of(Map.of("X_INTERVAL_MS", "0")).millis(INTERVAL))
                .hasMessage("X_INTERVAL_MS must be a positive whole number, was 0");
        assertThatThrownBy(() -> Env.of(Map.of("X_DAYS", "32")).intValue(DAYS, 0, 31))
                .hasMessage("X_DAYS must be a whole number between 0 and 31, was 32");
        assertThatThrownBy(() -> Env.of(Map.of("X_URL", "ftp://x")).httpUrl(URL))
                .hasMessage("X_URL must be an http(s) URL with a host, was 'ftp://x'");
        assertThatThrownBy(() -> Env.of(Map.of("X_ZONE", "Mars/Olympus")).zone(ZONE))
                .hasMessageStartingWith("X_ZONE is not a time zone id");
        assertThatThrownBy(() -> Env.of(Map.of("X_MODE", "P")).oneOf(MODE, List.of("B", "H")))
                .hasMessage("X_MODE must be one of B, H, was 'P'");
        assertThatThrownBy(() -> Env.of(Map.of("X_MODE", "TOOLONG")).text(MODE, 3))
                .hasMessage("X_MODE must be 1..3 characters, was 'TOOLONG'");
    }

    @Test
    void a_secret_is_never_echoed() {
        Variable pin = Variable.secret("X_PIN", "", "a numeric secret");
        assertThatThrownBy(() -> Env.of(Map.of("X_PIN", "hunter2")).positiveLong(pin))
                .hasMessage("X_PIN must be a positive whole number, was (a secret, not shown)")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void blank_counts_as_unset() {
        assertThat(Env.of(Map.of("X_DAYS", "  ")).intValue(DAYS, 0, 31)).isEqualTo(1);
        assertThatThrownBy(() -> Env.of(Map.of("X_USER", " ")).text(USER)).hasMessageStartingWith("X_USER is required");
    }

    @Test
    void parsed_values_report_the_parsers_reason_under_the_variables_name() {
        Variable field = Variable.of("X_FIELD", "a", "a field");
        assertThatThrownBy(() -> Env.of(Map.of("X_FIELD", "zz")).parsed(field, v -> {
            throw new IllegalArgumentException("'" + v + "' is not one of a, b");
        })).hasMessage("X_FIELD is not valid: 'zz' is not one of a, b");
    }

    @Test
    void help_lists_every_variable_with_its_default() {
        String help = Variable.help(List.of(INTERVAL, USER, PASSWORD, Variable.optional("X_OPT", "anything")));
        assertThat(help).contains("X_INTERVAL_MS", "ms between polls (default 1000)", "API user (required)", "X_OPT", "(optional)");
    }
}
