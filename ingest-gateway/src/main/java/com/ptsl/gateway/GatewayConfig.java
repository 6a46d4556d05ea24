package com.ptsl.gateway;

import com.ptsl.gateway.poll.Poller;
import com.ptsl.service.admin.AdminConfig;
import com.ptsl.service.config.Env;
import com.ptsl.service.config.Variable;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Settings of the ingest gateway, read from environment variables (see {@link #VARIABLES}).
 *
 * @param bootstrapServers  Kafka bootstrap servers
 * @param payTraceBaseUrl   PayTrace API root, without {@code /v1}
 * @param username          PayTrace API user
 * @param password          its password; never printed
 * @param integratorId      PayTrace integrator id sent as {@code integrator_id}, or null
 * @param merchantZone      the merchant account's zone: PayTrace's export dates are merchant-local days
 * @param pollInterval      pause between successful polls
 * @param lookbackDays      the poll window is [today − lookbackDays, today]
 * @param stateDir          where the poller checkpoint lives
 * @param followUpsPerPoll  at most this many open transactions outside the window are re-read by id per poll
 * @param batchPolling      whether settlement batches are polled into {@code paytrace.batches.raw}
 * @param admin             where /health and /metrics listen
 */
public record GatewayConfig(String bootstrapServers, URI payTraceBaseUrl, String username, String password,
                            String integratorId, ZoneId merchantZone, Duration pollInterval, int lookbackDays,
                            Path stateDir, int followUpsPerPoll, boolean batchPolling, AdminConfig admin) {

    public static final String KAFKA_BOOTSTRAP_SERVERS = "KAFKA_BOOTSTRAP_SERVERS";
    public static final String PAYTRACE_BASE_URL = "PAYTRACE_BASE_URL";
    public static final String PAYTRACE_USERNAME = "PAYTRACE_USERNAME";
    public static final String PAYTRACE_PASSWORD = "PAYTRACE_PASSWORD";
    public static final String PAYTRACE_INTEGRATOR_ID = "PAYTRACE_INTEGRATOR_ID";
    public static final String PAYTRACE_MERCHANT_ZONE = "PAYTRACE_MERCHANT_ZONE";
    public static final String GATEWAY_POLL_INTERVAL_MS = "GATEWAY_POLL_INTERVAL_MS";
    public static final String GATEWAY_LOOKBACK_DAYS = "GATEWAY_LOOKBACK_DAYS";
    public static final String GATEWAY_STATE_DIR = "GATEWAY_STATE_DIR";
    public static final String GATEWAY_FOLLOW_UPS_PER_POLL = "GATEWAY_FOLLOW_UPS_PER_POLL";
    public static final String GATEWAY_BATCH_POLLING = "GATEWAY_BATCH_POLLING";

    /** Longest accepted look-back: exports have no paging, so a window must stay small. */
    public static final int MAX_LOOKBACK_DAYS = 31;
    /** Most re-reads by id per poll: each is one PayTrace call, on top of the one window export. */
    public static final int MAX_FOLLOW_UPS_PER_POLL = 100;
    /** Admin port when ADMIN_PORT is unset; each service has its own so they can share a host. */
    public static final int DEFAULT_ADMIN_PORT = 8081;

    private static final Variable BOOTSTRAP = Variable.of(KAFKA_BOOTSTRAP_SERVERS, "localhost:9092", "Kafka bootstrap servers");
    private static final Variable BASE_URL = Variable.of(PAYTRACE_BASE_URL, "https://api.paytrace.com",
            "PayTrace API root (sandbox: https://api.sandbox.paytrace.com)");
    private static final Variable USERNAME = Variable.required(PAYTRACE_USERNAME, "PayTrace API user");
    private static final Variable PASSWORD = Variable.secret(PAYTRACE_PASSWORD, null, "PayTrace API password, never logged");
    private static final Variable INTEGRATOR_ID = Variable.optional(PAYTRACE_INTEGRATOR_ID,
            "PayTrace integrator id, sent as integrator_id when set");
    private static final Variable MERCHANT_ZONE = Variable.of(PAYTRACE_MERCHANT_ZONE, "America/Los_Angeles",
            "time zone of the merchant account (export days are merchant-local)");
    private static final Variable POLL_INTERVAL = Variable.of(GATEWAY_POLL_INTERVAL_MS, "1000", "milliseconds between polls");
    private static final Variable LOOKBACK = Variable.of(GATEWAY_LOOKBACK_DAYS, "1",
            "poll window = [today - N days, today], 0.." + MAX_LOOKBACK_DAYS);
    private static final Variable STATE_DIR = Variable.of(GATEWAY_STATE_DIR, "./data/gateway", "directory of the poller checkpoint file");
    private static final Variable FOLLOW_UPS = Variable.of(GATEWAY_FOLLOW_UPS_PER_POLL,
            Integer.toString(Poller.DEFAULT_FOLLOW_UPS_PER_POLL),
            "re-reads by id (export/by_id) per poll of transactions that left the window while not settled, voided, "
                    + "declined or expired; round-robin, each one PayTrace call; 0.." + MAX_FOLLOW_UPS_PER_POLL
                    + ", 0 = none");
    private static final Variable BATCH_POLLING = Variable.of(GATEWAY_BATCH_POLLING, "true",
            "true or false: poll settlement batches of the window (batches/export, then batches/transaction_list of "
                    + "new or changed batches) into paytrace.batches.raw");

    /** Every variable the gateway reads, for {@code --help} and the docs. */
    public static final List<Variable> VARIABLES = variables();

    public GatewayConfig {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        Objects.requireNonNull(payTraceBaseUrl, "payTraceBaseUrl");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(merchantZone, "merchantZone");
        Objects.requireNonNull(pollInterval, "pollInterval");
        Objects.requireNonNull(stateDir, "stateDir");
        Objects.requireNonNull(admin, "admin");
        if (pollInterval.isNegative() || pollInterval.isZero()) {
            throw new IllegalArgumentException("pollInterval must be positive, was " + pollInterval);
        }
        if (lookbackDays < 0 || lookbackDays > MAX_LOOKBACK_DAYS) {
            throw new IllegalArgumentException("lookbackDays must be 0.." + MAX_LOOKBACK_DAYS + ", was " + lookbackDays);
        }
        if (followUpsPerPoll < 0 || followUpsPerPoll > MAX_FOLLOW_UPS_PER_POLL) {
            throw new IllegalArgumentException("followUpsPerPoll must be 0.." + MAX_FOLLOW_UPS_PER_POLL + ", was "
                    + followUpsPerPoll);
        }
        if (integratorId != null && integratorId.isBlank()) {
            integratorId = null;
        }
    }

    /** Reads the configuration; throws a ConfigException naming the first bad or missing variable. */
    public static GatewayConfig fromEnv(Map<String, String> variables) {
        Env env = Env.of(variables);
        return new GatewayConfig(
                env.text(BOOTSTRAP),
                env.httpUrl(BASE_URL),
                env.text(USERNAME),
                env.text(PASSWORD),
                env.text(INTEGRATOR_ID),
                env.zone(MERCHANT_ZONE),
                // Capped at int range so derived limits (3 × interval) cannot overflow.
                Duration.ofMillis(env.intValue(POLL_INTERVAL, 1, Integer.MAX_VALUE)),
                env.intValue(LOOKBACK, 0, MAX_LOOKBACK_DAYS),
                env.path(STATE_DIR),
                env.intValue(FOLLOW_UPS, 0, MAX_FOLLOW_UPS_PER_POLL),
                Boolean.parseBoolean(env.oneOf(BATCH_POLLING, List.of("true", "false"))),
                AdminConfig.fromEnv(env, DEFAULT_ADMIN_PORT));
    }

    /** The same settings with other admin endpoints, e.g. {@link AdminConfig#ephemeral()} in tests. */
    public GatewayConfig withAdmin(AdminConfig newAdmin) {
        return new GatewayConfig(bootstrapServers, payTraceBaseUrl, username, password, integratorId, merchantZone,
                pollInterval, lookbackDays, stateDir, followUpsPerPoll, batchPolling, newAdmin);
    }

    private static List<Variable> variables() {
        List<Variable> all = new ArrayList<>(List.of(BOOTSTRAP, BASE_URL, USERNAME, PASSWORD, INTEGRATOR_ID,
                MERCHANT_ZONE, POLL_INTERVAL, LOOKBACK, STATE_DIR, FOLLOW_UPS, BATCH_POLLING));
        all.addAll(AdminConfig.variables(DEFAULT_ADMIN_PORT));
        return List.copyOf(all);
    }

    /** The password stays out of logs. */
    @Override
    public String toString() {
        return "GatewayConfig[bootstrapServers=" + bootstrapServers + ", payTraceBaseUrl=" + payTraceBaseUrl
                + ", username=" + username + ", password=***, integratorId=" + integratorId + ", merchantZone="
                + merchantZone + ", pollInterval=" + pollInterval + ", lookbackDays=" + lookbackDays
                + ", stateDir=" + stateDir + ", followUpsPerPoll=" + followUpsPerPoll + ", batchPolling=" + batchPolling
                + ", admin=" + admin + "]";
    }
}
