package com.ptsl.gateway.poll;

import com.ptsl.gateway.batch.BatchPoller;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * What one successful poll did. The transaction counts cover the window export and the re-reads by id.
 *
 * @param from                     first merchant-local day of the exported window
 * @param to                       last day (today in the merchant's zone)
 * @param swept                    whether the window was exported this poll ({@link SweepPolicy}: not while push
 *                                 is healthy and the last export was recent); re-reads by id and batches run anyway
 * @param seen                     transaction records PayTrace returned (window export and re-reads by id)
 * @param published                records acknowledged on the raw topic
 * @param unchanged                records skipped because the checkpoint already had their fingerprint
 * @param invalid                  records acknowledged on the invalid topic (no usable transaction_id)
 * @param pansScrubbed             card numbers masked in the published and invalid transaction records
 * @param publishedTransactionIds  ids of the published records, window records first, in PayTrace's order
 * @param followUpReads            re-reads by id of open transactions outside the window
 * @param openTransactions         open (not terminal) transactions in the checkpoint after the poll
 * @param batchPoll                what became of the settlement batch poll
 * @param batches                  what the batch poll did; {@link BatchPoller.Result#NONE} unless it succeeded
 */
public record PollResult(LocalDate from, LocalDate to, boolean swept, int seen, int published, int unchanged, int invalid,
                         int pansScrubbed, List<String> publishedTransactionIds, int followUpReads,
                         int openTransactions, BatchPoll batchPoll, BatchPoller.Result batches) {

    /** The settlement batch part of a poll. */
    public enum BatchPoll {
        /** Batches polled; {@link #batches()} says what was published. */
        OK,
        /** PayTrace or Kafka failed on the batch calls; counted, logged, and the transaction poll still succeeded. */
        FAILED,
        /** Not attempted: waiting out the backoff after a failed batch poll. */
        BACKING_OFF,
        /** Batch polling is switched off ({@code GATEWAY_BATCH_POLLING=false}). */
        OFF
    }

    public PollResult {
        publishedTransactionIds = List.copyOf(publishedTransactionIds);
        Objects.requireNonNull(batchPoll, "batchPoll");
        Objects.requireNonNull(batches, "batches");
    }

    public int batchesPublished() {
        return batches.published();
    }

    public List<String> publishedBatchNumbers() {
        return batches.publishedBatchNumbers();
    }
}
