package com.ptsl.gateway.push;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The signature of a signed push (POST /v1/push/transactions): {@code v1=<lowercase hex HMAC-SHA256(secret,
 * timestamp + "." + raw body bytes)>}, sent in {@link #SIGNATURE_HEADER} next to the unix epoch seconds in
 * {@link #TIMESTAMP_HEADER}. The timestamp is inside the signed bytes, so a captured request cannot be replayed
 * with a fresh timestamp, and the receiver refuses timestamps outside its replay window. The secret is used as its
 * UTF-8 bytes. Senders (partners, the merchant's e-commerce platform, the PayTrace sandbox) compute the same:
 *
 * <pre>{@code
 * ts=$(date +%s)
 * sig=$(printf '%s.%s' "$ts" "$body" | openssl dgst -sha256 -hmac "$secret" -hex | sed 's/^.* //')
 * curl -H "X-PTSL-Timestamp: $ts" -H "X-PTSL-Signature: v1=$sig" -H 'Content-Type: application/json' --data "$body" ...
 * }</pre>
 */
public final class PushSignature {

    /** Unix epoch seconds at which the sender signed. */
    public static final String TIMESTAMP_HEADER = "X-PTSL-Timestamp";
    /** {@code v1=<64 lowercase hex digits>}. */
    public static final String SIGNATURE_HEADER = "X-PTSL-Signature";
    /** The scheme prefix of the signature header's value. */
    public static final String SCHEME = "v1=";

    private static final String ALGORITHM = "HmacSHA256";

    private PushSignature() {
    }

    /** The {@link #SIGNATURE_HEADER} value for {@code body} signed at {@code epochSeconds} with {@code secret}. */
    public static String header(String secret, long epochSeconds, byte[] body) {
        return SCHEME + HexFormat.of().formatHex(mac(secret.getBytes(StandardCharsets.UTF_8), epochSeconds, body));
    }

    /** HMAC-SHA256(key, epochSeconds + "." + body), without copying the body. */
    static byte[] mac(byte[] key, long epochSeconds, byte[] body) {
        Objects.requireNonNull(body, "body");
        if (key.length == 0) {
            throw new IllegalArgumentException("the push secret must not be empty");
        }
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(key, ALGORITHM));
            mac.update((epochSeconds + ".").getBytes(StandardCharsets.US_ASCII));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Every Java runtime has " + ALGORITHM, e);
        }
    }
}
