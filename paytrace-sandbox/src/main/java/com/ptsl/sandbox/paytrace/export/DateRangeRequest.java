package com.ptsl.sandbox.paytrace.export;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.ptsl.sandbox.paytrace.dates.PayTraceDates;
import com.ptsl.sandbox.paytrace.errors.PayTraceErrors;
import com.ptsl.sandbox.paytrace.http.RequestBodies;

import java.time.LocalDate;
import java.util.Optional;

/** The required {@code start_date} and {@code end_date} (MM/DD/YYYY, inclusive) of the export calls. */
public record DateRangeRequest(LocalDate start, LocalDate end) {

    /** The range, or empty with errors 801 / 802 added for each date missing or malformed. */
    public static Optional<DateRangeRequest> read(ObjectNode body, PayTraceErrors.Collector errors) {
        Optional<LocalDate> start = PayTraceDates.parseRequestDate(RequestBodies.text(body, "start_date"));
        Optional<LocalDate> end = PayTraceDates.parseRequestDate(RequestBodies.text(body, "end_date"));
        if (start.isEmpty()) {
            errors.add(PayTraceErrors.START_DATE, PayTraceErrors.MSG_START_DATE);
        }
        if (end.isEmpty()) {
            errors.add(PayTraceErrors.END_DATE, PayTraceErrors.MSG_END_DATE);
        }
        return start.isPresent() && end.isPresent() ? Optional.of(new DateRangeRequest(start.get(), end.get())) : Optional.empty();
    }
}
