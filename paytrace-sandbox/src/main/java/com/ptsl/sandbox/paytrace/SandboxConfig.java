package com.ptsl.sandbox.paytrace;

import java.time.Duration;
import java.time.ZoneId;
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
 */
public record SandboxConfig(int port, String username, String password, ZoneId merchantZone, Duration tokenLifetime,
                            long firstTransactionId, int declineHttpStatus, int firstBatchNumber,
                            Duration authorizationExpiry) {

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
    }

    /** The settings before settlement existed; batches from 1, authorizations expire after 7 days. */
    public SandboxConfig(int port, String username, String password, ZoneId merchantZone, Duration tokenLifetime,
                         long firstTransactionId, int declineHttpStatus) {
        this(port, username, password, merchantZone, tokenLifetime, firstTransactionId, declineHttpStatus,
                DEFAULT_FIRST_BATCH_NUMBER, DEFAULT_AUTHORIZATION_EXPIRY);
    }

    /**
     * Port 0, {@code sandbox-api-user}/{@code sandbox-api-password}, America/Los_Angeles, 2 h tokens, ids from
     * 392483000, declines with HTTP 200, batches from 1, authorizations expire after 7 days.
     */
    public static SandboxConfig defaults() {
        return new SandboxConfig(0, "sandbox-api-user", "sandbox-api-password", DEFAULT_ZONE,
                Duration.ofHours(2), 392_483_000L, 200);
    }

    public SandboxConfig withPort(int newPort) {
        return new SandboxConfig(newPort, username, password, merchantZone, tokenLifetime, firstTransactionId,
                declineHttpStatus, firstBatchNumber, authorizationExpiry);
    }

    public SandboxConfig withUsername(String newUsername) {
        return new SandboxConfig(port, newUsername, password, merchantZone, tokenLifetime, firstTransactionId,
                declineHttpStatus, firstBatchNumber, authorizationExpiry);
    }

    public SandboxConfig withPassword(String newPassword) {
        return new SandboxConfig(port, username, newPassword, merchantZone, tokenLifetime, firstTransactionId,
                declineHttpStatus, firstBatchNumber, authorizationExpiry);
    }

    public SandboxConfig withMerchantZone(ZoneId newZone) {
        return new SandboxConfig(port, username, password, newZone, tokenLifetime, firstTransactionId,
                declineHttpStatus, firstBatchNumber, authorizationExpiry);
    }

    public SandboxConfig withTokenLifetime(Duration newLifetime) {
        return new SandboxConfig(port, username, password, merchantZone, newLifetime, firstTransactionId,
                declineHttpStatus, firstBatchNumber, authorizationExpiry);
    }

    public SandboxConfig withFirstTransactionId(long newFirstId) {
        return new SandboxConfig(port, username, password, merchantZone, tokenLifetime, newFirstId,
                declineHttpStatus, firstBatchNumber, authorizationExpiry);
    }

    public SandboxConfig withDeclineHttpStatus(int newStatus) {
        return new SandboxConfig(port, username, password, merchantZone, tokenLifetime, firstTransactionId,
                newStatus, firstBatchNumber, authorizationExpiry);
    }

    public SandboxConfig withFirstBatchNumber(int newFirstBatch) {
        return new SandboxConfig(port, username, password, merchantZone, tokenLifetime, firstTransactionId,
                declineHttpStatus, newFirstBatch, authorizationExpiry);
    }

    public SandboxConfig withAuthorizationExpiry(Duration newExpiry) {
        return new SandboxConfig(port, username, password, merchantZone, tokenLifetime, firstTransactionId,
                declineHttpStatus, firstBatchNumber, newExpiry);
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
    }

    /** The password stays out of logs and exception messages. */
    @Override
    public String toString() {
        return "SandboxConfig[port=" + port + ", username=" + username + ", password=***, merchantZone=" + merchantZone
                + ", tokenLifetime=" + tokenLifetime + ", firstTransactionId=" + firstTransactionId
                + ", declineHttpStatus=" + declineHttpStatus + ", firstBatchNumber=" + firstBatchNumber
                + ", authorizationExpiry=" + authorizationExpiry + "]";
    }
}
