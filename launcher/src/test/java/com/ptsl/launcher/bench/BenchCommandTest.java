package com.ptsl.launcher.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ptsl bench}'s command line: the stages and sizes it asks for, what it prints and writes, and its exit codes. The
 * stages are replaced by a function returning fixed rows (no benchmark runs in a test).
 */
class BenchCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-01T09:05:07Z"), ZoneOffset.UTC);
    private static final List<String> REQUIRED = List.of("raw-producer", "push-ingest", "streams-eos", "sink", "e2e-p99-500");

    @TempDir
    Path dir;

    private record Asked(Set<BenchStage> stages, BenchSizes sizes, Path dataDir) {
    }

    private final AtomicReference<Asked> asked = new AtomicReference<>();
    private final List<Boolean> dataDirExistedDuringRun = new ArrayList<>();

    private BenchCommand.Stages returning(List<BenchRow> rows) {
        return (stages, sizes, dataDir, progress) -> {
            asked.set(new Asked(stages, sizes, dataDir));
            dataDirExistedDuringRun.add(Files.isDirectory(dataDir));
            progress.line("fake stage ran");
            return rows;
        };
    }

    private static final List<BenchRow> ROWS = List.of(
            BenchRow.measured("raw-producer", 40_000, "records/s", null, ""),
            BenchRow.measured("push-ingest", 30_000, "records/s", 40_000.0, ""),
            BenchRow.measured("streams-eos", 22_000, "events/s", 25_000.0, ""),
            BenchRow.failed("sink", "commands/s", "SinkBench is not in this build"),
            BenchRow.measured("e2e-p99-500", 300, "ms", 500.0, ""));

    private record Run(int exit, String out, String err) {
        List<String> outLines() {
            return out.lines().toList();
        }
    }

    private Run run(BenchCommand.Stages stages, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new BenchCommand(stages, CLOCK));
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void prints_the_machine_and_the_table_writes_the_json_and_prints_its_path_last() throws Exception {
        Run run = run(returning(ROWS), "--out-dir", dir.resolve("out").toString());

        assertThat(run.exit()).isZero();
        List<String> lines = run.outLines();
        assertThat(lines.get(0)).startsWith("machine: ").contains("cores").contains("Java");
        Path file = Path.of(lines.get(lines.size() - 1));
        assertThat(file).isEqualTo(dir.resolve("out").resolve("bench-20261201-090507.json"));
        assertThat(file).exists();
        assertThat(run.out()).contains("push-ingest").contains("0.75").contains("FAILED: SinkBench is not in this build");

        JsonNode json = JSON.readTree(Files.readString(file));
        List<String> names = new ArrayList<>();
        json.forEach(row -> names.add(row.get("name").asText()));
        assertThat(names).containsAll(REQUIRED);
        assertThat(names.get(0)).isEqualTo("machine");
        assertThat(json.get(0).get("value").asInt()).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(run.err()).contains("fake stage ran");
    }

    @Test
    void runs_every_stage_at_full_size_by_default_and_in_a_temporary_directory_it_deletes() {
        Run run = run(returning(ROWS), "--out-dir", dir.toString());

        assertThat(run.exit()).isZero();
        assertThat(asked.get().stages()).isEqualTo(EnumSet.allOf(BenchStage.class));
        assertThat(asked.get().sizes()).isEqualTo(BenchSizes.full());
        assertThat(dataDirExistedDuringRun).containsExactly(true);
        assertThat(asked.get().dataDir()).doesNotExist();
    }

    @Test
    void quick_and_only_and_explicit_sizes_reach_the_stages() {
        Run run = run(returning(ROWS), "--quick", "--only", "e2e,raw-producer", "--push-records", "777", "--e2e-rates", "50,250",
                "--out-dir", dir.toString(), "--data-dir", dir.resolve("data").toString(), "--keep");

        assertThat(run.exit()).isZero();
        assertThat(asked.get().stages()).containsExactly(BenchStage.RAW_PRODUCER, BenchStage.E2E);
        BenchSizes quick = BenchSizes.quick();
        assertThat(asked.get().sizes().pushRecords()).isEqualTo(777);
        assertThat(asked.get().sizes().rawRecords()).isEqualTo(quick.rawRecords());
        assertThat(asked.get().sizes().e2eSeconds()).isEqualTo(quick.e2eSeconds());
        assertThat(asked.get().sizes().e2eRates()).containsExactly(50, 250);
        assertThat(dir.resolve("data")).isDirectory();
        assertThat(run.err()).contains("data kept in " + dir.resolve("data"));
    }

    @Test
    void an_unknown_stage_or_a_bad_size_is_a_usage_error_and_nothing_runs() {
        Run unknown = run(returning(ROWS), "--only", "raw-producer,warp-drive", "--out-dir", dir.toString());
        Run batch = run(returning(ROWS), "--push-batch", "501", "--out-dir", dir.toString());
        Run zero = run(returning(ROWS), "--sink-commands", "0", "--out-dir", dir.toString());

        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.err()).contains("unknown stage 'warp-drive'").contains("raw-producer, push-ingest, streams-eos, sink, e2e");
        assertThat(batch.exit()).isEqualTo(2);
        assertThat(batch.err()).contains("push batch must be at most 500");
        assertThat(zero.exit()).isEqualTo(2);
        assertThat(zero.err()).contains("sink commands must be positive");
        assertThat(asked.get()).isNull();
        try (var files = Files.list(dir)) {
            assertThat(files).isEmpty();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void a_run_whose_stages_blow_up_still_reports_with_the_reason_and_exits_0() throws Exception {
        Run run = run((stages, sizes, dataDir, progress) -> {
            throw new IllegalStateException("the machine caught fire");
        }, "--out-dir", dir.toString());

        assertThat(run.exit()).isZero();
        List<String> lines = run.outLines();
        JsonNode json = JSON.readTree(Files.readString(Path.of(lines.get(lines.size() - 1))));
        assertThat(json.get(1).get("name").asText()).isEqualTo("bench");
        assertThat(json.get(1).get("note").asText()).contains("IllegalStateException: the machine caught fire");
    }

    @Test
    void a_report_that_cannot_be_written_exits_1_after_the_table() throws Exception {
        Path notADir = Files.writeString(dir.resolve("file"), "x");

        Run run = run(returning(ROWS), "--out-dir", notADir.toString());

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.out()).contains("raw-producer");
        assertThat(run.err()).contains("cannot write the report to " + notADir);
    }
}
