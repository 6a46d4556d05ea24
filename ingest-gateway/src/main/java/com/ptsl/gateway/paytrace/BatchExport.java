package com.ptsl.gateway.paytrace;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.LocalDate;
import java.util.List;

/** What the batch poller needs from PayTrace: settlement batch summaries and their transactions, verbatim. */
public interface BatchExport {

    /**
     * {@code POST /v1/batches/export}: the summaries of the batches settled on the merchant-local days
     * [start, end], both inclusive.
     *
     * @throws PayTraceException when PayTrace cannot answer (transient) or refuses (permanent)
     */
    List<ObjectNode> exportBatches(LocalDate start, LocalDate end);

    /**
     * {@code POST /v1/batches/transaction_list}: the transaction records settled in one batch.
     *
     * @throws PayTraceException when PayTrace cannot answer (transient) or refuses (permanent)
     */
    List<ObjectNode> batchTransactions(String batchNumber);
}
