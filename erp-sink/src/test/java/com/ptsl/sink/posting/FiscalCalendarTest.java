package com.ptsl.sink.posting;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FiscalCalendarTest {

    /** July–June year; FiscalPerEnd00 = period 01 = July. */
    private static final List<String> JULY_TO_JUNE = List.of("0731", "0831", "0930", "1031", "1130", "1231", "0131", "0229", "0331",
            "0430", "0531", "0630");

    @Test
    void aCalendarYearMapsEachDateToItsMonth() {
        FiscalCalendar calendar = FiscalCalendar.calendarYear();

        assertThat(calendar.period(LocalDate.of(2026, 1, 1))).isEqualTo("202601");
        assertThat(calendar.period(LocalDate.of(2026, 1, 31))).isEqualTo("202601");
        assertThat(calendar.period(LocalDate.of(2026, 2, 1))).isEqualTo("202602");
        assertThat(calendar.period(LocalDate.of(2026, 2, 28))).isEqualTo("202602");
        assertThat(calendar.period(LocalDate.of(2024, 2, 29))).isEqualTo("202402");
        assertThat(calendar.period(LocalDate.of(2026, 12, 31))).isEqualTo("202612");
    }

    @Test
    void fiscalPerEnd00IsTheEndOfPeriodOne() {
        // What SL's GLSetup holds for a calendar year: 0131 in FiscalPerEnd00 (SL's ReverseGL: "WHEN 1 THEN FiscalPerEnd00").
        FiscalCalendar calendar = new FiscalCalendar(12, List.of("0131", "0228", "0331", "0430", "0531", "0630", "0731", "0831",
                "0930", "1031", "1130", "1231", "1231"), 1);

        assertThat(calendar.period(LocalDate.of(2026, 3, 15))).isEqualTo("202603");
        assertThat(calendar.endOf(2026, 1)).isEqualTo(LocalDate.of(2026, 1, 31));
    }

    @Test
    void aYearNamedByItsBeginningPutsTheSpringInTheEarlierYear() {
        FiscalCalendar calendar = new FiscalCalendar(12, JULY_TO_JUNE, 1);

        assertThat(calendar.period(LocalDate.of(2026, 7, 1))).isEqualTo("202601");
        assertThat(calendar.period(LocalDate.of(2026, 12, 31))).isEqualTo("202606");
        assertThat(calendar.period(LocalDate.of(2027, 1, 1))).isEqualTo("202607");
        assertThat(calendar.period(LocalDate.of(2027, 6, 30))).isEqualTo("202612");
        assertThat(calendar.period(LocalDate.of(2026, 6, 30))).isEqualTo("202512");
    }

    @Test
    void aYearNamedByItsEndPutsTheAutumnInTheLaterYear() {
        FiscalCalendar calendar = new FiscalCalendar(12, JULY_TO_JUNE, 0);

        assertThat(calendar.period(LocalDate.of(2026, 7, 1))).isEqualTo("202701");
        assertThat(calendar.period(LocalDate.of(2027, 6, 30))).isEqualTo("202712");
        assertThat(calendar.period(LocalDate.of(2027, 2, 28))).isEqualTo("202708");
        assertThat(calendar.endOf(2028, 8)).isEqualTo(LocalDate.of(2028, 2, 29));
    }

    @Test
    void aYearValueInBegFiscalYrIsReadAsTheBeginningFlag() {
        // Seen in the sandbox seed: BegFiscalYr = 2026. Non-zero means "named by its beginning".
        assertThat(new FiscalCalendar(12, JULY_TO_JUNE, 2026).period(LocalDate.of(2027, 1, 15))).isEqualTo("202607");
    }

    @Test
    void thirteenPeriodsWithAnAdjustmentPeriodNeverReceiveADateInPeriod13() {
        FiscalCalendar calendar = new FiscalCalendar(13, List.of("0131", "0228", "0331", "0430", "0531", "0630", "0731", "0831",
                "0930", "1031", "1130", "1231", "1231"), 1);

        assertThat(calendar.period(LocalDate.of(2026, 12, 31))).isEqualTo("202612");
        assertThat(calendar.period(LocalDate.of(2027, 1, 1))).isEqualTo("202701");
    }

    @Test
    void thePeriodAfterTheLastOfAYearIsPeriodOneOfTheNextYear() {
        FiscalCalendar thirteen = new FiscalCalendar(13, List.of("0131", "0228", "0331", "0430", "0531", "0630", "0731", "0831",
                "0930", "1031", "1130", "1231", "1231"), 1);

        assertThat(FiscalCalendar.calendarYear().next("202605")).isEqualTo("202606");
        assertThat(FiscalCalendar.calendarYear().next("202612")).isEqualTo("202701");
        assertThat(thirteen.next("202612")).isEqualTo("202613");
        assertThat(thirteen.next("202613")).isEqualTo("202701");
        assertThatThrownBy(() -> thirteen.next("2026")).hasMessageContaining("YYYYPP");
    }

    @Test
    void fourWeekPeriodsEndingMidMonthWork() {
        FiscalCalendar calendar = new FiscalCalendar(4, List.of("0315", "0615", "0915", "1215"), 1);

        assertThat(calendar.period(LocalDate.of(2026, 3, 16))).isEqualTo("202602");
        assertThat(calendar.period(LocalDate.of(2026, 12, 16))).isEqualTo("202701");
        assertThat(calendar.period(LocalDate.of(2026, 1, 5))).isEqualTo("202601");
    }

    @Test
    void aThreeDigitEndIsPaddedAsSlDoes() {
        FiscalCalendar calendar = new FiscalCalendar(2, List.of("630", "1231"), 1);

        assertThat(calendar.period(LocalDate.of(2026, 6, 30))).isEqualTo("202601");
        assertThat(calendar.period(LocalDate.of(2026, 7, 1))).isEqualTo("202602");
    }

    @Test
    void anUnusableCalendarIsRefusedWithTheColumnNamed() {
        assertThatThrownBy(() -> new FiscalCalendar(12, List.of("0131", "0231", "0331", "0430", "0531", "0630", "0731", "0831",
                "0930", "1031", "1130", "1231"), 1))
                .hasMessageContaining("FiscalPerEnd01").hasMessageContaining("period 02");
        assertThatThrownBy(() -> new FiscalCalendar(3, List.of("0331", "1231", "0630"), 1))
                .hasMessageContaining("backwards");
        assertThatThrownBy(() -> new FiscalCalendar(14, JULY_TO_JUNE, 1)).hasMessageContaining("NbrPer");
        assertThatThrownBy(() -> new FiscalCalendar(12, JULY_TO_JUNE.subList(0, 6), 1)).hasMessageContaining("NbrPer 12");
    }
}
