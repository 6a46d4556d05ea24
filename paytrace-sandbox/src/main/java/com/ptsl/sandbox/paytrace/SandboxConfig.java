package com.ptsl.sandbox.paytrace;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Objects;

/**
 * Settings of one {@link PayTraceSandbox}.
 *
 * @param port               TCP port on 127.0.0.1; 0 picks a free one (tests run in parallel JVMs)
 * @param username           the PayTrace "API user" accepted by {@code /oauth/token}
 * @param password           its password
 * @param merchantZone       zone of the merchant account: PayTrace prints {@code created.at} and filters
 *                           export date ranges in merchant-local time, without any offset
 * @param tokenLifetime      lifetime of access tokens (PayTrace: 2 h, {@code expires_in: 7200})
 * @param firstTransactionId first id of the increasing transaction id sequence
 * @param declineHttpStatus  HTTP status of a declined sale (102). PayTrace's choice is not confirmed,
 *                           so clients must branch on {@code success}/{@code response_code}; tests can vary it
 */
public record SandboxConfig(int port, String username, String password, ZoneId merchantZone, Duration tokenLifetime,
                            long firstTransactionId, int declineHttpStatus) {

    public static final ZoneId DEFAULT_ZONE = ZoneId.of("America/Los_Angeles");

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
    }

    /** Port 0, {@code sandbox-api-user}/{@code sandbox-api-password}, America/Los_Angeles, 2 h tokens, ids from 392483000, declines with HTTP 200. */
    public static SandboxConfig defaults() {
        return new SandboxConfig(0, "sandbox-api-user", "sandbox-api-password", DEFAULT_ZONE,
                Duration.ofHours(2), 392_483_000L, 200);
    }

    public SandboxConfig withPort(int newPort) {
        return new SandboxConfig(newPort, username, password, merchantZone, tokenLifetime, firstTransactionId, declineHttpStatus);
    }

    public SandboxConfig withUsername(String newUsername) {
        return new SandboxConfig(port, newUsername, password, merchantZone, tokenLifetime, firstTransactionId, declineHttpStatus);
    }

    public SandboxConfig withPassword(String newPassword) {
        return new SandboxConfig(port, username, newPassword, merchantZone, tokenLifetime, firstTransactionId, declineHttpStatus);
    }

    public SandboxConfig withMerchantZone(ZoneId newZone) {
        return new SandboxConfig(port, username, password, newZone, tokenLifetime, firstTransactionId, declineHttpStatus);
    }

    public SandboxConfig withTokenLifetime(Duration newLifetime) {
        return new SandboxConfig(port, username, password, merchantZone, newLifetime, firstTransactionId, declineHttpStatus);
    }

    public SandboxConfig withFirstTransactionId(long newFirstId) {
        return new SandboxConfig(port, username, password, merchantZone, tokenLifetime, newFirstId, declineHttpStatus);
    }

    public SandboxConfig withDeclineHttpStatus(int newStatus) {
        return new SandboxConfig(port, username, password, merchantZone, tokenLifetime, firstTransactionId, newStatus);
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
                + ", declineHttpStatus=" + declineHttpStatus + "]";
    }
}
