package com.ptsl.sandbox.paytrace.push;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

/**
 * Signs a partner push the way the gateway's push receiver checks it: header {@value #SIGNATURE_HEADER} =
 * {@code v1=<lowercase hex HMAC-SHA256(secret, timestamp + "." + raw body)>}, with {@value #TIMESTAMP_HEADER} =
 * the Unix time in seconds. The sandbox's own copy of the algorithm: a sender must not share code with the receiver
 * it is meant to test.
 */
public final class PushSigner {

    public static final String TIMESTAMP_HEADER = "X-PTSL-Timestamp";
    public static final String SIGNATURE_HEADER = "X-PTSL-Signature";
    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;

    public PushSigner(String secret) {
        if (secret == null || secret.isEmpty()) {
            throw new IllegalArgumentException("the push secret must not be empty");
        }
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
    }

    /** {@code v1=<hex>} for {@code body} sent at {@code epochSeconds}. */
    public String signature(long epochSeconds, byte[] body) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM); // not thread-safe: one per call, cheap next to an HTTP request
            mac.init(key);
            mac.update((epochSeconds + ".").getBytes(StandardCharsets.US_ASCII));
            mac.update(body);
            return "v1=" + HexFormat.of().formatHex(mac.doFinal());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }

    /** The secret stays out of logs. */
    @Override
    public String toString() {
        return "PushSigner[HmacSHA256, secret=***]";
    }
}
