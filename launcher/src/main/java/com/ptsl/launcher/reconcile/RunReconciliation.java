package com.ptsl.launcher.reconcile;

import com.ptsl.launcher.EmbeddedPipeline;
import com.ptsl.reconciler.ReconcileException;
import com.ptsl.reconciler.ReconcileOptions;
import com.ptsl.reconciler.Reconciler;
import com.ptsl.reconciler.report.CsvReport;
import com.ptsl.reconciler.report.HtmlReport;
import com.ptsl.reconciler.report.JsonReport;
import com.ptsl.reconciler.report.Report;
import com.ptsl.reconciler.report.ReportWriter;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * The end of {@code ptsl run}: PayTrace's last cut-off of the day, the deposits closed in SL, then the same
 * reconciliation {@code ptsl reconcile} makes, over the run's window, with its reports in the data directory.
 */
public final class RunReconciliation {

    private RunReconciliation() {
    }

    /** The report files of every format, HTML last (the one a person opens). */
    static List<Path> writeReports(Report report, Path dir) throws IOException {
        List<Path> written = new ArrayList<>();
        for (ReportWriter writer : List.<ReportWriter>of(new JsonReport(), new CsvReport(), new HtmlReport())) {
            written.add(writer.write(report, dir));
        }
        return written;
    }

    /**
     * Settles what PayTrace still holds, waits until every settlement batch of the run is an SL deposit, reconciles
     * [from, now + 1 min) and prints the summary. Returns the report, or null when it could not be made (said on out).
     */
    public static Report afterRun(EmbeddedPipeline pipeline, ZonedDateTime from, Path reportDir, Duration timeout,
                                  PrintStream out) throws InterruptedException {
        int first = pipeline.payTrace().config().firstBatchNumber();
        pipeline.payTrace().settleNow();
        int next = pipeline.payTrace().nextBatchNumber();
        out.printf("[ptsl] PayTrace's last cut-off: %d settlement batches; each closes as an SL deposit %d s after the"
                + " gateway reports it%n", next - first, pipeline.depositDelay().toSeconds());
        int recorded = DepositsClosed.await(pipeline.sl(), first, next, timeout, line -> out.println("[ptsl] " + line));
        if (recorded < next - first) {
            out.printf("[ptsl] only %d of %d settlement batches reached SL within %d s: the reconciliation will show the"
                    + " others as not recorded%n", recorded, next - first, timeout.toSeconds());
        }
        ZoneId zone = pipeline.payTrace().config().merchantZone();
        ReconcileOptions options = new ReconcileOptions(pipeline.kafka().bootstrapServers(), pipeline.sl().jdbcUrl(),
                pipeline.sl().user(), pipeline.sl().password(), from.withZoneSameInstant(zone),
                ZonedDateTime.now(zone).plusMinutes(1), zone, "PTSL", false, line -> out.println("[reconcile] " + line));
        try {
            Report report = Reconciler.run(options);
            List<Path> written = writeReports(report, reportDir);
            out.println();
            out.print(ReconcileSummary.text(report, false, written));
            return report;
        } catch (ReconcileException | IOException e) {
            out.println("[ptsl] reconciliation failed: " + e.getMessage());
            return null;
        }
    }
}
