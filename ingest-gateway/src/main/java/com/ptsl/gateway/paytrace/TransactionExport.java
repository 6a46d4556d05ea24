package com.ptsl.gateway.paytrace;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.LocalDate;
import java.util.List;

/** What the poller needs from PayTrace: the transactions of a range of merchant-local days, verbatim. */
@FunctionalInterface
public interface TransactionExport {

    /**
     * Every transaction created on the days [start, end], both inclusive.
     *
     * @throws PayTraceException when PayTrace cannot answer (transient) or refuses (permanent)
     */
    List<ObjectNode> exportByDateRange(LocalDate start, LocalDate end);
}
