package com.ptsl.reconciler;

import com.ptsl.reconciler.report.Report;

import java.time.Duration;

/**
 * Replays a window of the event log and compares it with SL and with PayTrace's settlement batches.
 *
 * <p>It reads paytrace.transactions.raw and paytrace.batches.raw from the window's start to the end offsets taken when it
 * starts (its own consumers: assign + offsetsForTimes, no group, never a commit), folds each transaction to its final
 * state, reads erp.commands and payments.review, reads SL read-only in a few set-based queries, puts every transaction
 * of the window into exactly one {@link com.ptsl.reconciler.report.Category}, compares every settlement batch with
 * SL, and totals per day, settlement batch and customer. With {@code redrive} it sends each missing posting to
 * erp.commands again with a deterministic commandId, and nothing else.
 */
public final class Reconciler {

    private Reconciler() {
    }

    /** Reads, compares, re-drives if asked, and returns the complete report. */
    public static Report run(ReconcileOptions options) throws ReconcileException {
        return run(options, Reconciliation.ACCESS_TIMEOUT);
    }

    /** As {@link #run(ReconcileOptions)}, giving up on an unreachable broker or database after {@code accessTimeout}. */
    static Report run(ReconcileOptions options, Duration accessTimeout) throws ReconcileException {
        return new Reconciliation(options, accessTimeout).run();
    }
}
