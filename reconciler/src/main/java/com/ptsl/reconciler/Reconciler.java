package com.ptsl.reconciler;

import com.ptsl.reconciler.report.Report;

/** Replays a window of the event log and compares it with SL and with PayTrace's settlement batches. */
public final class Reconciler {

    private Reconciler() {
    }

    /** Reads, compares, re-drives if asked, and returns the complete report. */
    public static Report run(ReconcileOptions options) throws ReconcileException {
        throw new UnsupportedOperationException("not built yet");
    }
}
