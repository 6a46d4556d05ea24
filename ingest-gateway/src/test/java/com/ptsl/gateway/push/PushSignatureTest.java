package com.ptsl.gateway.push;

import com.ptsl.gateway.paytrace.MutableClock;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

class PushSignatureTest {

    private static final String SECRET = "test-secret-0123456789";
    private static final String PREVIOUS = "older-secret-0123456789";
    private static final long TS = 1_767_225_600L;
    private static final byte[] BODY = "{\"transaction_id\":123456789,\"amount\":10.5}".getBytes(StandardCharsets.UTF_8);

    private final MutableClock clock = new MutableClock(Instant.ofEpochSecond(TS));
    private final PushAuthenticator current = new PushAuthenticator(List.of(SECRET), Duration.ofSeconds(300), clock);
    private final PushAuthenticator rotating = new PushAuthenticator(List.of(SECRET, PREVIOUS), Duration.ofSeconds(300), clock);

    @Test
    void matchesWhatOpensslComputes() {
        // printf '%s.%s' 1767225600 '{"transaction_id":123456789,"amount":10.5}' \
        //   | openssl dgst -sha256 -hmac test-secret-0123456789 -hex
        assertThat(PushSignature.header(SECRET, TS, BODY))
                .isEqualTo("v1=97c11f6eb56b801ff15012cabfa56158e4cd347ab01cd397c0fbd80ea6693d89");
    }

    @Test
    void acceptsTheCurrentSecretAndDuringARotationThePreviousOne() {
        assertThat(current.problem(Long.toString(TS), PushSignature.header(SECRET, TS, BODY), BODY)).isNull();
        assertThat(rotating.problem(Long.toString(TS), PushSignature.header(PREVIOUS, TS, BODY), BODY)).isNull();
        assertThat(current.problem(Long.toString(TS), PushSignature.header(PREVIOUS, TS, BODY), BODY))
                .contains("does not match");
        // Hex case is not part of the secret.
        assertThat(current.problem(Long.toString(TS), PushSignature.header(SECRET, TS, BODY).toUpperCase(Locale.ROOT)
                .replace("V1=", "v1="), BODY)).isNull();
    }

    @Test
    void refusesAChangedBodyOrTimestamp() {
        String signature = PushSignature.header(SECRET, TS, BODY);
        byte[] changed = "{\"transaction_id\":123456789,\"amount\":99.5}".getBytes(StandardCharsets.UTF_8);
        assertThat(current.problem(Long.toString(TS), signature, changed)).contains("does not match");
        assertThat(current.problem(Long.toString(TS + 1), signature, BODY)).contains("does not match");
    }

    @Test
    void refusesTimestampsOutsideTheReplayWindowEitherWay() {
        String signature = PushSignature.header(SECRET, TS, BODY);
        clock.advance(Duration.ofSeconds(300));
        assertThat(current.problem(Long.toString(TS), signature, BODY)).isNull();
        clock.advance(Duration.ofSeconds(1));
        assertThat(current.problem(Long.toString(TS), signature, BODY)).contains("301 s away").contains("±300 s");
        clock.advance(Duration.ofSeconds(-602)); // the sender's clock 301 s ahead
        assertThat(current.problem(Long.toString(TS), signature, BODY)).contains("301 s away");
    }

    @Test
    void namesWhatIsMissingOrMalformed() {
        String signature = PushSignature.header(SECRET, TS, BODY);
        assertThat(current.problem(null, signature, BODY)).isEqualTo("missing X-PTSL-Timestamp header (unix epoch seconds)");
        assertThat(current.problem("yesterday", signature, BODY)).isEqualTo("X-PTSL-Timestamp must be unix epoch seconds");
        assertThat(current.problem("99999999999999999999", signature, BODY)).contains("must be unix epoch seconds");
        assertThat(current.problem(Long.toString(TS), null, BODY)).startsWith("missing X-PTSL-Signature header");
        assertThat(current.problem(Long.toString(TS), signature.substring(3), BODY)).contains("must be v1=");
        assertThat(current.problem(Long.toString(TS), "v2=" + signature.substring(3), BODY)).contains("must be v1=");
        assertThat(current.problem(Long.toString(TS), signature + "00", BODY)).contains("must be v1=");
    }
}
