package com.ptsl.sink.sql;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;

/** Dynamics SL's value conventions (shared/reference/dynamics-sl.md §1) as the sink writes and reads them. */
public final class SlConventions {

    /** SL never stores NULL dates: "empty" is 1900-01-01. */
    public static final LocalDate EMPTY_DATE = LocalDate.of(1900, 1, 1);
    /** Empty text is a blank; char(n) pads it to the declared width. */
    public static final String BLANK = " ";
    /** Currncy.DecPl of a USD base currency. */
    public static final int MONEY_SCALE = 2;

    private SlConventions() {
    }

    /** Amounts are rounded to DecPl before they become float(53), as SL does. */
    public static BigDecimal money(BigDecimal amount) {
        return amount.setScale(MONEY_SCALE, RoundingMode.HALF_UP);
    }

    /** A float(53) amount read back, rounded so float noise never reaches a comparison. */
    public static BigDecimal money(double amount) {
        return money(BigDecimal.valueOf(amount));
    }

    /** The value written to a float(53) column: the decimal rounded to 2 dp, then converted. */
    public static double toFloat(BigDecimal amount) {
        return money(amount).doubleValue();
    }

    /** smalldatetime has minute precision and SQL Server rounds (>= 30 s goes up); H2 keeps seconds, so round here. */
    public static LocalDateTime smallDateTime(LocalDateTime value) {
        LocalDateTime truncated = value.truncatedTo(ChronoUnit.MINUTES);
        return value.getSecond() >= 30 ? truncated.plusMinutes(1) : truncated;
    }

    public static Timestamp timestamp(LocalDateTime value) {
        return Timestamp.valueOf(smallDateTime(value));
    }

    /** Document dates are midnight. */
    public static Timestamp timestamp(LocalDate date) {
        return Timestamp.valueOf(date.atStartOfDay());
    }

    /** char(n) comes back blank-padded; SL compares RTRIMmed. */
    public static String rtrim(String value) {
        return value == null ? "" : value.stripTrailing();
    }

    public static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    /** Cuts free text to a char(n) column's width (descriptions only; keys are validated, never cut). */
    public static String fit(String value, int width) {
        String v = value == null ? "" : value.strip();
        return v.length() <= width ? v : v.substring(0, width);
    }
}
