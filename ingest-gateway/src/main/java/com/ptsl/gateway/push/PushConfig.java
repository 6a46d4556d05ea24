package com.ptsl.gateway.push;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Settings of the push receivers (signed push and Silent Post). They run only when a signing secret is set
 * ({@link #enabled()}): without one a signed push could not be checked, and an open port nobody uses is better
 * not opened.
 *
 * @param host                   interface the push server binds
 * @param port                   its port; 0 = any free port
 * @param secret                 current HMAC secret; null = receivers off. Never printed
 * @param previousSecret         the secret before a rotation, accepted too; null = none. Never printed
 * @param replayWindow           a signed timestamp may be this far from the gateway's clock, either way
 * @param maxBodyBytes           larger bodies are refused (413)
 * @param maxEvents              more records in one signed push are refused (413)
 * @param maxInFlight            more concurrent requests are refused (503)
 * @param ackTimeout             a signed push is answered within this; 503 if Kafka did not commit by then
 * @param transactionalId        the push producer's transactional.id: one per gateway instance
 * @param confirmsPerSecond      Silent Post confirmations (export/by_id calls) per second at most
 * @param confirmationQueue      Silent Posts waiting for confirmation at most (503 when full)
 */
public record PushConfig(String host, int port, String secret, String previousSecret, Duration replayWindow,
                         int maxBodyBytes, int maxEvents, int maxInFlight, Duration ackTimeout,
                         String transactionalId, int confirmsPerSecond, int confirmationQueue) {

    /** Prefix of the default transactional.id; the host name follows. */
    public static final String TRANSACTIONAL_ID_PREFIX = "ptsl-ingest-gateway-push";
    /** Shortest accepted secret: an HMAC key guessable by brute force protects nothing. */
    public static final int MIN_SECRET_LENGTH = 16;

    public PushConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(replayWindow, "replayWindow");
        Objects.requireNonNull(ackTimeout, "ackTimeout");
        Objects.requireNonNull(transactionalId, "transactionalId");
        secret = secret == null || secret.isEmpty() ? null : secret;
        previousSecret = previousSecret == null || previousSecret.isEmpty() ? null : previousSecret;
        if (previousSecret != null && secret == null) {
            throw new IllegalArgumentException("a previous push secret without a current one");
        }
        if (port < 0 || port > 65_535 || maxBodyBytes < 1 || maxEvents < 1 || maxInFlight < 1 || confirmsPerSecond < 1
                || confirmationQueue < 1) {
            throw new IllegalArgumentException("push limits must be positive (port 0..65535)");
        }
    }

    /** Off: no secret, so nothing would be accepted. */
    public static PushConfig off() {
        return new PushConfig("127.0.0.1", 0, null, null, Duration.ofMinutes(5), 1 << 20, 500, 64,
                Duration.ofSeconds(10), defaultTransactionalId(), 5, 10_000);
    }

    public boolean enabled() {
        return secret != null;
    }

    /** The secrets a signature may be made with: current first, then previous. */
    public List<String> secrets() {
        List<String> secrets = new ArrayList<>(2);
        if (secret != null) {
            secrets.add(secret);
        }
        if (previousSecret != null) {
            secrets.add(previousSecret);
        }
        return List.copyOf(secrets);
    }

    /**
     * {@code ptsl-ingest-gateway-push-<host name>}: unique per host, so two instances on two hosts do not fence
     * each other. Two instances on one host (or containers sharing a host name) must set
     * {@code GATEWAY_PUSH_TRANSACTIONAL_ID} each.
     */
    public static String defaultTransactionalId() {
        String host = System.getenv("HOSTNAME");
        if (host == null || host.isBlank()) {
            try {
                host = InetAddress.getLocalHost().getHostName();
            } catch (UnknownHostException e) {
                host = "localhost";
            }
        }
        return TRANSACTIONAL_ID_PREFIX + "-" + host.trim().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]", "-");
    }

    /** The same settings on another port (tests, the launcher). */
    public PushConfig withPort(int newPort) {
        return new PushConfig(host, newPort, secret, previousSecret, replayWindow, maxBodyBytes, maxEvents, maxInFlight,
                ackTimeout, transactionalId, confirmsPerSecond, confirmationQueue);
    }

    /** Secrets stay out of logs. */
    @Override
    public String toString() {
        return "PushConfig[" + (enabled() ? "on" : "off (no GATEWAY_PUSH_SECRET)") + ", host=" + host + ", port=" + port
                + ", secret=" + (secret == null ? "(none)" : "***") + ", previousSecret="
                + (previousSecret == null ? "(none)" : "***") + ", replayWindow=" + replayWindow + ", maxBodyBytes="
                + maxBodyBytes + ", maxEvents=" + maxEvents + ", maxInFlight=" + maxInFlight + ", ackTimeout="
                + ackTimeout + ", transactionalId=" + transactionalId + ", confirmsPerSecond=" + confirmsPerSecond
                + ", confirmationQueue=" + confirmationQueue + "]";
    }
}
