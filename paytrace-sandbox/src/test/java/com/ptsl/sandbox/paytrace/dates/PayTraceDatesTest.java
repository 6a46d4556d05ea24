package com.ptsl.sandbox.paytrace.dates;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;

class PayTraceDatesTest {

    @Test
    void requestDates() {
        assertThat(PayTraceDates.parseRequestDate("04/10/2015")).contains(LocalDate.of(2015, 4, 10));
        assertThat(PayTraceDates.parseRequestDate("4/1/2015")).contains(LocalDate.of(2015, 4, 1));
        assertThat(PayTraceDates.parseRequestDate("2015-04-10")).isEmpty();
        assertThat(PayTraceDates.parseRequestDate("13/01/2015")).isEmpty();
        assertThat(PayTraceDates.parseRequestDate("02/29/2023")).isEmpty();
        assertThat(PayTraceDates.parseRequestDate(null)).isEmpty();
    }

    @Test
    void timestampsAreUnpaddedMerchantLocal() {
        Instant utc = Instant.parse("2015-04-10T23:06:30Z");
        ZoneId la = ZoneId.of("America/Los_Angeles");

        assertThat(PayTraceDates.formatTimestamp(utc, la)).isEqualTo("4/10/2015 4:06:30 PM");
        assertThat(PayTraceDates.formatTimestamp(Instant.parse("2018-07-03T07:06:57Z"), la)).isEqualTo("7/3/2018 12:06:57 AM");
        assertThat(PayTraceDates.merchantDate(Instant.parse("2015-04-11T05:00:00Z"), la)).isEqualTo(LocalDate.of(2015, 4, 10));
    }
}
