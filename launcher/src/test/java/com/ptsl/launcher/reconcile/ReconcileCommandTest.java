package com.ptsl.launcher.reconcile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.ptsl.reconciler.ReconcileException;
import com.ptsl.reconciler.ReconcileOptions;
import com.ptsl.reconciler.report.Category;
import com.ptsl.reconciler.report.Line;
import com.ptsl.reconciler.report.RedriveLine;
import com.ptsl.reconciler.report.Report;
import com.ptsl.reconciler.report.Sources;
import com.ptsl.reconciler.report.Total;
import com.ptsl.reconciler.report.Window;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ptsl reconcile}'s command line: options and their environment fallbacks, the window it asks for, the
 * summary it prints, the reports it writes and its exit codes. The reconciliation itself is replaced by a function
 * returning a hand-built report (the real one is tested in the reconciler module and end to end), so that these
 * tests are about what a person types and reads.
 */
class ReconcileCommandTest {

    private static final ZoneId LA = ZoneId.of("America/Los_Angeles");
    /** 2026-12-02 10:00 in Los Angeles: "today" is Dec 2 there (and in UTC), "yesterday" Dec 1. */
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-02T18:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    private final Map<String, String> env = new HashMap<>(Map.of(
            "KAFKA_BOOTSTRAP_SERVERS", "kafka-env:9092",
            "SL_JDBC_URL", "jdbc:h2:mem:env",
            "SL_DB_USER", "env-user",
            "SL_DB_PASSWORD", "env-secret"));

    private final AtomicReference<ReconcileOptions> asked = new AtomicReference<>();

    record Run(int exit, String out, String err) {
    }

    private Run ptsl(ReconcileCommand.Run reconciler, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new ReconcileCommand(env, CLOCK, options -> {
            asked.set(options);
            options.progress().accept("read 3 records");
            return reconciler.reconcile(options);
        }));
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--report");
        all.add(dir.resolve("reports").toString());
        int exit = cli.execute(all.toArray(String[]::new));
        return new Run(exit, out.toString(), err.toString());
    }

    private Run ptsl(String... args) {
        return ptsl(o -> report(o, List.of(matched("1000001"))), args);
    }

    // ---- the window -------------------------------------------------------------------------------------------------

    @Test
    void aDateIsTheWholeDayInTheMerchantsZone() {
        Run run = ptsl("--from", "2026-12-01");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(asked.get().from()).isEqualTo(ZonedDateTime.of(2026, 12, 1, 0, 0, 0, 0, LA));
        assertThat(asked.get().to()).isEqualTo(ZonedDateTime.of(2026, 12, 2, 0, 0, 0, 0, LA));
        assertThat(asked.get().zone()).isEqualTo(LA);
    }

    @Test
    void aDateAsToMeansTheEndOfThatDay() {
        ptsl("--from", "2026-12-01", "--to", "2026-12-03");

        assertThat(asked.get().from()).isEqualTo(ZonedDateTime.of(2026, 12, 1, 0, 0, 0, 0, LA));
        assertThat(asked.get().to()).isEqualTo(ZonedDateTime.of(2026, 12, 4, 0, 0, 0, 0, LA));
    }

    @Test
    void yesterdayAndTodayAreDaysOfTheMerchantsClock() {
        ptsl("--from", "yesterday");
        assertThat(asked.get().from()).isEqualTo(ZonedDateTime.of(2026, 12, 1, 0, 0, 0, 0, LA));
        assertThat(asked.get().to()).isEqualTo(ZonedDateTime.of(2026, 12, 2, 0, 0, 0, 0, LA));

        ptsl("--from", "yesterday", "--to", "today");
        assertThat(asked.get().to()).isEqualTo(ZonedDateTime.of(2026, 12, 3, 0, 0, 0, 0, LA));

        // 18:00 UTC is already Dec 3 in Tokyo.
        ptsl("--from", "today", "--zone", "Asia/Tokyo");
        assertThat(asked.get().from()).isEqualTo(ZonedDateTime.of(2026, 12, 3, 0, 0, 0, 0, ZoneId.of("Asia/Tokyo")));
    }

    @Test
    void localDateTimesAreReadInTheZoneAndOffsetsAreConverted() {
        ptsl("--from", "2026-12-01T08:00", "--to", "2026-12-01 12:30:15");
        assertThat(asked.get().from()).isEqualTo(ZonedDateTime.of(2026, 12, 1, 8, 0, 0, 0, LA));
        assertThat(asked.get().to()).isEqualTo(ZonedDateTime.of(2026, 12, 1, 12, 30, 15, 0, LA));

        ptsl("--from", "2026-12-01T16:00Z", "--to", "2026-12-01T12:00-05:00");
        assertThat(asked.get().from().toInstant()).isEqualTo(Instant.parse("2026-12-01T16:00:00Z"));
        assertThat(asked.get().from().getZone()).isEqualTo(LA);
        assertThat(asked.get().to().toInstant()).isEqualTo(Instant.parse("2026-12-01T17:00:00Z"));

        // Without --to a date-time's window ends with its day.
        ptsl("--from", "2026-12-01T08:00");
        assertThat(asked.get().to()).isEqualTo(ZonedDateTime.of(2026, 12, 2, 0, 0, 0, 0, LA));

        ptsl("--from", "2026-12-02T08:00", "--to", "now");
        assertThat(asked.get().to()).isEqualTo(ZonedDateTime.of(2026, 12, 2, 10, 0, 0, 0, LA));
    }

    @Test
    void aDayAcrossTheDstChangeIsStillMidnightToMidnight() {
        ptsl("--from", "2026-11-01");

        assertThat(asked.get().from().getOffset()).isEqualTo(ZoneOffset.ofHours(-7));
        assertThat(asked.get().to()).isEqualTo(ZonedDateTime.of(2026, 11, 2, 0, 0, 0, 0, LA));
        assertThat(asked.get().to().getOffset()).isEqualTo(ZoneOffset.ofHours(-8));
    }

    // ---- configuration and the environment --------------------------------------------------------------------------

    @Test
    void everythingFallsBackToThePipelinesEnvironment() {
        env.put("PAYTRACE_MERCHANT_ZONE", "America/Chicago");
        env.put("SL_PROG", "PTSL2");
        ptsl("--from", "2026-12-01");

        ReconcileOptions o = asked.get();
        assertThat(o.bootstrapServers()).isEqualTo("kafka-env:9092");
        assertThat(o.slJdbcUrl()).isEqualTo("jdbc:h2:mem:env");
        assertThat(o.slUser()).isEqualTo("env-user");
        assertThat(o.slPassword()).isEqualTo("env-secret");
        assertThat(o.zone()).isEqualTo(ZoneId.of("America/Chicago"));
        assertThat(o.from()).isEqualTo(ZonedDateTime.of(2026, 12, 1, 0, 0, 0, 0, ZoneId.of("America/Chicago")));
        assertThat(o.program()).isEqualTo("PTSL2");
        assertThat(o.redrive()).isFalse();
    }

    @Test
    void optionsWinOverTheEnvironmentAndDefaultsApplyWhenNeitherIsSet() {
        env.remove("SL_DB_USER");
        env.remove("SL_DB_PASSWORD");
        ptsl("--from", "2026-12-01", "--bootstrap-server", "k1:9092,k2:9093", "--sl-jdbc-url", "jdbc:sqlserver://sl:1433",
                "--program", "ABC", "--redrive");

        ReconcileOptions o = asked.get();
        assertThat(o.bootstrapServers()).isEqualTo("k1:9092,k2:9093");
        assertThat(o.slJdbcUrl()).isEqualTo("jdbc:sqlserver://sl:1433");
        assertThat(o.slUser()).isNull();
        assertThat(o.slPassword()).isEmpty();
        assertThat(o.zone()).isEqualTo(LA);
        assertThat(o.program()).isEqualTo("ABC");
        assertThat(o.redrive()).isTrue();

        ptsl("--from", "2026-12-01");
        assertThat(asked.get().program()).isEqualTo("PTSL");
    }

    // ---- output -----------------------------------------------------------------------------------------------------

    @Test
    void aCleanWindowExitsZeroWritesThreeReportsAndListsTheHtmlLast() throws Exception {
        Run run = ptsl("--from", "2026-12-01");

        assertThat(run.exit()).isZero();
        assertThat(run.err()).isEqualTo("[reconcile] read 3 records\n");
        assertThat(run.out()).startsWith("Reconciliation 2026-12-01 00:00 to 2026-12-02 00:00 (America/Los_Angeles): No variance\n")
                .contains("  Matched                                           1\n");
        Path reports = dir.resolve("reports");
        String name = "reconcile-20261201T0000-20261202T0000";
        try (Stream<Path> files = Files.list(reports)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder(name + ".json", name + ".csv", name + ".html");
        }
        String[] lines = run.out().split("\n");
        assertThat(lines[lines.length - 4]).isEqualTo("Reports");
        assertThat(lines[lines.length - 3]).isEqualTo("  " + reports.resolve(name + ".json"));
        assertThat(lines[lines.length - 2]).isEqualTo("  " + reports.resolve(name + ".csv"));
        assertThat(lines[lines.length - 1]).isEqualTo("  " + reports.resolve(name + ".html"));
    }

    @Test
    void varianceExitsOneAndListsTwentyLinesThenSaysHowManyMore() {
        List<Line> lines = new ArrayList<>();
        lines.add(matched("1000001"));
        for (int i = 0; i < 25; i++) {
            lines.add(new Line(Category.MISSING_IN_SL, "20000" + String.format("%02d", i), "SALE", "C00042", "",
                    LocalDate.of(2026, 12, 1), "501", new BigDecimal("12.50"), new BigDecimal("0.00"), List.of(),
                    "Approved in PayTrace; SL has no document"));
        }
        Run run = ptsl(o -> report(o, lines), "--from", "2026-12-01");

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.out()).contains(": 25 lines need attention\n")
                .contains("  Approved in PayTrace, missing in SL              25   needs attention\n")
                .contains("Needs attention (25)\n")
                .contains("  MISSING_IN_SL       2000000        SALE     C00042            12.50         0.00       -12.50  none: Approved in PayTrace; SL has no document\n")
                .contains("2000019").doesNotContain("2000020")
                .contains("  … and 5 more in the report\n")
                .contains("run again with --redrive");
    }

    @Test
    void redrivenCommandsAreListed() {
        Run run = ptsl(o -> new Report(window(o), Instant.EPOCH, sources(), List.of(matched("1000001")), List.of(), List.of(),
                        List.of(), List.of(new RedriveLine("PostPayment:1000004:repost-1", "PostPayment:1000004", "1000004",
                        "C00003", "PostPayment", new BigDecimal("99.99"), "the document is gone from SL"))),
                "--from", "2026-12-01", "--redrive");

        assertThat(run.out()).contains("Re-driven to erp.commands (1)")
                .contains("  PostPayment:1000004:repost-1             1000004        C00003            99.99  the document is gone from SL\n");
    }

    @Test
    void jsonFormatPrintsOneObjectAScriptCanRead() throws Exception {
        Run run = ptsl(o -> report(o, List.of(matched("1000001"), new Line(Category.DIFFERS, "1000002", "SALE", "C1", "C2",
                LocalDate.of(2026, 12, 1), "501", new BigDecimal("10.00"), new BigDecimal("9.5"), List.of("PA/1000002/004512"),
                "amount differs"))), "--from", "2026-12-01", "--format", "JSON");

        assertThat(run.exit()).isEqualTo(1);
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertThat(json.get("verdict").asText()).isEqualTo("1 line needs attention");
        assertThat(json.at("/window/from").asText()).isEqualTo("2026-12-01T00:00-08:00");
        assertThat(json.at("/counts/DIFFERS").asInt()).isEqualTo(1);
        assertThat(json.at("/attention/0/difference").asText()).isEqualTo("-0.50");
        assertThat(json.at("/totals/perDay/0/payTraceAmount").asText()).isEqualTo("35.00");
        assertThat(json.at("/reports/html").asText()).endsWith("reconcile-20261201T0000-20261202T0000.html");
        assertThat(json.get("exitCode").asInt()).isEqualTo(1);
    }

    @Test
    void helpExplainsTheTimesTheExitCodesAndGivesExamples() {
        Run run = ptsl("--help");

        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains("--bootstrap-server", "KAFKA_BOOTSTRAP_SERVERS", "SL_DB_PASSWORD", "--redrive",
                "today, yesterday", "Exit code: 0 no variance; 1 variance", "Examples:", "ptsl reconcile --from yesterday");
    }

    // ---- exit 2 -----------------------------------------------------------------------------------------------------

    @Test
    void aBadFromIsNamedAndNothingRuns() {
        Run run = ptsl("--from", "2026-13-01");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("Error: --from 2026-13-01: not a time; give " + WindowArguments.FORMS + "\n");
        assertNothingRanNorWritten(run);

        Run word = ptsl("--from", "last-week");
        assertThat(word.exit()).isEqualTo(2);
        assertThat(word.err()).startsWith("Error: --from last-week: not a time");
    }

    @Test
    void toBeforeFromIsAUsageError() {
        Run run = ptsl("--from", "2026-12-02", "--to", "2026-12-01T12:00");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("Error: --to 2026-12-01T12:00 is not after --from 2026-12-02: the window "
                + "2026-12-02T00:00 to 2026-12-01T12:00 (America/Los_Angeles) would be empty\n");
        assertNothingRanNorWritten(run);

        Run same = ptsl("--from", "2026-12-01T08:00", "--to", "2026-12-01T08:00");
        assertThat(same.exit()).isEqualTo(2);
    }

    @Test
    void withoutBootstrapServersOrJdbcUrlNothingRuns() {
        env.remove("KAFKA_BOOTSTRAP_SERVERS");
        Run noKafka = ptsl("--from", "2026-12-01");
        assertThat(noKafka.exit()).isEqualTo(2);
        assertThat(noKafka.err()).isEqualTo("Error: no Kafka to read: give --bootstrap-server HOST:PORT or set KAFKA_BOOTSTRAP_SERVERS\n");
        assertNothingRanNorWritten(noKafka);

        env.put("KAFKA_BOOTSTRAP_SERVERS", "kafka:9092");
        env.remove("SL_JDBC_URL");
        Run noSl = ptsl("--from", "2026-12-01");
        assertThat(noSl.exit()).isEqualTo(2);
        assertThat(noSl.err()).isEqualTo("Error: no SL database to read: give --sl-jdbc-url URL or set SL_JDBC_URL\n");
        assertNothingRanNorWritten(noSl);
    }

    @Test
    void malformedInputsAreNamed() {
        assertThat(ptsl("--from", "2026-12-01", "--bootstrap-server", "no-port-here").err())
                .isEqualTo("Error: --bootstrap-server no-port-here: give HOST:PORT, comma separated for several brokers\n");
        assertThat(ptsl("--from", "2026-12-01", "--zone", "Pacific").err())
                .isEqualTo("Error: --zone Pacific: not a time zone id (e.g. America/Los_Angeles)\n");
        assertThat(ptsl("--from", "2026-12-01", "--format", "xml").err()).isEqualTo("Error: --format xml: give text or json\n");
        assertThat(ptsl("--from", "2026-12-01", "--sl-jdbc-url", "sl-db:1433;password=hunter2").err())
                .startsWith("Error: --sl-jdbc-url sl-db:1433;password=*** not a JDBC URL").doesNotContain("hunter2");
        assertThat(asked.get()).isNull();
    }

    @Test
    void aMissingFromIsPicocliUsageErrorTwo() {
        Run run = ptsl();

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("Missing required option: '--from=TIME'");
        assertThat(asked.get()).isNull();
    }

    @Test
    void aReconcileExceptionExitsTwoWritesNoReportAndNeverShowsThePassword() {
        Run run = ptsl(o -> {
            throw new ReconcileException("SL at jdbc:sqlserver://sl;user=x;password=opt-secret refused user x (password opt-secret)");
        }, "--from", "2026-12-01", "--sl-password", "opt-secret");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).endsWith("Error: SL at jdbc:sqlserver://sl;user=x;password=*** refused user x (password ***)\n")
                .doesNotContain("opt-secret");
        assertThat(run.out()).isEmpty();
        assertThat(dir.resolve("reports")).doesNotExist();
        assertThat(asked.get().slPassword()).isEqualTo("opt-secret");
    }

    @Test
    void anUnexpectedFailureIsExitTwoNotAVariance() {
        Run run = ptsl(o -> {
            throw new IllegalStateException("boom");
        }, "--from", "2026-12-01");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).endsWith("Error: the reconciliation failed: java.lang.IllegalStateException: boom\n");
        assertThat(dir.resolve("reports")).doesNotExist();
    }

    @Test
    void aReportDirectoryThatCannotBeCreatedIsExitTwoButTheSummaryIsShown() throws Exception {
        Path file = Files.writeString(dir.resolve("reports"), "a file where the directory should be");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new ReconcileCommand(env, CLOCK, o -> report(o, List.of(matched("1")))));
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));

        int exit = cli.execute("--from", "2026-12-01", "--report", file.resolve("sub").toString());

        assertThat(exit).isEqualTo(2);
        assertThat(out.toString()).contains("No variance").doesNotContain("Reports");
        assertThat(err.toString()).startsWith("Error: cannot write the reports to " + file.resolve("sub"));
    }

    private void assertNothingRanNorWritten(Run run) {
        assertThat(asked.get()).as("the reconciler was not called").isNull();
        assertThat(run.out()).isEmpty();
        assertThat(dir.resolve("reports")).doesNotExist();
    }

    // ---- hand-built reports -----------------------------------------------------------------------------------------

    private static Window window(ReconcileOptions o) {
        return new Window(o.from(), o.to(), o.zone());
    }

    private static Sources sources() {
        return new Sources(3, 1, 2, 1, 1, 1, 40);
    }

    private static Line matched(String tx) {
        return new Line(Category.MATCHED, tx, "SALE", "C00001", "C00001", LocalDate.of(2026, 12, 1), "501",
                new BigDecimal("25.00"), new BigDecimal("25.00"), List.of("PA/" + tx + "/004512"), "SL holds what PayTrace says");
    }

    private static Report report(ReconcileOptions o, List<Line> lines) {
        BigDecimal payTrace = lines.stream().map(Line::payTraceAmount).reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal sl = lines.stream().map(Line::slAmount).reduce(BigDecimal.ZERO, BigDecimal::add);
        long attention = lines.stream().filter(l -> l.category().variance()).count();
        return new Report(window(o), Instant.parse("2026-12-02T18:00:00Z"), sources(), lines,
                List.of(new Total("2026-12-01", lines.size(), payTrace, sl, attention)),
                List.of(new Total("501", lines.size(), payTrace, sl, attention)), List.of(), List.of());
    }
}
