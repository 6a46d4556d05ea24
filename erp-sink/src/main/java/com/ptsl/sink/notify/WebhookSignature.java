package com.ptsl.sink.notify;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

/**
 * {@code X-PTSL-Signature: sha256=<hex HMAC-SHA256(secret, timestamp + "." + body)>}, with the timestamp sent in
 * {@code X-PTSL-Timestamp} (Unix seconds). Signing the timestamp with the body lets a receiver refuse replays of an old
 * request (the Stripe / Slack scheme); the receiver recomputes the HMAC over the raw body it received and compares in
 * constant time.
 */
public final class WebhookSignature {

    public static final String TIMESTAMP_HEADER = "X-PTSL-Timestamp";
    public static final String SIGNATURE_HEADER = "X-PTSL-Signature";
    public static final String PREFIX = "sha256=";

    private final SecretKeySpec key;

    public WebhookSignature(String secret) {
        if (secret == null || secret.isEmpty()) {
            throw new IllegalArgumentException("a webhook secret is required");
        }
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    /** The header value for {@code body} sent at {@code timestamp}. */
    public String sign(String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update(timestamp.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) '.');
            return PREFIX + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 missing from the JVM", e);
        }
    }

    @Override
    public String toString() {
        return "WebhookSignature{secret=***}";
    }
}
