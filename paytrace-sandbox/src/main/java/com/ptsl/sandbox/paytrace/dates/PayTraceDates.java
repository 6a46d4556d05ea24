package com.ptsl.sandbox.paytrace.dates;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PayTrace's two date formats (reference §3.1): request dates {@code MM/DD/YYYY}; timestamps in replies
 * {@code M/D/YYYY h:mm:ss AM/PM}, unpadded, with no zone because they are merchant-local.
 */
public final class PayTraceDates {

    /** Padding optional: a Ruby {@code strptime("%m/%d/%Y")} behind the API accepts "4/1/2015" too. */
    private static final Pattern REQUEST_DATE = Pattern.compile("^(\\d{1,2})/(\\d{1,2})/(\\d{4})$");

    /** Locale fixed so AM/PM never turns into a localized marker. */
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("M/d/yyyy h:mm:ss a", Locale.US);
    private static final DateTimeFormatter REQUEST = DateTimeFormatter.ofPattern("MM/dd/yyyy", Locale.US);

    private PayTraceDates() {
    }

    /** Parses a request date; empty for anything that is not a real calendar date in MM/DD/YYYY. */
    public static Optional<LocalDate> parseRequestDate(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = REQUEST_DATE.matcher(text.trim());
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.of(Integer.parseInt(m.group(3)), Integer.parseInt(m.group(1)),
                    Integer.parseInt(m.group(2))));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    /** Formats a date the way a client sends it ({@code 04/10/2015}). */
    public static String formatRequestDate(LocalDate date) {
        return REQUEST.format(date);
    }

    /** {@code 4/10/2015 4:06:30 PM} in the merchant's zone. */
    public static String formatTimestamp(Instant instant, ZoneId merchantZone) {
        return TIMESTAMP.format(instant.atZone(merchantZone));
    }

    /** The merchant-local calendar day of an instant, which is what export date ranges filter on. */
    public static LocalDate merchantDate(Instant instant, ZoneId merchantZone) {
        return instant.atZone(merchantZone).toLocalDate();
    }
}
