package com.ptsl.gateway.push;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Checks a signed push: its timestamp within the replay window (±, so a sender's clock may run a little ahead) and
 * its signature made with one of the active secrets (current and, during a rotation, previous). Signatures are
 * compared in constant time ({@link MessageDigest#isEqual}), every secret is tried, so the time taken says nothing
 * about how close a guess was. The reasons it gives are for the 401 body: they name what is wrong, never a secret
 * or the expected signature.
 */
final class PushAuthenticator {

    private static final Pattern SIGNATURE = Pattern.compile("v1=[0-9a-fA-F]{64}");
    /** Longer than any epoch-seconds value, shorter than anything worth parsing. */
    private static final int MAX_TIMESTAMP_LENGTH = 15;

    private final List<byte[]> keys;
    private final Duration replayWindow;
    private final Clock clock;

    PushAuthenticator(List<String> secrets, Duration replayWindow, Clock clock) {
        if (secrets.isEmpty()) {
            throw new IllegalArgumentException("at least one push secret is needed");
        }
        this.keys = secrets.stream().map(s -> s.getBytes(StandardCharsets.UTF_8)).toList();
        this.replayWindow = Objects.requireNonNull(replayWindow, "replayWindow");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Null when the request is authentic, else why not (for the 401 answer). */
    String problem(String timestampHeader, String signatureHeader, byte[] body) {
        if (timestampHeader == null || timestampHeader.isBlank()) {
            return "missing " + PushSignature.TIMESTAMP_HEADER + " header (unix epoch seconds)";
        }
        String ts = timestampHeader.trim();
        long epochSeconds;
        if (ts.length() > MAX_TIMESTAMP_LENGTH || !ts.chars().allMatch(Character::isDigit)) {
            return PushSignature.TIMESTAMP_HEADER + " must be unix epoch seconds";
        }
        epochSeconds = Long.parseLong(ts);
        long skew = Math.abs(clock.instant().getEpochSecond() - epochSeconds);
        if (skew > replayWindow.toSeconds()) {
            return PushSignature.TIMESTAMP_HEADER + " is " + skew + " s away from the gateway's clock (replay window ±"
                    + replayWindow.toSeconds() + " s): stale or replayed";
        }
        if (signatureHeader == null || signatureHeader.isBlank()) {
            return "missing " + PushSignature.SIGNATURE_HEADER + " header (v1=<hex HMAC-SHA256>)";
        }
        String given = signatureHeader.trim();
        if (!SIGNATURE.matcher(given).matches()) {
            return PushSignature.SIGNATURE_HEADER + " must be v1=<64 hex digits of HMAC-SHA256>";
        }
        byte[] givenBytes = given.substring(PushSignature.SCHEME.length()).toLowerCase(Locale.ROOT)
                .getBytes(StandardCharsets.US_ASCII);
        boolean matched = false;
        for (byte[] key : keys) {
            byte[] expected = HexFormat.of().formatHex(PushSignature.mac(key, epochSeconds, body))
                    .getBytes(StandardCharsets.US_ASCII);
            matched |= MessageDigest.isEqual(expected, givenBytes); // no short cut: every secret is tried
        }
        return matched ? null : PushSignature.SIGNATURE_HEADER + " does not match the body and timestamp for any "
                + "active secret";
    }
}
