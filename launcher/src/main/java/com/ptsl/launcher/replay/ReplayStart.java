package com.ptsl.launcher.replay;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;

/**
 * Where a replay starts reading the event log: {@code earliest}, or an instant. Given on the command line as an ISO
 * date (the start of that day in the merchant's zone), an ISO local date-time (in that zone), or an ISO date-time with
 * an offset or {@code Z} (taken as it says).
 *
 * @param at    the instant, empty for {@code earliest}
 * @param label what the operator typed, resolved: "2026-03-02T00:00 America/Los_Angeles (2026-03-02T08:00:00Z)"
 */
public record ReplayStart(Optional<Instant> at, String label) {

    public static final String EARLIEST = "earliest";

    public static ReplayStart earliest() {
        return new ReplayStart(Optional.empty(), "the beginning of every topic (earliest)");
    }

    public boolean isEarliest() {
        return at.isEmpty();
    }

    /** Parses {@code text}; an {@link IllegalArgumentException} names what was accepted. */
    public static ReplayStart parse(String text, ZoneId zone) {
        String t = text == null ? "" : text.strip();
        if (t.toLowerCase(Locale.ROOT).equals(EARLIEST)) {
            return earliest();
        }
        try {
            Instant at = OffsetDateTime.parse(t).toInstant();
            return new ReplayStart(Optional.of(at), t + " (" + at + ")");
        } catch (DateTimeParseException notWithOffset) {
            // next: a merchant-local date-time or date
        }
        try {
            return local(LocalDateTime.parse(t), zone);
        } catch (DateTimeParseException notLocalDateTime) {
            // next: a date
        }
        try {
            return local(LocalDate.parse(t).atStartOfDay(), zone);
        } catch (DateTimeParseException notADate) {
            throw new IllegalArgumentException("--from '" + text + "' is not a time: give 'earliest', an ISO date "
                    + "(2026-03-02, the start of that day in " + zone.getId() + "), a local date-time (2026-03-02T14:30) "
                    + "or a date-time with an offset (2026-03-02T22:30:00Z)");
        }
    }

    private static ReplayStart local(LocalDateTime local, ZoneId zone) {
        Instant at = local.atZone(zone).toInstant();
        return new ReplayStart(Optional.of(at), local + " " + zone.getId() + " (" + at + ")");
    }
}
