package com.ptsl.sink.feed;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * How the SL → Kafka feed runs: whether at all, how often it looks for changes, how often it reconciles the
 * whole open set, and which Customer user field holds the PayTrace vault customer_id.
 *
 * @param vaultField one of {@link #VAULT_FIELDS}, spelled as SL spells the column
 */
public record FeedSettings(boolean enabled, Duration interval, Duration sweepInterval, String vaultField) {

    /** Customer's char user fields (User3/4 are float, User7/8 dates): the only ones that can hold an id. */
    public static final List<String> VAULT_FIELDS = List.of("User1", "User2", "User5", "User6");

    public FeedSettings {
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(sweepInterval, "sweepInterval");
        if (interval.isNegative() || interval.isZero() || sweepInterval.isNegative() || sweepInterval.isZero()) {
            throw new IllegalArgumentException("feed intervals must be positive");
        }
        vaultField = vaultColumn(vaultField);
    }

    public static FeedSettings defaults() {
        return new FeedSettings(true, Duration.ofMillis(200), Duration.ofMinutes(5), "User2");
    }

    /** The readiness limit: a feed that has not completed a cycle for this long is not keeping SL's view fresh. */
    public Duration staleAfter() {
        Duration tenCycles = interval.multipliedBy(10);
        return tenCycles.compareTo(Duration.ofSeconds(5)) > 0 ? tenCycles : Duration.ofSeconds(5);
    }

    public FeedSettings withEnabled(boolean on) {
        return new FeedSettings(on, interval, sweepInterval, vaultField);
    }

    public FeedSettings withSweepInterval(Duration every) {
        return new FeedSettings(enabled, interval, every, vaultField);
    }

    /**
     * The column name for a user-supplied field name, case-insensitively (SL's collation is); the name is
     * later concatenated into SQL, so only the four listed names ever get through.
     */
    public static String vaultColumn(String field) {
        String f = field == null ? "" : field.strip();
        for (String allowed : VAULT_FIELDS) {
            if (allowed.equalsIgnoreCase(f)) {
                return allowed;
            }
        }
        throw new IllegalArgumentException("must be one of the Customer char user fields " + String.join(", ", VAULT_FIELDS)
                + ", was '" + f + "'");
    }

    /** true or false. */
    public static boolean flag(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        if (t.equals("true") || t.equals("false")) {
            return Boolean.parseBoolean(t);
        }
        throw new IllegalArgumentException("must be true or false, was '" + text + "'");
    }
}
