package com.ptsl.sandbox.paytrace;

import java.net.URI;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Objects;

/**
 * Settings of one {@link PayTraceSandbox}.
 *
 * @param port                TCP port on 127.0.0.1; 0 picks a free one (tests run in parallel JVMs)
 * @param username            the PayTrace "API user" accepted by {@code /oauth/token}
 * @param password            its password
 * @param merchantZone        zone of the merchant account: PayTrace prints {@code created.at} and filters
 *                            export date ranges in merchant-local time, without any offset
 * @param tokenLifetime       lifetime of access tokens (PayTrace: 2 h, {@code expires_in: 7200})
 * @param firstTransactionId  first id of the increasing transaction id sequence
 * @param declineHttpStatus   HTTP status of a declined sale (102). PayTrace's choice is not confirmed,
 *                            so clients must branch on {@code success}/{@code response_code}; tests can vary it
 * @param firstBatchNumber    number of the first settlement batch ({@code GB<n>}); later ones count up by one
 * @param authorizationExpiry an authorization still uncaptured this long after it was made turns N
 *                            "Authorization Expired" at the next cut-off (invented; default 7 days)
 * @param silentPostUrl       where each sale/authorization is announced as Secure Checkout's Silent Post (form
 *                            field {@code parmList}, unsigned, reference §7); null = off
 * @param pushUrl             where each sale/authorization's export record is pushed as signed JSON, as a partner
 *                            or the merchant's e-commerce platform would (invented: PayTrace itself has no push);
 *                            null = off
 * @param pushSecret          the shared HMAC secret of the push; set exactly when {@code pushUrl} is
 */
public record SandboxConfig(int port, String username, String password, ZoneId merchantZone, Duration tokenLifetime,
                            long firstTransactionId, int declineHttpStatus, int firstBatchNumber,
                            Duration authorizationExpiry, URI silentPostUrl, URI pushUrl, String pushSecret) {

    public static final ZoneId DEFAULT_ZONE = ZoneId.of("America/Los_Angeles");
    public static final int DEFAULT_FIRST_BATCH_NUMBER = 1;
    public static final Duration DEFAULT_AUTHORIZATION_EXPIRY = Duration.ofDays(7);

    public SandboxConfig {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be 0..65535, was " + port);
        }
        requireText(username, "username");
        requireText(password, "password");
        Objects.requireNonNull(merchantZone, "merchantZone");
        Objects.requireNonNull(tokenLifetime, "tokenLifetime");
        if (tokenLifetime.isNegative() || tokenLifetime.isZero() || tokenLifetime.toSeconds() < 1) {
            throw new IllegalArgumentException("tokenLifetime must be at least 1 s, was " + tokenLifetime);
        }
        if (firstTransactionId < 1) {
            throw new IllegalArgumentException("firstTransactionId must be positive, was " + firstTransactionId);
        }
        if (declineHttpStatus < 200 || declineHttpStatus > 599) {
            throw new IllegalArgumentException("declineHttpStatus must be an HTTP status, was " + declineHttpStatus);
        }
        if (firstBatchNumber < 1) {
            throw new IllegalArgumentException("firstBatchNumber must be positive, was " + firstBatchNumber);
        }
        Objects.requireNonNull(authorizationExpiry, "authorizationExpiry");
        if (authorizationExpiry.isNegative() || authorizationExpiry.isZero()) {
            throw new IllegalArgumentException("authorizationExpiry must be positive, was " + authorizationExpiry);
        }
        requireHttpUrl(silentPostUrl, "silentPostUrl");
        requireHttpUrl(pushUrl, "pushUrl");
        if (pushUrl != null && (pushSecret == null || pushSecret.isBlank())) {
            throw new IllegalArgumentException("pushSecret must be set when pushUrl is");
        }
        if (pushUrl == null && pushSecret != null) {
            throw new IllegalArgumentException("pushSecret is set but pushUrl is not");
        }
    }

    /** The settings before push hooks existed: no Silent Post, no partner push. */
    public SandboxConfig(int port, String username, String password, ZoneId merchantZone, Duration tokenLifetime,
                         long firstTransactionId, int declineHttpStatus, int firstBatchNumber,
                         Duration authorizationExpiry) {
        this(port, username, password, merchantZone, tokenLifetime, firstTransactionId, declineHttpStatus,
                firstBatchNumber, authorizationExpiry, null, null, null);
    }

    /** The settings before settlement existed; batches from 1, authorizations expire after 7 days. */
    public SandboxConfig(int port, String username, String password, ZoneId merchantZone, Duration tokenLifetime,
                         long firstTransactionId, int declineHttpStatus) {
        this(port, username, password, merchantZone, tokenLifetime, firstTransactionId, declineHttpStatus,
                DEFAULT_FIRST_BATCH_NUMBER, DEFAULT_AUTHORIZATION_EXPIRY);
    }

    /**
     * Port 0, {@code sandbox-api-user}/{@code sandbox-api-password}, America/Los_Angeles, 2 h tokens, ids from
     * 392483000, declines with HTTP 200, batches from 1, authorizations expire after 7 days, no Silent Post, no push.
     */
    public static SandboxConfig defaults() {
        return new SandboxConfig(0, "sandbox-api-user", "sandbox-api-password", DEFAULT_ZONE,
                Duration.ofHours(2), 392_483_000L, 200);
    }

    public SandboxConfig withPort(int newPort) {
        return new SandboxConfig(newPort, username, password, merchantZone, tokenLifetime, firstTransactionId,
                declineHttpStatus, firstBatchNumber, authorizationExpiry, silentPostUrl, pushUrl, pushSecret);
    }

    public SandboxConfig withUsername(String newUsername) {
        return new SandboxConfig(port, newUsername, password, merchantZone, tokenLifetime, firstTransactionId,
                declineHttpStatus, firstBatchNumber, authorizationExpiry, silentPostUrl, pushUrl, pushSecret);
    }

    public SandboxConfig withPassword(String newPassword) {
        return new SandboxConfig(port, username, newPassword, merchantZone, tokenLifetime, firstTransactionId,
                declineHttpStatus, firstBatchNumber, authorizationExpiry, silentPostUrl, pushUrl, pushSecret);
    }

    public SandboxConfig withMerchantZone(ZoneId newZone) {
        return new SandboxConfig(port, username, password, newZone, tokenLifetime, firstTransactionId,
                declineHttpStatus, firstBatchNumber, authorizationExpiry, silentPostUrl, pushUrl, pushSecret);
    }

    public SandboxConfig withTokenLifetime(Duration newLifetime) {
        return new SandboxConfig(port, username, password, merchantZone, newLifetime, firstTransactionId,
                declineHttpStatus, firstBatchNumber, authorizationExpiry, silentPostUrl, pushUrl, pushSecret);
    }

    public SandboxConfig withFirstTransactionId(long newFirstId) {
        return new SandboxConfig(port, username, password, merchantZone, tokenLifetime, newFirstId,
                declineHttpStatus, firstBatchNumber, authorizationExpiry, silentPostUrl, pushUrl, pushSecret);
    }

    public SandboxConfig withDeclineHttpStatus(int newStatus) {
        return new SandboxConfig(port, username, password, merchantZone, tokenLifetime, firstTransactionId,
                newStatus, firstBatchNumber, authorizationExpiry, silentPostUrl, pushUrl, pushSecret);
    }

    public SandboxConfig withFirstBatchNumber(int newFirstBatch) {
        return new SandboxConfig(port, username, password, merchantZone, tokenLifetime, firstTransactionId,
                declineHttpStatus, newFirstBatch, authorizationExpiry, silentPostUrl, pushUrl, pushSecret);
    }

    public SandboxConfig withAuthorizationExpiry(Duration newExpiry) {
        return new SandboxConfig(port, username, password, merchantZone, tokenLifetime, firstTransactionId,
                declineHttpStatus, firstBatchNumber, newExpiry, silentPostUrl, pushUrl, pushSecret);
    }

    /** Silent Post to {@code url} after each sale/authorization; null turns it off. */
    public SandboxConfig withSilentPostUrl(URI url) {
        return new SandboxConfig(port, username, password, merchantZone, tokenLifetime, firstTransactionId,
                declineHttpStatus, firstBatchNumber, authorizationExpiry, url, pushUrl, pushSecret);
    }

    /** Signed partner push to {@code url} with {@code secret} after each sale/authorization; both null turn it off. */
    public SandboxConfig withPush(URI url, String secret) {
        return new SandboxConfig(port, username, password, merchantZone, tokenLifetime, firstTransactionId,
                declineHttpStatus, firstBatchNumber, authorizationExpiry, silentPostUrl, url, secret);
    }

    /** No partner push. */
    public SandboxConfig withoutPush() {
        return withPush(null, null);
    }

    public boolean silentPostEnabled() {
        return silentPostUrl != null;
    }

    public boolean pushEnabled() {
        return pushUrl != null;
    }

    /**
     * Absolute http(s) URL with a host, or null. PayTrace demands https on port 80/443 for Silent Post; receivers on
     * loopback in tests cannot offer that, so plain http and any port are accepted (docs/sandbox-inventions.md).
     */
    private static void requireHttpUrl(URI url, String name) {
        if (url == null) {
            return;
        }
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || url.getHost() == null) {
            throw new IllegalArgumentException(name + " must be an absolute http(s) URL with a host, was " + url);
        }
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
    }

    /** The password and the push secret stay out of logs and exception messages. */
    @Override
    public String toString() {
        return "SandboxConfig[port=" + port + ", username=" + username + ", password=***, merchantZone=" + merchantZone
                + ", tokenLifetime=" + tokenLifetime + ", firstTransactionId=" + firstTransactionId
                + ", declineHttpStatus=" + declineHttpStatus + ", firstBatchNumber=" + firstBatchNumber
                + ", authorizationExpiry=" + authorizationExpiry + ", silentPostUrl=" + silentPostUrl
                + ", pushUrl=" + pushUrl + ", pushSecret=" + (pushSecret == null ? "null" : "***") + "]";
    }
}
