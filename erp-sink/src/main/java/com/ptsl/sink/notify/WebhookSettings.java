package com.ptsl.sink.notify;

import com.ptsl.service.config.ConfigException;
import com.ptsl.service.config.Env;
import com.ptsl.service.config.Variable;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The optional outbound webhook: every ErpResult POSTed as signed JSON to a CRM or shop. Off unless SINK_WEBHOOK_URL is
 * set; then SINK_WEBHOOK_SECRET is required (an unsigned webhook could be forged by anyone who finds the URL). The
 * secret is kept out of {@link #toString()} and every message.
 */
public record WebhookSettings(URI url, String secret, int maxAttempts, Duration backoff, Duration maxBackoff, Duration timeout,
                              String groupId, String startFrom) {

    public static final Variable SINK_WEBHOOK_URL = Variable.optional("SINK_WEBHOOK_URL",
            "http(s) URL each result on erp.results is POSTed to as signed JSON; unset = no webhook");
    public static final Variable SINK_WEBHOOK_SECRET = Variable.secret("SINK_WEBHOOK_SECRET", "",
            "HMAC-SHA256 key of X-PTSL-Signature; required with SINK_WEBHOOK_URL (never logged)");
    public static final Variable SINK_WEBHOOK_MAX_ATTEMPTS = Variable.of("SINK_WEBHOOK_MAX_ATTEMPTS", "5",
            "tries per result (5xx, 408, 429, timeouts) before it goes to erp.results.webhook.dlq");
    public static final Variable SINK_WEBHOOK_BACKOFF_MS = Variable.of("SINK_WEBHOOK_BACKOFF_MS", "500",
            "wait before the first retry, doubled on each one, ms");
    public static final Variable SINK_WEBHOOK_MAX_BACKOFF_MS = Variable.of("SINK_WEBHOOK_MAX_BACKOFF_MS", "30000",
            "longest wait between two tries (also caps a Retry-After), ms");
    public static final Variable SINK_WEBHOOK_TIMEOUT_MS = Variable.of("SINK_WEBHOOK_TIMEOUT_MS", "10000",
            "connect and response timeout of one POST, ms");
    public static final Variable SINK_WEBHOOK_GROUP_ID = Variable.of("SINK_WEBHOOK_GROUP_ID", "ptsl-erp-sink-webhook",
            "consumer group of the webhook on erp.results (its committed offset = results delivered or dead-lettered)");
    public static final Variable SINK_WEBHOOK_START_FROM = Variable.of("SINK_WEBHOOK_START_FROM", "earliest",
            "where a new webhook group starts on erp.results: earliest (every result still kept) or latest (only new ones)");

    public static final List<Variable> VARIABLES = List.of(SINK_WEBHOOK_URL, SINK_WEBHOOK_SECRET, SINK_WEBHOOK_MAX_ATTEMPTS,
            SINK_WEBHOOK_BACKOFF_MS, SINK_WEBHOOK_MAX_BACKOFF_MS, SINK_WEBHOOK_TIMEOUT_MS, SINK_WEBHOOK_GROUP_ID,
            SINK_WEBHOOK_START_FROM);

    /** No webhook. */
    public static final WebhookSettings DISABLED = new WebhookSettings(null, "", 5, Duration.ofMillis(500),
            Duration.ofSeconds(30), Duration.ofSeconds(10), "ptsl-erp-sink-webhook", "earliest");

    public WebhookSettings {
        secret = secret == null ? "" : secret;
        Objects.requireNonNull(backoff, "backoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(groupId, "groupId");
        if (!List.of("earliest", "latest").contains(startFrom)) {
            throw new IllegalArgumentException("webhook startFrom must be earliest or latest, was " + startFrom);
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("webhook maxAttempts must be at least 1");
        }
        if (url != null && secret.isEmpty()) {
            throw new ConfigException(SINK_WEBHOOK_SECRET.name(), "is required when SINK_WEBHOOK_URL is set (results are signed with it)");
        }
    }

    public static WebhookSettings fromEnv(Env env) {
        String url = env.text(SINK_WEBHOOK_URL);
        if (url.isEmpty()) {
            return DISABLED;
        }
        Duration backoff = env.millis(SINK_WEBHOOK_BACKOFF_MS);
        Duration maxBackoff = env.millis(SINK_WEBHOOK_MAX_BACKOFF_MS);
        if (maxBackoff.compareTo(backoff) < 0) {
            throw new ConfigException(SINK_WEBHOOK_MAX_BACKOFF_MS.name(), "must not be below SINK_WEBHOOK_BACKOFF_MS (" + backoff.toMillis()
                    + "), was " + maxBackoff.toMillis());
        }
        return new WebhookSettings(env.httpUrl(SINK_WEBHOOK_URL), env.text(SINK_WEBHOOK_SECRET),
                env.intValue(SINK_WEBHOOK_MAX_ATTEMPTS, 1, 100), backoff, maxBackoff, env.millis(SINK_WEBHOOK_TIMEOUT_MS),
                env.text(SINK_WEBHOOK_GROUP_ID, 255), env.oneOf(SINK_WEBHOOK_START_FROM, List.of("earliest", "latest")));
    }

    public boolean enabled() {
        return url != null;
    }

    /** A copy aimed at another URL, with another secret (tests). */
    public WebhookSettings withTarget(URI newUrl, String newSecret) {
        return new WebhookSettings(newUrl, newSecret, maxAttempts, backoff, maxBackoff, timeout, groupId, startFrom);
    }

    /** A copy with other retry timings (tests: short waits). */
    public WebhookSettings withRetries(int newMaxAttempts, Duration newBackoff, Duration newMaxBackoff) {
        return new WebhookSettings(url, secret, newMaxAttempts, newBackoff, newMaxBackoff, timeout, groupId, startFrom);
    }

    /** A copy with another consumer group (tests). */
    public WebhookSettings withGroupId(String newGroupId) {
        return new WebhookSettings(url, secret, maxAttempts, backoff, maxBackoff, timeout, newGroupId, startFrom);
    }

    @Override
    public String toString() {
        if (!enabled()) {
            return "WebhookSettings{disabled}";
        }
        return "WebhookSettings{url=" + url.getScheme() + "://" + url.getAuthority() + url.getPath() + ", secret=***, maxAttempts="
                + maxAttempts + ", backoff=" + backoff.toMillis() + "..." + maxBackoff.toMillis() + " ms, timeout=" + timeout.toMillis()
                + " ms, groupId=" + groupId + ", startFrom=" + startFrom + "}";
    }
}
