package com.ptsl.gateway;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
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
 */
public record GatewayConfig(String bootstrapServers, URI payTraceBaseUrl, String username, String password,
                            String integratorId, ZoneId merchantZone, Duration pollInterval, int lookbackDays,
                            Path stateDir) {

    public static final String KAFKA_BOOTSTRAP_SERVERS = "KAFKA_BOOTSTRAP_SERVERS";
    public static final String PAYTRACE_BASE_URL = "PAYTRACE_BASE_URL";
    public static final String PAYTRACE_USERNAME = "PAYTRACE_USERNAME";
    public static final String PAYTRACE_PASSWORD = "PAYTRACE_PASSWORD";
    public static final String PAYTRACE_INTEGRATOR_ID = "PAYTRACE_INTEGRATOR_ID";
    public static final String PAYTRACE_MERCHANT_ZONE = "PAYTRACE_MERCHANT_ZONE";
    public static final String GATEWAY_POLL_INTERVAL_MS = "GATEWAY_POLL_INTERVAL_MS";
    public static final String GATEWAY_LOOKBACK_DAYS = "GATEWAY_LOOKBACK_DAYS";
    public static final String GATEWAY_STATE_DIR = "GATEWAY_STATE_DIR";

    /** Longest accepted look-back: exports have no paging, so a window must stay small. */
    public static final int MAX_LOOKBACK_DAYS = 31;

    /** One variable: name, default (null = required, "" = optional without default), meaning. */
    public record Variable(String name, String defaultValue, String description) {
    }

    public static final List<Variable> VARIABLES = List.of(
            new Variable(KAFKA_BOOTSTRAP_SERVERS, "localhost:9092", "Kafka bootstrap servers"),
            new Variable(PAYTRACE_BASE_URL, "https://api.paytrace.com", "PayTrace API root (sandbox: https://api.sandbox.paytrace.com)"),
            new Variable(PAYTRACE_USERNAME, null, "PayTrace API user"),
            new Variable(PAYTRACE_PASSWORD, null, "PayTrace API password, never logged"),
            new Variable(PAYTRACE_INTEGRATOR_ID, "", "PayTrace integrator id, sent as integrator_id when set"),
            new Variable(PAYTRACE_MERCHANT_ZONE, "America/Los_Angeles", "time zone of the merchant account (export days are merchant-local)"),
            new Variable(GATEWAY_POLL_INTERVAL_MS, "1000", "milliseconds between polls"),
            new Variable(GATEWAY_LOOKBACK_DAYS, "1", "poll window = [today - N days, today], 0.." + MAX_LOOKBACK_DAYS),
            new Variable(GATEWAY_STATE_DIR, "./data/gateway", "directory of the poller checkpoint file"));

    public GatewayConfig {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        Objects.requireNonNull(payTraceBaseUrl, "payTraceBaseUrl");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(merchantZone, "merchantZone");
        Objects.requireNonNull(pollInterval, "pollInterval");
        Objects.requireNonNull(stateDir, "stateDir");
        if (pollInterval.isNegative() || pollInterval.isZero()) {
            throw new IllegalArgumentException("pollInterval must be positive, was " + pollInterval);
        }
        if (lookbackDays < 0 || lookbackDays > MAX_LOOKBACK_DAYS) {
            throw new IllegalArgumentException("lookbackDays must be 0.." + MAX_LOOKBACK_DAYS + ", was " + lookbackDays);
        }
        if (integratorId != null && integratorId.isBlank()) {
            integratorId = null;
        }
    }

    /** Reads the configuration; throws {@link IllegalArgumentException} naming the first bad or missing variable. */
    public static GatewayConfig fromEnv(Map<String, String> env) {
        return new GatewayConfig(
                text(env, KAFKA_BOOTSTRAP_SERVERS, "localhost:9092"),
                url(env, PAYTRACE_BASE_URL, "https://api.paytrace.com"),
                required(env, PAYTRACE_USERNAME),
                required(env, PAYTRACE_PASSWORD),
                text(env, PAYTRACE_INTEGRATOR_ID, null),
                zone(env, PAYTRACE_MERCHANT_ZONE, "America/Los_Angeles"),
                Duration.ofMillis(number(env, GATEWAY_POLL_INTERVAL_MS, 1000, 1, Integer.MAX_VALUE)),
                (int) number(env, GATEWAY_LOOKBACK_DAYS, 1, 0, MAX_LOOKBACK_DAYS),
                path(env, GATEWAY_STATE_DIR, "./data/gateway"));
    }

    /** The variables and their meaning, for {@code --help}. */
    public static String describeVariables() {
        StringBuilder out = new StringBuilder();
        for (Variable v : VARIABLES) {
            String dflt = v.defaultValue() == null ? "required" : v.defaultValue().isEmpty() ? "optional" : "default " + v.defaultValue();
            out.append(String.format("  %-26s %s (%s)%n", v.name(), v.description(), dflt));
        }
        return out.toString();
    }

    private static String text(Map<String, String> env, String name, String dflt) {
        String value = env.get(name);
        return value == null || value.isBlank() ? dflt : value.trim();
    }

    private static String required(Map<String, String> env, String name) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required but not set");
        }
        return value; // not trimmed: a password may end in a space
    }

    private static URI url(Map<String, String> env, String name, String dflt) {
        String value = text(env, name, dflt);
        try {
            URI uri = new URI(value);
            if (!("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme())) || uri.getHost() == null) {
                throw new IllegalArgumentException(name + " must be an http(s) URL with a host, was '" + value + "'");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(name + " is not a valid URL: '" + value + "'", e);
        }
    }

    private static ZoneId zone(Map<String, String> env, String name, String dflt) {
        String value = text(env, name, dflt);
        try {
            return ZoneId.of(value);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException(name + " is not a time zone id (e.g. America/Los_Angeles): '" + value + "'", e);
        }
    }

    private static long number(Map<String, String> env, String name, long dflt, long min, long max) {
        String value = text(env, name, null);
        if (value == null) {
            return dflt;
        }
        long parsed;
        try {
            parsed = Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, was '" + value + "'", e);
        }
        if (parsed < min || parsed > max) {
            throw new IllegalArgumentException(name + " must be between " + min + " and " + max + ", was " + parsed);
        }
        return parsed;
    }

    private static Path path(Map<String, String> env, String name, String dflt) {
        String value = text(env, name, dflt);
        try {
            return Path.of(value);
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException(name + " is not a valid path: '" + value + "'", e);
        }
    }

    /** The password stays out of logs. */
    @Override
    public String toString() {
        return "GatewayConfig[bootstrapServers=" + bootstrapServers + ", payTraceBaseUrl=" + payTraceBaseUrl
                + ", username=" + username + ", password=***, integratorId=" + integratorId + ", merchantZone="
                + merchantZone + ", pollInterval=" + pollInterval + ", lookbackDays=" + lookbackDays
                + ", stateDir=" + stateDir + "]";
    }
}
