package com.ptsl.sandbox.sl;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;

/** Dynamics SL value conventions (shared/reference/dynamics-sl.md §1), in one place. */
public final class SlValues {

    /** SL never stores NULL dates: "empty" is 1900-01-01 (the column default '01/01/1900'). */
    public static final LocalDate EMPTY_DATE = LocalDate.of(1900, 1, 1);
    /** Empty text is a blank; char(n) pads it to the declared width. */
    public static final String BLANK = " ";
    /** Currncy.DecPl of the base currency (USD) in the sandbox. */
    public static final int MONEY_SCALE = 2;

    private SlValues() {
    }

    /** SL rounds amounts to Currncy.DecPl before storing them in float(53) columns. */
    public static BigDecimal money(BigDecimal amount) {
        return amount.setScale(MONEY_SCALE, RoundingMode.HALF_UP);
    }

    /** A float(53) amount read back: rounded to 2 dp so float noise never leaks (SL compares via DEC(28,3)). */
    public static BigDecimal money(double amount) {
        return money(BigDecimal.valueOf(amount));
    }

    /** char(n) values come back blank-padded; SL code compares them RTRIMmed. */
    public static String rtrim(String value) {
        return value == null ? null : value.stripTrailing();
    }

    /** smalldatetime has minute precision; H2 keeps seconds, so round in code (build-notes, H2 section). */
    public static LocalDateTime smallDateTime(LocalDateTime value) {
        LocalDateTime truncated = value.truncatedTo(ChronoUnit.MINUTES);
        // SQL Server rounds smalldatetime to the nearest minute rather than truncating.
        return value.getSecond() >= 30 ? truncated.plusMinutes(1) : truncated;
    }

    /** Now, to the minute: what SL's "now" column default and GETDATE()-based audit columns hold. */
    public static LocalDateTime now() {
        return smallDateTime(LocalDateTime.now());
    }

    /**
     * Period YYYYPP for a calendar fiscal year (GLSetup.BegFiscalYr = the calendar year, NbrPer 12):
     * the fiscal period equals the month. SL periods are not calendar months in general (dynamics-sl.md §1).
     */
    public static String period(YearMonth month) {
        return String.format("%04d%02d", month.getYear(), month.getMonthValue());
    }

    /** Period YYYYPP of a date in a calendar fiscal year. */
    public static String period(LocalDate date) {
        return period(YearMonth.from(date));
    }

    /** FiscYr columns: the left 4 characters of the period. */
    public static String fiscalYear(String period) {
        return period.substring(0, 4);
    }

    /** SL document and batch numbers are zero-padded numbers (ARAutoBatchNbr pads to at least 6 digits). */
    public static String zeroPad(long number, int width) {
        return String.format("%0" + width + "d", number);
    }
}
