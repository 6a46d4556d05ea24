package com.ptsl.gateway.paytrace;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/** What the poller needs from PayTrace's transaction exports: records verbatim, by day range or by id. */
public interface TransactionExport {

    /**
     * Every transaction created on the merchant-local days [start, end], both inclusive.
     *
     * @throws PayTraceException when PayTrace cannot answer (transient) or refuses (permanent)
     */
    List<ObjectNode> exportByDateRange(LocalDate start, LocalDate end);

    /**
     * The current record of one transaction, or empty if PayTrace does not know the id.
     *
     * @throws PayTraceException when PayTrace cannot answer (transient) or refuses (permanent)
     */
    Optional<ObjectNode> exportById(long transactionId);
}
