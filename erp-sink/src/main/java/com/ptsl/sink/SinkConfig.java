package com.ptsl.sink;

import com.ptsl.service.admin.AdminConfig;
import com.ptsl.service.config.ConfigException;
import com.ptsl.service.config.Env;
import com.ptsl.service.config.Variable;
import com.ptsl.sink.deposit.DepositBatchStatus;
import com.ptsl.sink.deposit.DepositSettings;
import com.ptsl.sink.feed.FeedSettings;
import com.ptsl.sink.kafka.BackoffSettings;
import com.ptsl.sink.notify.WebhookSettings;
import com.ptsl.sink.posting.CashAccount;
import com.ptsl.sink.posting.GlAccount;
import com.ptsl.sink.posting.GlRule;
import com.ptsl.sink.posting.GlRules;
import com.ptsl.sink.posting.PostingSettings;
import com.ptsl.sink.posting.RefundPolicy;
import com.ptsl.sink.posting.SlWriter;
import com.ptsl.sink.sql.dialect.SqlDialect;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything the sink is told from outside, read from environment variables (the same names in the
 * launcher, in docker-compose and on a server). Secrets are kept out of {@link #toString()}.
 */
public record SinkConfig(String bootstrapServers, String groupId, String jdbcUrl, String dbUser, String dbPassword,
                         PostingSettings posting, int maxPollRecords, int maxPollIntervalMs, int lockTimeoutMs,
                         FeedSettings feed, AdminConfig admin, BackoffSettings retry, WebhookSettings webhook,
                         DepositSettings deposits, Duration slReread) {

    /** Prometheus scrapes the sink here unless ADMIN_PORT says otherwise. */
    public static final int DEFAULT_ADMIN_PORT = 8083;

    static final Variable KAFKA_BOOTSTRAP_SERVERS = Variable.of("KAFKA_BOOTSTRAP_SERVERS", "localhost:9092", "Kafka brokers");
    static final Variable SINK_GROUP_ID = Variable.of("SINK_GROUP_ID", "ptsl-erp-sink",
            "consumer group; also the key of the offsets kept in PTSL_KafkaOffsets");
    static final Variable SL_JDBC_URL = Variable.required("SL_JDBC_URL",
            "JDBC URL of the SL application database (jdbc:sqlserver:... or jdbc:h2:...)");
    static final Variable SL_DB_USER = Variable.optional("SL_DB_USER", "database user");
    static final Variable SL_DB_PASSWORD = Variable.secret("SL_DB_PASSWORD", "", "database password (never logged)");
    static final Variable SL_CPNY_ID = Variable.of("SL_CPNY_ID", "PTSL", "SL company (CpnyID) the payments are posted to");
    static final Variable SL_CARD_CASH_ACCT = Variable.of("SL_CARD_CASH_ACCT", "1010",
            "cash account of card payments (the card clearing account)");
    static final Variable SL_CARD_CASH_SUB = Variable.of("SL_CARD_CASH_SUB", "00-000-00", "its subaccount");
    static final Variable SL_ACH_CASH_ACCT = Variable.of("SL_ACH_CASH_ACCT", "1020", "cash account of ACH payments");
    static final Variable SL_ACH_CASH_SUB = Variable.of("SL_ACH_CASH_SUB", "00-000-00", "its subaccount");
    static final Variable SL_GL_RULES = Variable.optional("SL_GL_RULES",
            "cash/clearing account by payment method, card type and merchant account: " + GlRules.SYNTAX);
    static final Variable SL_REFUND_ACCT = Variable.optional("SL_REFUND_ACCT",
            "account the returned-goods credit memo (CM) of a refund debits; blank = ARSetup.RfndAcct");
    static final Variable SL_REFUND_SUB = Variable.optional("SL_REFUND_SUB", "its subaccount; blank = ARSetup.RfndSub");
    static final Variable SL_REFUND_POLICY = Variable.of("SL_REFUND_POLICY", "CREDIT_MEMO",
            "AR documents of a refund: CREDIT_MEMO (CM for the returned goods + cash-out DM), DEBIT_MEMO (cash-out DM: the customer"
                    + " owes it again) or REVERSE_PAYMENT (refund of a whole linked payment = NS reversal of it; otherwise DEBIT_MEMO)");
    static final Variable SL_BATCH_STATUS = Variable.of("SL_BATCH_STATUS", "B",
            "status of the integration's batches: B (balanced, ready to release) or H (on hold for review)");
    static final Variable SL_DEPOSIT_BATCH_STATUS = Variable.of("SL_DEPOSIT_BATCH_STATUS", DepositBatchStatus.KEEP.value(),
            "once PayTrace settled a batch, status of the integration's unreleased AR batches holding its documents: KEEP (leave"
                    + " them), H (on hold for review) or B (ready to release); only batches in B or H change");
    static final Variable SL_DEPOSIT_FEE_ACCT = Variable.optional("SL_DEPOSIT_FEE_ACCT",
            "account the processor fees of a settlement batch are recorded against (PTSL_Deposit; not posted to the GL, which"
                    + " needs a Cash Manager bank-charge entry); blank = none, and a batch reporting fees is rejected");
    static final Variable SL_DEPOSIT_FEE_SUB = Variable.optional("SL_DEPOSIT_FEE_SUB", "its subaccount");
    static final Variable SL_PROG = Variable.of("SL_PROG", "PTSL",
            "program id written to Crtd_Prog/LUpd_Prog; marks the integration's batches (max 8)");
    static final Variable SL_USER = Variable.of("SL_USER", "PTSL", "user id written to Crtd_User/LUpd_User (max 10)");
    static final Variable SINK_MAX_POLL_RECORDS = Variable.of("SINK_MAX_POLL_RECORDS", "1000",
            "commands per poll, i.e. per SQL transaction (their SL rows are sent as JDBC batches)");
    static final Variable SINK_SL_REREAD_MS = Variable.of("SINK_SL_REREAD_MS", Long.toString(SlWriter.DEFAULT_REREAD.toMillis()),
            "longest time the sink relies on what its last transactions knew of SL (the open payment batch's totals and next"
                    + " BatSeq, an invoice's pending applications) before summing it from SL again; what it checks every transaction"
                    + " (the Batch and invoice rows, documents added to or removed from the batch, ARTran lines written by anyone"
                    + " else) is seen at once anyway;"
                    + " 0 = sum in every transaction");
    static final Variable SINK_MAX_POLL_INTERVAL_MS = Variable.of("SINK_MAX_POLL_INTERVAL_MS", "300000",
            "Kafka max.poll.interval.ms: how long one poll batch may take");
    static final Variable SL_LOCK_TIMEOUT_MS = Variable.of("SL_LOCK_TIMEOUT_MS", "10000",
            "longest wait for an SL row lock before the batch is retried");
    static final Variable SINK_RETRY_INITIAL_MS = Variable.of("SINK_RETRY_INITIAL_MS", "200",
            "wait before retrying a batch after a transient error (partitions paused meanwhile), doubled each time, ms");
    static final Variable SINK_RETRY_MAX_MS = Variable.of("SINK_RETRY_MAX_MS", "30000", "longest such wait, ms");
    static final Variable SINK_FEED_ENABLED = Variable.of("SINK_FEED_ENABLED", "true",
            "publish SL's open invoices and customers to sl.invoices / sl.customers (true or false)");
    static final Variable SINK_FEED_INTERVAL = Variable.of("SINK_FEED_INTERVAL_MS", "200",
            "how often the feed looks for SL changes (tstamp above its high-water mark), ms");
    static final Variable SINK_FEED_SWEEP_INTERVAL = Variable.of("SINK_FEED_SWEEP_INTERVAL_MS", Long.toString(Duration.ofMinutes(5).toMillis()),
            "how often the feed compares SL's whole open set with what it published (catches deleted rows), ms");
    static final Variable SINK_FEED_VAULT_FIELD = Variable.of("SINK_FEED_VAULT_FIELD", "User2",
            "Customer column holding the PayTrace vault customer_id: User1, User2, User5 or User6");

    /** Every variable the sink reads, in --help order. */
    public static final List<Variable> VARIABLES = variables();

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
        Objects.requireNonNull(feed, "feed");
        Objects.requireNonNull(admin, "admin");
        dbUser = dbUser == null ? "" : dbUser;
        dbPassword = dbPassword == null ? "" : dbPassword;
        retry = retry == null ? BackoffSettings.STANDARD : retry;
        webhook = webhook == null ? WebhookSettings.DISABLED : webhook;
        deposits = deposits == null ? DepositSettings.DEFAULT : deposits;
        slReread = slReread == null ? SlWriter.DEFAULT_REREAD : slReread;
        if (slReread.isNegative()) {
            throw new IllegalArgumentException("SINK_SL_REREAD_MS must not be negative, was " + slReread.toMillis());
        }
    }

    public static SinkConfig fromEnv(Map<String, String> environment) {
        Env env = Env.of(environment);
        String status = env.oneOf(SL_BATCH_STATUS, List.of("B", "H"));
        CashAccount card = new CashAccount(env.text(SL_CARD_CASH_ACCT, 10), env.text(SL_CARD_CASH_SUB, 24));
        CashAccount ach = new CashAccount(env.text(SL_ACH_CASH_ACCT, 10), env.text(SL_ACH_CASH_SUB, 24));
        List<GlRule> glRules = env.parsed(SL_GL_RULES, text -> GlRules.parse(text, card, ach));
        String refundSub = env.text(SL_REFUND_SUB);
        GlAccount refundAccount = env.parsed(SL_REFUND_ACCT, acct -> GlAccount.optional(acct, refundSub));
        PostingSettings posting = new PostingSettings(env.text(SL_CPNY_ID, 10), card, ach, status, env.text(SL_PROG, 8),
                env.text(SL_USER, 10), glRules, refundAccount, env.parsed(SL_REFUND_POLICY, RefundPolicy::parse));
        FeedSettings feed = new FeedSettings(env.parsed(SINK_FEED_ENABLED, FeedSettings::flag),
                env.millis(SINK_FEED_INTERVAL), env.millis(SINK_FEED_SWEEP_INTERVAL),
                env.parsed(SINK_FEED_VAULT_FIELD, FeedSettings::vaultColumn));
        return new SinkConfig(env.text(KAFKA_BOOTSTRAP_SERVERS), env.text(SINK_GROUP_ID), env.text(SL_JDBC_URL),
                env.text(SL_DB_USER), env.text(SL_DB_PASSWORD), posting, env.positiveInt(SINK_MAX_POLL_RECORDS),
                env.positiveInt(SINK_MAX_POLL_INTERVAL_MS), env.positiveInt(SL_LOCK_TIMEOUT_MS), feed,
                AdminConfig.fromEnv(env, DEFAULT_ADMIN_PORT), retry(env), WebhookSettings.fromEnv(env), deposits(env),
                Duration.ofMillis(env.longValue(SINK_SL_REREAD_MS, 0, Duration.ofDays(1).toMillis())));
    }

    private static DepositSettings deposits(Env env) {
        DepositBatchStatus status = DepositBatchStatus.of(env.oneOf(SL_DEPOSIT_BATCH_STATUS, DepositBatchStatus.VALUES));
        String feeSub = env.text(SL_DEPOSIT_FEE_SUB);
        GlAccount feeAccount = env.parsed(SL_DEPOSIT_FEE_ACCT, acct -> GlAccount.optional(acct, feeSub));
        return new DepositSettings(status, feeAccount);
    }

    private static BackoffSettings retry(Env env) {
        Duration initial = env.millis(SINK_RETRY_INITIAL_MS);
        Duration max = env.millis(SINK_RETRY_MAX_MS);
        if (max.compareTo(initial) < 0) {
            throw new ConfigException(SINK_RETRY_MAX_MS.name(), "must not be below SINK_RETRY_INITIAL_MS ("
                    + initial.toMillis() + "), was " + max.toMillis());
        }
        return new BackoffSettings(initial, max);
    }

    /** A copy with another consumer group (tests, side-by-side instances). */
    public SinkConfig withGroupId(String newGroupId) {
        return new SinkConfig(bootstrapServers, newGroupId, jdbcUrl, dbUser, dbPassword, posting, maxPollRecords,
                maxPollIntervalMs, lockTimeoutMs, feed, admin, retry, webhook, deposits, slReread);
    }

    public SinkConfig withMaxPollIntervalMs(int millis) {
        return new SinkConfig(bootstrapServers, groupId, jdbcUrl, dbUser, dbPassword, posting, maxPollRecords, millis,
                lockTimeoutMs, feed, admin, retry, webhook, deposits, slReread);
    }

    public SinkConfig withLockTimeoutMs(int millis) {
        return new SinkConfig(bootstrapServers, groupId, jdbcUrl, dbUser, dbPassword, posting, maxPollRecords,
                maxPollIntervalMs, millis, feed, admin, retry, webhook, deposits, slReread);
    }

    /** A copy with other admin endpoints, e.g. {@link AdminConfig#ephemeral()} for tests and the launcher. */
    public SinkConfig withAdmin(AdminConfig newAdmin) {
        return new SinkConfig(bootstrapServers, groupId, jdbcUrl, dbUser, dbPassword, posting, maxPollRecords,
                maxPollIntervalMs, lockTimeoutMs, feed, newAdmin, retry, webhook, deposits, slReread);
    }

    /** A copy with other feed settings (tests: a short sweep interval, the feed off). */
    public SinkConfig withFeed(FeedSettings newFeed) {
        return new SinkConfig(bootstrapServers, groupId, jdbcUrl, dbUser, dbPassword, posting, maxPollRecords,
                maxPollIntervalMs, lockTimeoutMs, newFeed, admin, retry, webhook, deposits, slReread);
    }

    /** A copy with another backoff after transient errors (tests: a wait longer than max.poll.interval.ms). */
    public SinkConfig withRetry(BackoffSettings newRetry) {
        return new SinkConfig(bootstrapServers, groupId, jdbcUrl, dbUser, dbPassword, posting, maxPollRecords,
                maxPollIntervalMs, lockTimeoutMs, feed, admin, newRetry, webhook, deposits, slReread);
    }

    /** A copy with another outbound webhook (tests, the launcher). */
    public SinkConfig withWebhook(WebhookSettings newWebhook) {
        return new SinkConfig(bootstrapServers, groupId, jdbcUrl, dbUser, dbPassword, posting, maxPollRecords,
                maxPollIntervalMs, lockTimeoutMs, feed, admin, retry, newWebhook, deposits, slReread);
    }

    /** A copy with other deposit settings (tests: a fee account, a batch status). */
    public SinkConfig withDeposits(DepositSettings newDeposits) {
        return new SinkConfig(bootstrapServers, groupId, jdbcUrl, dbUser, dbPassword, posting, maxPollRecords,
                maxPollIntervalMs, lockTimeoutMs, feed, admin, retry, webhook, newDeposits, slReread);
    }

    public static String help() {
        return "erp-sink: applies ERP commands from Kafka to the Dynamics SL database exactly once, and publishes SL's open\n"
                + "invoices and customers to sl.invoices and sl.customers.\n\n"
                + "Environment variables:\n" + Variable.help(VARIABLES);
    }

    @Override
    public String toString() {
        return "SinkConfig{bootstrapServers=" + bootstrapServers + ", groupId=" + groupId + ", jdbcUrl=" + maskedJdbcUrl()
                + ", dbUser=" + dbUser + ", dbPassword=" + (dbPassword.isEmpty() ? "(none)" : "***") + ", posting=" + posting
                + ", maxPollRecords=" + maxPollRecords + ", maxPollIntervalMs=" + maxPollIntervalMs + ", lockTimeoutMs=" + lockTimeoutMs
                + ", feed=" + feed + ", admin=" + admin + ", retry=" + retry + ", webhook=" + webhook + ", deposits=" + deposits
                + ", slRereadMs=" + slReread.toMillis() + "}";
    }

    /** The JDBC URL with any password it carries replaced, for logs and error messages. */
    public String maskedJdbcUrl() {
        return jdbcUrl.replaceAll("(?i)password=[^;]*", "password=***");
    }

    private static List<Variable> variables() {
        List<Variable> all = new ArrayList<>(List.of(KAFKA_BOOTSTRAP_SERVERS, SINK_GROUP_ID, SL_JDBC_URL, SL_DB_USER,
                SL_DB_PASSWORD, SL_CPNY_ID, SL_CARD_CASH_ACCT, SL_CARD_CASH_SUB, SL_ACH_CASH_ACCT, SL_ACH_CASH_SUB,
                SL_GL_RULES, SL_REFUND_ACCT, SL_REFUND_SUB, SL_REFUND_POLICY,
                SL_BATCH_STATUS, SL_DEPOSIT_BATCH_STATUS, SL_DEPOSIT_FEE_ACCT, SL_DEPOSIT_FEE_SUB, SL_PROG, SL_USER,
                SINK_MAX_POLL_RECORDS, SINK_SL_REREAD_MS, SINK_MAX_POLL_INTERVAL_MS, SL_LOCK_TIMEOUT_MS,
                SINK_FEED_ENABLED, SINK_FEED_INTERVAL, SINK_FEED_SWEEP_INTERVAL, SINK_FEED_VAULT_FIELD));
        all.addAll(List.of(SINK_RETRY_INITIAL_MS, SINK_RETRY_MAX_MS));
        all.addAll(WebhookSettings.VARIABLES);
        all.addAll(AdminConfig.variables(DEFAULT_ADMIN_PORT));
        return List.copyOf(all);
    }

    private static void require(String name, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required");
        }
    }
}
