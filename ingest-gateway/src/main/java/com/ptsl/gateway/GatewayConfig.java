package com.ptsl.gateway;

import com.ptsl.gateway.poll.Poller;
import com.ptsl.gateway.push.PushConfig;
import com.ptsl.service.admin.AdminConfig;
import com.ptsl.service.config.ConfigException;
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
 * @param push              the push receivers (signed push, Silent Post); off without a secret
 * @param pushHealthyFor    push counts as healthy this long after it last delivered a record
 * @param sweepInterval     while push is healthy, the window export runs at most this often
 * @param sweepReadBudgetPerMinute while push is healthy, window exports read at most this many records a minute on
 *                          average (after a sweep of R records the next waits R / budget minutes)
 */
public record GatewayConfig(String bootstrapServers, URI payTraceBaseUrl, String username, String password,
                            String integratorId, ZoneId merchantZone, Duration pollInterval, int lookbackDays,
                            Path stateDir, int followUpsPerPoll, boolean batchPolling, AdminConfig admin,
                            PushConfig push, Duration pushHealthyFor, Duration sweepInterval,
                            long sweepReadBudgetPerMinute) {

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
    public static final String GATEWAY_PUSH_HOST = "GATEWAY_PUSH_HOST";
    public static final String GATEWAY_PUSH_PORT = "GATEWAY_PUSH_PORT";
    public static final String GATEWAY_PUSH_SECRET = "GATEWAY_PUSH_SECRET";
    public static final String GATEWAY_PUSH_SECRET_PREVIOUS = "GATEWAY_PUSH_SECRET_PREVIOUS";
    public static final String GATEWAY_PUSH_REPLAY_WINDOW_S = "GATEWAY_PUSH_REPLAY_WINDOW_S";
    public static final String GATEWAY_PUSH_MAX_BODY_BYTES = "GATEWAY_PUSH_MAX_BODY_BYTES";
    public static final String GATEWAY_PUSH_MAX_EVENTS = "GATEWAY_PUSH_MAX_EVENTS";
    public static final String GATEWAY_PUSH_MAX_IN_FLIGHT = "GATEWAY_PUSH_MAX_IN_FLIGHT";
    public static final String GATEWAY_PUSH_ACK_TIMEOUT_MS = "GATEWAY_PUSH_ACK_TIMEOUT_MS";
    public static final String GATEWAY_PUSH_TRANSACTIONAL_ID = "GATEWAY_PUSH_TRANSACTIONAL_ID";
    public static final String GATEWAY_SILENT_POST_CONFIRMS_PER_S = "GATEWAY_SILENT_POST_CONFIRMS_PER_S";
    public static final String GATEWAY_SILENT_POST_QUEUE = "GATEWAY_SILENT_POST_QUEUE";
    public static final String GATEWAY_PUSH_HEALTHY_MS = "GATEWAY_PUSH_HEALTHY_MS";
    public static final String GATEWAY_SWEEP_INTERVAL_MS = "GATEWAY_SWEEP_INTERVAL_MS";
    public static final String GATEWAY_SWEEP_READ_BUDGET_PER_MIN = "GATEWAY_SWEEP_READ_BUDGET_PER_MIN";

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

    private static final Variable PUSH_HOST = Variable.of(GATEWAY_PUSH_HOST, "0.0.0.0",
            "interface of the push receivers (POST /v1/push/transactions, /v1/push/silent-post); not the admin server");
    private static final Variable PUSH_PORT = Variable.of(GATEWAY_PUSH_PORT, "8090",
            "port of the push receivers; 0 = any free port");
    private static final Variable PUSH_SECRET = Variable.secret(GATEWAY_PUSH_SECRET, "",
            "HMAC-SHA256 secret of signed pushes, at least " + PushConfig.MIN_SECRET_LENGTH + " characters; the push "
                    + "receivers run only when it is set (never logged)");
    private static final Variable PUSH_SECRET_PREVIOUS = Variable.secret(GATEWAY_PUSH_SECRET_PREVIOUS, "",
            "the secret before a rotation, accepted next to GATEWAY_PUSH_SECRET until senders switched (never logged)");
    private static final Variable PUSH_REPLAY_WINDOW = Variable.of(GATEWAY_PUSH_REPLAY_WINDOW_S, "300",
            "a signed push's X-PTSL-Timestamp may differ from the gateway's clock by this many seconds either way, 1..86400");
    private static final Variable PUSH_MAX_BODY = Variable.of(GATEWAY_PUSH_MAX_BODY_BYTES, Integer.toString(1 << 20),
            "larger signed push bodies are refused with 413, 1024..67108864");
    private static final Variable PUSH_MAX_EVENTS = Variable.of(GATEWAY_PUSH_MAX_EVENTS, "500",
            "a signed push with more records is refused with 413, 1..10000");
    private static final Variable PUSH_MAX_IN_FLIGHT = Variable.of(GATEWAY_PUSH_MAX_IN_FLIGHT, "64",
            "push requests handled at once (waiting for Kafka included); more are answered 503 + Retry-After, 1..10000");
    private static final Variable PUSH_ACK_TIMEOUT = Variable.of(GATEWAY_PUSH_ACK_TIMEOUT_MS, "10000",
            "a signed push is answered within this; 503 + Retry-After if Kafka did not commit its records by then, "
                    + "1000..120000");
    private static final Variable PUSH_TRANSACTIONAL_ID = Variable.optional(GATEWAY_PUSH_TRANSACTIONAL_ID,
            "transactional.id of the push producer, unique per gateway instance (two with one id fence each other); "
                    + "default " + PushConfig.TRANSACTIONAL_ID_PREFIX + "-<host name>");
    private static final Variable SILENT_POST_CONFIRMS = Variable.of(GATEWAY_SILENT_POST_CONFIRMS_PER_S, "5",
            "Silent Post confirmations (export/by_id calls) per second at most, 1..1000");
    private static final Variable SILENT_POST_QUEUE = Variable.of(GATEWAY_SILENT_POST_QUEUE, "10000",
            "Silent Posts waiting for confirmation at most; more are answered 503 + Retry-After, 1..1000000");
    private static final Variable PUSH_HEALTHY = Variable.of(GATEWAY_PUSH_HEALTHY_MS, "300000",
            "push is healthy while a signed push or confirmed Silent Post was accepted within this many ms; then the "
                    + "window export runs only as a backstop, 1000..86400000");
    private static final Variable SWEEP_INTERVAL = Variable.of(GATEWAY_SWEEP_INTERVAL_MS, "60000",
            "while push is healthy, the window export (export/by_date_range) runs at most this often; re-reads by id "
                    + "and batch polls still run every poll, 1..86400000");
    private static final Variable SWEEP_READ_BUDGET = Variable.of(GATEWAY_SWEEP_READ_BUDGET_PER_MIN, "20000",
            "while push is healthy, window exports read at most this many records per minute on average (after one "
                    + "of R records the next waits R / budget minutes), 1..1000000000");

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
        Objects.requireNonNull(push, "push");
        Objects.requireNonNull(pushHealthyFor, "pushHealthyFor");
        Objects.requireNonNull(sweepInterval, "sweepInterval");
        if (sweepReadBudgetPerMinute < 1) {
            throw new IllegalArgumentException("sweepReadBudgetPerMinute must be at least 1, was " + sweepReadBudgetPerMinute);
        }
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
                AdminConfig.fromEnv(env, DEFAULT_ADMIN_PORT),
                push(env),
                Duration.ofMillis(env.intValue(PUSH_HEALTHY, 1000, 86_400_000)),
                Duration.ofMillis(env.intValue(SWEEP_INTERVAL, 1, 86_400_000)),
                env.longValue(SWEEP_READ_BUDGET, 1, 1_000_000_000));
    }

    private static PushConfig push(Env env) {
        String host = env.text(PUSH_HOST);
        int port = env.port(PUSH_PORT);
        String secret = secret(env, PUSH_SECRET);
        String previous = secret(env, PUSH_SECRET_PREVIOUS);
        if (previous != null && secret == null) {
            throw new ConfigException(GATEWAY_PUSH_SECRET_PREVIOUS, "is set but " + GATEWAY_PUSH_SECRET
                    + " is not: set the current secret too (the previous one is only accepted next to it)");
        }
        Duration replayWindow = Duration.ofSeconds(env.intValue(PUSH_REPLAY_WINDOW, 1, 86_400));
        int maxBody = env.intValue(PUSH_MAX_BODY, 1024, 64 << 20);
        int maxEvents = env.intValue(PUSH_MAX_EVENTS, 1, 10_000);
        int maxInFlight = env.intValue(PUSH_MAX_IN_FLIGHT, 1, 10_000);
        Duration ackTimeout = Duration.ofMillis(env.intValue(PUSH_ACK_TIMEOUT, 1000, 120_000));
        String transactionalId = env.text(PUSH_TRANSACTIONAL_ID);
        if (transactionalId.isEmpty()) {
            transactionalId = PushConfig.defaultTransactionalId();
        } else if (transactionalId.length() > 200) {
            throw new ConfigException(GATEWAY_PUSH_TRANSACTIONAL_ID, "must be at most 200 characters, was "
                    + transactionalId.length());
        }
        return new PushConfig(host, port, secret, previous, replayWindow, maxBody, maxEvents, maxInFlight, ackTimeout,
                transactionalId, env.intValue(SILENT_POST_CONFIRMS, 1, 1000), env.intValue(SILENT_POST_QUEUE, 1, 1_000_000));
    }

    /** A push secret, or null when unset; too short to be worth anything is an error. */
    private static String secret(Env env, Variable v) {
        String value = env.text(v);
        if (value == null || value.isEmpty()) {
            return null;
        }
        if (value.length() < PushConfig.MIN_SECRET_LENGTH) {
            throw new ConfigException(v.name(), "must be at least " + PushConfig.MIN_SECRET_LENGTH
                    + " characters (a secret, not shown; e.g. openssl rand -hex 32)");
        }
        return value;
    }

    /** The same settings with other admin endpoints, e.g. {@link AdminConfig#ephemeral()} in tests. */
    public GatewayConfig withAdmin(AdminConfig newAdmin) {
        return new GatewayConfig(bootstrapServers, payTraceBaseUrl, username, password, integratorId, merchantZone,
                pollInterval, lookbackDays, stateDir, followUpsPerPoll, batchPolling, newAdmin, push, pushHealthyFor,
                sweepInterval, sweepReadBudgetPerMinute);
    }

    /** The same settings with other push receivers, e.g. an ephemeral port in tests. */
    public GatewayConfig withPush(PushConfig newPush) {
        return new GatewayConfig(bootstrapServers, payTraceBaseUrl, username, password, integratorId, merchantZone,
                pollInterval, lookbackDays, stateDir, followUpsPerPoll, batchPolling, admin, newPush, pushHealthyFor,
                sweepInterval, sweepReadBudgetPerMinute);
    }

    private static List<Variable> variables() {
        List<Variable> all = new ArrayList<>(List.of(BOOTSTRAP, BASE_URL, USERNAME, PASSWORD, INTEGRATOR_ID,
                MERCHANT_ZONE, POLL_INTERVAL, LOOKBACK, STATE_DIR, FOLLOW_UPS, BATCH_POLLING));
        all.addAll(AdminConfig.variables(DEFAULT_ADMIN_PORT));
        // In the order fromEnv reads them, so the first problem reported is the first one listed.
        all.addAll(List.of(PUSH_HOST, PUSH_PORT, PUSH_SECRET, PUSH_SECRET_PREVIOUS, PUSH_REPLAY_WINDOW, PUSH_MAX_BODY,
                PUSH_MAX_EVENTS, PUSH_MAX_IN_FLIGHT, PUSH_ACK_TIMEOUT, PUSH_TRANSACTIONAL_ID, SILENT_POST_CONFIRMS,
                SILENT_POST_QUEUE, PUSH_HEALTHY, SWEEP_INTERVAL, SWEEP_READ_BUDGET));
        return List.copyOf(all);
    }

    /** The password and the push secrets stay out of logs. */
    @Override
    public String toString() {
        return "GatewayConfig[bootstrapServers=" + bootstrapServers + ", payTraceBaseUrl=" + payTraceBaseUrl
                + ", username=" + username + ", password=***, integratorId=" + integratorId + ", merchantZone="
                + merchantZone + ", pollInterval=" + pollInterval + ", lookbackDays=" + lookbackDays
                + ", stateDir=" + stateDir + ", followUpsPerPoll=" + followUpsPerPoll + ", batchPolling=" + batchPolling
                + ", admin=" + admin + ", push=" + push + ", pushHealthyFor=" + pushHealthyFor + ", sweepInterval="
                + sweepInterval + ", sweepReadBudgetPerMinute=" + sweepReadBudgetPerMinute + "]";
    }
}
