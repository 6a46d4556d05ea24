package com.ptsl.reconciler.report;

import java.time.ZoneId;
import java.time.ZonedDateTime;

/** The reconciled window, [from, to), in the merchant's zone. */
public record Window(ZonedDateTime from, ZonedDateTime to, ZoneId zone) {
}
