package com.ptsl.sink;

import com.ptsl.sink.posting.CashAccount;
import com.ptsl.sink.posting.PostingSettings;
import com.ptsl.sink.sql.dialect.SqlDialect;

import java.util.List;
import java.util.Map;

/**
 * Everything the sink is told from outside, read from environment variables (the same names in the
 * launcher, in docker-compose and on a server). Secrets are kept out of {@link #toString()}.
 */
public record SinkConfig(String bootstrapServers, String groupId, String jdbcUrl, String dbUser, String dbPassword,
                         PostingSettings posting, int maxPollRecords, int maxPollIntervalMs, int lockTimeoutMs) {

    /** A variable the sink reads: for --help and for error messages. */
    public record Variable(String name, String defaultValue, String description) {
    }

    public static final List<Variable> VARIABLES = List.of(
            new Variable("KAFKA_BOOTSTRAP_SERVERS", "localhost:9092", "Kafka brokers"),
            new Variable("SINK_GROUP_ID", "ptsl-erp-sink", "consumer group; also the key of the offsets kept in PTSL_KafkaOffsets"),
            new Variable("SL_JDBC_URL", null, "JDBC URL of the SL application database (jdbc:sqlserver:... or jdbc:h2:...), required"),
            new Variable("SL_DB_USER", "", "database user"),
            new Variable("SL_DB_PASSWORD", "", "database password (never logged)"),
            new Variable("SL_CPNY_ID", "PTSL", "SL company (CpnyID) the payments are posted to"),
            new Variable("SL_CARD_CASH_ACCT", "1010", "cash account of card payments (the card clearing account)"),
            new Variable("SL_CARD_CASH_SUB", "00-000-00", "its subaccount"),
            new Variable("SL_ACH_CASH_ACCT", "1020", "cash account of ACH payments"),
            new Variable("SL_ACH_CASH_SUB", "00-000-00", "its subaccount"),
            new Variable("SL_BATCH_STATUS", "B", "status of the integration's batches: B (balanced, ready to release) or H (on hold for review)"),
            new Variable("SL_PROG", "PTSL", "program id written to Crtd_Prog/LUpd_Prog; marks the integration's batches (max 8)"),
            new Variable("SL_USER", "PTSL", "user id written to Crtd_User/LUpd_User (max 10)"),
            new Variable("SINK_MAX_POLL_RECORDS", "200", "commands per poll, i.e. per SQL transaction"),
            new Variable("SINK_MAX_POLL_INTERVAL_MS", "300000", "Kafka max.poll.interval.ms: how long one poll batch may take"),
            new Variable("SL_LOCK_TIMEOUT_MS", "10000", "longest wait for an SL row lock before the batch is retried"));

    public SinkConfig {
        require("KAFKA_BOOTSTRAP_SERVERS", bootstrapServers);
        require("SINK_GROUP_ID", groupId);
        require("SL_JDBC_URL", jdbcUrl);
        try {
            SqlDialect.forJdbcUrl(jdbcUrl);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
        if (posting == null) {
            throw new IllegalArgumentException("posting settings are required");
        }
        dbUser = dbUser == null ? "" : dbUser;
        dbPassword = dbPassword == null ? "" : dbPassword;
    }

    public static SinkConfig fromEnv(Map<String, String> env) {
        Env e = new Env(env);
        PostingSettings posting;
        String status = e.get("SL_BATCH_STATUS");
        if (!status.equals("B") && !status.equals("H")) {
            throw new IllegalArgumentException("SL_BATCH_STATUS must be B (balanced) or H (on hold), got '" + status + "'");
        }
        CashAccount card = e.cash("SL_CARD_CASH_ACCT", "SL_CARD_CASH_SUB");
        CashAccount ach = e.cash("SL_ACH_CASH_ACCT", "SL_ACH_CASH_SUB");
        String cpny = e.text("SL_CPNY_ID", 10);
        String prog = e.text("SL_PROG", 8);
        String user = e.text("SL_USER", 10);
        posting = new PostingSettings(cpny, card, ach, status, prog, user);
        return new SinkConfig(e.get("KAFKA_BOOTSTRAP_SERVERS"), e.get("SINK_GROUP_ID"), e.required("SL_JDBC_URL"),
                e.get("SL_DB_USER"), e.get("SL_DB_PASSWORD"), posting, e.positiveInt("SINK_MAX_POLL_RECORDS"),
                e.positiveInt("SINK_MAX_POLL_INTERVAL_MS"), e.positiveInt("SL_LOCK_TIMEOUT_MS"));
    }

    /** A copy with another consumer group (tests, side-by-side instances). */
    public SinkConfig withGroupId(String newGroupId) {
        return new SinkConfig(bootstrapServers, newGroupId, jdbcUrl, dbUser, dbPassword, posting, maxPollRecords,
                maxPollIntervalMs, lockTimeoutMs);
    }

    public SinkConfig withMaxPollIntervalMs(int millis) {
        return new SinkConfig(bootstrapServers, groupId, jdbcUrl, dbUser, dbPassword, posting, maxPollRecords, millis,
                lockTimeoutMs);
    }

    public SinkConfig withLockTimeoutMs(int millis) {
        return new SinkConfig(bootstrapServers, groupId, jdbcUrl, dbUser, dbPassword, posting, maxPollRecords,
                maxPollIntervalMs, millis);
    }

    public static String help() {
        StringBuilder sb = new StringBuilder("erp-sink: applies ERP commands from Kafka to the Dynamics SL database exactly once.\n\n"
                + "Environment variables:\n");
        for (Variable v : VARIABLES) {
            sb.append(String.format("  %-26s %s%s%n", v.name(), v.description(),
                    v.defaultValue() == null ? "" : v.defaultValue().isEmpty() ? " (default: empty)" : " (default: " + v.defaultValue() + ")"));
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return "SinkConfig{bootstrapServers=" + bootstrapServers + ", groupId=" + groupId + ", jdbcUrl=" + jdbcUrl.replaceAll("(?i)password=[^;]*", "password=***")
                + ", dbUser=" + dbUser + ", dbPassword=" + (dbPassword.isEmpty() ? "(none)" : "***") + ", posting=" + posting
                + ", maxPollRecords=" + maxPollRecords + ", maxPollIntervalMs=" + maxPollIntervalMs + ", lockTimeoutMs=" + lockTimeoutMs + "}";
    }

    private static void require(String name, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required");
        }
    }

    /** Reads variables with the defaults of {@link #VARIABLES}; every error names the variable. */
    private record Env(Map<String, String> env) {

        String get(String name) {
            String value = env.get(name);
            if (value != null && !value.isBlank()) {
                return value.strip();
            }
            return VARIABLES.stream().filter(v -> v.name().equals(name)).findFirst()
                    .map(v -> v.defaultValue() == null ? "" : v.defaultValue()).orElse("");
        }

        String required(String name) {
            String value = get(name);
            if (value.isEmpty()) {
                throw new IllegalArgumentException(name + " is required (" + describe(name) + ")");
            }
            return value;
        }

        String text(String name, int max) {
            String value = get(name);
            if (value.isEmpty() || value.length() > max) {
                throw new IllegalArgumentException(name + " must be 1.." + max + " characters, got '" + value + "'");
            }
            return value;
        }

        int positiveInt(String name) {
            String value = get(name);
            try {
                int n = Integer.parseInt(value);
                if (n > 0) {
                    return n;
                }
            } catch (NumberFormatException ignored) {
                // reported below
            }
            throw new IllegalArgumentException(name + " must be a positive integer, got '" + value + "'");
        }

        CashAccount cash(String acctName, String subName) {
            String acct = text(acctName, 10);
            String sub = text(subName, 24);
            return new CashAccount(acct, sub);
        }

        private static String describe(String name) {
            return VARIABLES.stream().filter(v -> v.name().equals(name)).findFirst().map(Variable::description).orElse("");
        }
    }
}
