package com.ptsl.sandbox.paytrace.auth;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Issues and checks bearer tokens. Tokens look like PayTrace's ({@code <hex>:<hex>:<hex>}) and are random, so a
 * client cannot forge or predict them. Thread-safe: token calls and API calls arrive concurrently.
 */
public final class TokenService {

    /** What an API call learns from its token. */
    public enum Status { VALID, UNKNOWN, EXPIRED }

    public record Check(Status status, String username) {
    }

    public record IssuedToken(String accessToken, String username, Instant createdAt, Instant expiresAt) {
        /** Seconds the client is told, as {@code expires_in}. */
        public long expiresInSeconds() {
            return Duration.between(createdAt, expiresAt).toSeconds();
        }
    }

    /** Expired tokens are remembered this long so their holders hear "expired" rather than "invalid". */
    private static final Duration FORGET_AFTER = Duration.ofDays(1);

    private final Map<String, IssuedToken> tokens = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final HexFormat hex = HexFormat.of();
    private final Clock clock;
    private final Duration lifetime;

    public TokenService(Clock clock, Duration lifetime) {
        this.clock = clock;
        this.lifetime = lifetime;
    }

    public IssuedToken issue(String username) {
        Instant now = clock.instant();
        forgetOldTokens(now);
        // Seconds precision: created_at is epoch seconds and expires_in whole seconds.
        Instant createdAt = Instant.ofEpochSecond(now.getEpochSecond());
        IssuedToken token = new IssuedToken(newTokenValue(), username, createdAt, createdAt.plus(lifetime));
        tokens.put(token.accessToken(), token);
        return token;
    }

    public Check check(String accessToken) {
        IssuedToken token = accessToken == null ? null : tokens.get(accessToken);
        if (token == null) {
            return new Check(Status.UNKNOWN, null);
        }
        if (!clock.instant().isBefore(token.expiresAt())) {
            return new Check(Status.EXPIRED, token.username());
        }
        return new Check(Status.VALID, token.username());
    }

    /** Fault injection: every token issued so far is expired from now on. */
    public void expireAll() {
        Instant now = clock.instant();
        tokens.replaceAll((value, token) -> token.expiresAt().isAfter(now)
                ? new IssuedToken(value, token.username(), token.createdAt(), now)
                : token);
    }

    private String newTokenValue() {
        byte[] bytes = new byte[16];
        StringBuilder value = new StringBuilder(98);
        for (int part = 0; part < 3; part++) {
            random.nextBytes(bytes);
            if (part > 0) {
                value.append(':');
            }
            value.append(hex.formatHex(bytes));
        }
        return value.toString();
    }

    private void forgetOldTokens(Instant now) {
        Instant cutoff = now.minus(FORGET_AFTER);
        tokens.values().removeIf(token -> token.expiresAt().isBefore(cutoff));
    }
}
