package com.ptsl.launcher.reconcile;

import com.ptsl.reconciler.report.Window;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * Turns {@code --from}/{@code --to} as a person types them into the window [from, to) in the merchant's zone:
 * {@code today}, {@code yesterday}, {@code now}, an ISO date ({@code 2026-12-01}), an ISO local date-time
 * ({@code 2026-12-01T08:00}, a space for the T is fine) read in the zone, or a date-time with an offset
 * ({@code 2026-12-01T08:00-08:00}, {@code …Z}) converted to it.
 *
 * <p>A day means its start as {@code --from} and its end (the next day's start) as {@code --to}, so
 * {@code --from 2026-12-01 --to 2026-12-01} is that whole day. Without {@code --to} the window ends at the end of
 * {@code --from}'s day. Days start at the zone's midnight, whatever a DST change does to their length.
 */
final class WindowArguments {

    static final String FORMS = "today, yesterday, now, a date like 2026-12-01, or a date-time like 2026-12-01T08:00";

    /** Bad {@code --from}/{@code --to}; the message names the option and the value. */
    static final class BadWindow extends Exception {
        BadWindow(String message) {
            super(message);
        }
    }

    /** A parsed argument: a whole day, or an instant. */
    private record When(LocalDate day, ZonedDateTime at) {
        ZonedDateTime asStart(ZoneId zone) {
            return day != null ? day.atStartOfDay(zone) : at;
        }

        ZonedDateTime asEnd(ZoneId zone) {
            return day != null ? day.plusDays(1).atStartOfDay(zone) : at;
        }

        LocalDate dayIn(ZoneId zone) {
            return day != null ? day : at.withZoneSameInstant(zone).toLocalDate();
        }
    }

    private WindowArguments() {
    }

    static Window resolve(String from, String to, ZoneId zone, Clock clock) throws BadWindow {
        When start = parse("--from", from, zone, clock);
        ZonedDateTime fromAt = start.asStart(zone);
        ZonedDateTime toAt = to == null || to.isBlank()
                ? start.dayIn(zone).plusDays(1).atStartOfDay(zone)
                : parse("--to", to, zone, clock).asEnd(zone);
        if (!toAt.isAfter(fromAt)) {
            throw new BadWindow("--to " + (to == null ? "(end of --from's day)" : to.strip()) + " is not after --from "
                    + from.strip() + ": the window " + fromAt.toLocalDateTime() + " to " + toAt.toLocalDateTime() + " ("
                    + zone.getId() + ") would be empty");
        }
        return new Window(fromAt, toAt, zone);
    }

    private static When parse(String option, String value, ZoneId zone, Clock clock) throws BadWindow {
        if (value == null || value.isBlank()) {
            throw new BadWindow(option + " is empty: give " + FORMS);
        }
        String text = value.strip();
        LocalDate today = LocalDate.now(clock.withZone(zone));
        switch (text.toLowerCase(Locale.ROOT)) {
            case "today":
                return new When(today, null);
            case "yesterday":
                return new When(today.minusDays(1), null);
            case "now":
                return new When(null, ZonedDateTime.now(clock.withZone(zone)).withNano(0));
            default:
                break;
        }
        try {
            if (text.length() == 10) {
                return new When(LocalDate.parse(text), null);
            }
            String iso = text.length() > 10 && text.charAt(10) == ' ' ? text.substring(0, 10) + 'T' + text.substring(11) : text;
            if (iso.endsWith("Z") || iso.lastIndexOf('+') > 10 || iso.lastIndexOf('-') > 10) {
                return new When(null, OffsetDateTime.parse(iso).atZoneSameInstant(zone));
            }
            return new When(null, LocalDateTime.parse(iso).atZone(zone));
        } catch (DateTimeParseException e) {
            throw new BadWindow(option + " " + text + ": not a time; give " + FORMS);
        } catch (DateTimeException e) {
            throw new BadWindow(option + " " + text + ": " + e.getMessage());
        }
    }
}
