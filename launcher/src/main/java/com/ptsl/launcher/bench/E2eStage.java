package com.ptsl.launcher.bench;

import com.ptsl.launcher.EmbeddedPipeline;
import com.ptsl.launcher.TopicFollower;
import com.ptsl.sandbox.sl.SeedSpec;
import com.ptsl.schemas.avro.ErpResult;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * End to end on the whole pipeline ({@link EmbeddedPipeline}: broker, both sandboxes, gateway, processor, sink): signed
 * pushes at each fixed rate in turn, each rate drained (every payment in SL) before the next starts so one rate's backlog
 * is not the next one's latency. The poller is held off (an hour's interval) so only pushes move.
 */
final class E2eStage {

    /** Transaction ids of the run: above the sandbox's and the push-ingest stage's, one block of ten million per rate. */
    static final long FIRST_ID = 800_000_000L;
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(60);

    private E2eStage() {
    }

    static List<BenchRow> run(BenchSizes sizes, Path dir, BenchProgress progress) {
        List<BenchRow> rows = new ArrayList<>();
        EmbeddedPipeline.Options options = new EmbeddedPipeline.Options(1, dir, false, "bench_e2e_" + ProcessHandle.current().pid(),
                IngestStages.POLL_INTERVAL_MS, SeedSpec.defaults());
        try (EmbeddedPipeline pipeline = EmbeddedPipeline.start(options, progress::line);
             TopicFollower<ErpResult, ErpResult> results = TopicFollower.results(pipeline.kafka().bootstrapServers())) {
            E2eSales sales = new E2eSales(new ExportRecords(pipeline.payTrace().config().merchantZone()), pipeline.sl().openInvoices());
            E2eRun run = new E2eRun(new PushClient(pipeline.pushUrl(), pipeline.pushSecret()), sales, results::latest,
                    sizes.e2eSenders(), DRAIN_TIMEOUT, progress::line);
            int first = sizes.e2eRates().get(0);
            double warmSeconds = Math.min(3, sizes.e2eSeconds());
            progress.line(String.format(Locale.US, "warm-up: %.0f s at %d/s (not reported)", warmSeconds, first));
            E2eRun.RateResult warm = run.run(first, warmSeconds, FIRST_ID);
            if (warm.acked() == 0) {
                // Nothing got in: every rate would fail the same way, a minute each; say so once per figure.
                failAll(rows, sizes, "the warm-up's " + warm.planned() + " pushes got no 202: " + warm.firstFailure());
                return rows;
            }
            for (int k = 0; k < sizes.e2eRates().size(); k++) {
                int rate = sizes.e2eRates().get(k);
                progress.line(String.format(Locale.US, "%d events/s for %.0f s", rate, sizes.e2eSeconds()));
                E2eRun.RateResult r = run.run(rate, sizes.e2eSeconds(), FIRST_ID + (k + 1) * 10_000_000L);
                progress.line(r.latency().count() == 0 ? rate + "/s: no payment committed in SL"
                        : String.format(Locale.US, "%d/s: p50 %d ms, p99 %d ms, p99.9 %d ms over %,d payments", rate,
                        r.latency().p50(), r.latency().p99(), r.latency().p999(), r.latency().count()));
                rows.addAll(E2eRun.rows(r, Targets.E2E_P99_MS, Targets.E2E_GOAL_RATE));
            }
        } catch (Exception | LinkageError e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            failAll(rows, sizes, Failures.reason(e));
        }
        return rows;
    }

    /** Failed p50/p99/p99.9 rows for every rate that has none yet. */
    private static void failAll(List<BenchRow> rows, BenchSizes sizes, String reason) {
        for (int rate : sizes.e2eRates()) {
            if (rows.stream().noneMatch(r -> r.name().equals("e2e-p99-" + rate))) {
                rows.add(BenchRow.failed("e2e-p50-" + rate, "ms", reason));
                rows.add(BenchRow.failed("e2e-p99-" + rate, "ms", reason));
                rows.add(BenchRow.failed("e2e-p999-" + rate, "ms", reason));
            }
        }
    }
}
