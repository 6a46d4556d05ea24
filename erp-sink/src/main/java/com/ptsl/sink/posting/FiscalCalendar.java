package com.ptsl.sink.posting;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.MonthDay;
import java.util.ArrayList;
import java.util.List;

/**
 * SL's fiscal calendar from GLSetup (NbrPer, FiscalPerEnd00..12, BegFiscalYr): which period YYYYPP a
 * date posts to. Periods are not calendar months in general (dynamics-sl.md §1).
 *
 * <p>How the GLSetup columns are read, from SL's own procedures in the reference database
 * (ccarson/TimelyFish: ADG_GLPeriod_GetEndDateAndYear, ReverseGL), because the column names alone
 * are ambiguous:
 * <ul>
 *   <li>{@code FiscalPerEnd00} is the end (MMDD) of period <b>01</b>, {@code FiscalPerEnd01} of period 02, …,
 *       {@code FiscalPerEnd(NbrPer-1)} of the last period (SL: "if NbrPer = 12 then LastPerEnd = FiscalPerEnd11").</li>
 *   <li>{@code BegFiscalYr = 1}: the fiscal year is named after the calendar year it begins in, so a
 *       period whose end MMDD is before period 01's end falls in the next calendar year.
 *       {@code BegFiscalYr = 0}: named after the year it ends in, so a period whose end MMDD is after
 *       the last period's end falls in the previous calendar year. Any other value is treated as 1
 *       (SL smallint flags are "non-zero = yes"); for a calendar-year calendar both give the same periods.</li>
 *   <li>A date belongs to the first period whose end date is on or after it; a 13th period that ends
 *       on the same day as the 12th (an adjustment period) therefore never receives a date.</li>
 *   <li>An end of 0229 means the last day of February in years that have no 29th.</li>
 * </ul>
 */
public final class FiscalCalendar {

    private final int periods;
    private final List<MonthDay> ends;
    private final boolean namedByBeginningYear;

    /**
     * @param periodEnds MMDD of each period's end, period 01 first (FiscalPerEnd00, FiscalPerEnd01, …);
     *                   only the first {@code nbrPer} are used
     */
    public FiscalCalendar(int nbrPer, List<String> periodEnds, int begFiscalYr) {
        if (nbrPer < 1 || nbrPer > 13) {
            throw new IllegalArgumentException("GLSetup.NbrPer must be 1..13, is " + nbrPer);
        }
        if (periodEnds.size() < nbrPer) {
            throw new IllegalArgumentException("GLSetup has " + periodEnds.size() + " period ends for NbrPer " + nbrPer);
        }
        this.periods = nbrPer;
        List<MonthDay> parsed = new ArrayList<>();
        for (int i = 0; i < nbrPer; i++) {
            parsed.add(parse(periodEnds.get(i), i));
        }
        this.ends = List.copyOf(parsed);
        this.namedByBeginningYear = begFiscalYr != 0;
        checkConsistent();
    }

    /** Twelve periods ending on the last day of each month; what most SL sites use. */
    public static FiscalCalendar calendarYear() {
        return new FiscalCalendar(12, List.of("0131", "0229", "0331", "0430", "0531", "0630", "0731", "0831", "0930",
                "1031", "1130", "1231"), 1);
    }

    public int periods() {
        return periods;
    }

    /** The period YYYYPP the date posts to. */
    public String period(LocalDate date) {
        int y = date.getYear();
        for (int fiscalYear = y - 1; fiscalYear <= y + 1; fiscalYear++) {
            for (int p = 1; p <= periods; p++) {
                if (!endOf(fiscalYear, p).isBefore(date)) {
                    return format(fiscalYear, p);
                }
            }
        }
        throw new IllegalStateException("No fiscal period found for " + date); // unreachable for a consistent calendar
    }

    /** The period after {@code period} (YYYYPP): PP + 1, or period 01 of the next fiscal year after the last one. */
    public String next(String period) {
        if (period == null || !period.matches("\\d{6}")) {
            throw new IllegalArgumentException("not a YYYYPP period: '" + period + "'");
        }
        int fiscalYear = Integer.parseInt(period.substring(0, 4));
        int p = Integer.parseInt(period.substring(4));
        return p >= periods ? format(fiscalYear + 1, 1) : format(fiscalYear, p + 1);
    }

    /** FiscYr columns: the left four characters of a period. */
    public static String fiscalYear(String period) {
        return period.substring(0, 4);
    }

    /** The last day of period {@code p} of fiscal year {@code fiscalYear}. */
    public LocalDate endOf(int fiscalYear, int p) {
        MonthDay end = ends.get(p - 1);
        int calendarYear = fiscalYear;
        if (namedByBeginningYear && end.isBefore(ends.get(0))) {
            calendarYear++;
        } else if (!namedByBeginningYear && end.isAfter(ends.get(periods - 1))) {
            calendarYear--;
        }
        return end.atYear(calendarYear); // MonthDay.atYear turns Feb 29 into Feb 28 in common years
    }

    private static String format(int fiscalYear, int period) {
        return String.format("%04d%02d", fiscalYear, period);
    }

    private static MonthDay parse(String mmdd, int index) {
        String v = mmdd == null ? "" : mmdd.strip();
        if (v.length() == 3) {
            v = "0" + v; // SL pads "131" to "0131" itself (ADG_GLPeriod_GetEndDateAndYear)
        }
        try {
            if (v.length() != 4) {
                throw new DateTimeException("not MMDD");
            }
            return MonthDay.of(Integer.parseInt(v.substring(0, 2)), Integer.parseInt(v.substring(2)));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(String.format("GLSetup.FiscalPerEnd%02d (end of period %02d) is '%s', not an MMDD date",
                    index, index + 1, mmdd));
        }
    }

    /** Period ends must run forward through three consecutive fiscal years, else dates would map ambiguously. */
    private void checkConsistent() {
        LocalDate previous = null;
        for (int fy = 2000; fy <= 2002; fy++) {
            for (int p = 1; p <= periods; p++) {
                LocalDate end = endOf(fy, p);
                if (previous != null && end.isBefore(previous)) {
                    throw new IllegalArgumentException("GLSetup fiscal calendar runs backwards: period " + format(fy, p)
                            + " ends " + end + ", before the previous period's end " + previous + " (ends " + ends + ")");
                }
                previous = end;
            }
        }
        LocalDate firstEnd = endOf(2001, 1);
        LocalDate lastEnd = endOf(2001, periods);
        if (lastEnd.isBefore(firstEnd) || !lastEnd.isBefore(firstEnd.plusYears(1))) {
            throw new IllegalArgumentException("GLSetup fiscal calendar does not span one year: period 01 ends " + firstEnd
                    + ", period " + periods + " ends " + lastEnd);
        }
    }
}
