package com.ptsl.launcher.reconcile;

import com.ptsl.reconciler.ReconcileException;
import com.ptsl.reconciler.ReconcileOptions;
import com.ptsl.reconciler.Reconciler;
import com.ptsl.reconciler.report.Report;
import com.ptsl.reconciler.report.Window;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;

/**
 * {@code ptsl reconcile}: replays a window of the event log against SL and PayTrace's settlement batches, writes the
 * JSON, CSV and HTML reports, prints a summary, and exits 0 (no variance), 1 (variance) or 2 (usage error or the
 * reconciliation could not be made; then no report is written) so that a scheduler can run it nightly.
 *
 * <p>Every option falls back to the environment variable the services read, so the command runs with the same
 * configuration as the pipeline it checks.
 */
@Command(name = "reconcile", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Compare a window of the event log with SL and with PayTrace's settlement batches, and report "
                + "every difference.",
                "%nReads paytrace.transactions.raw, paytrace.batches.raw, erp.commands and payments.review from the "
                        + "window's start to their current end with its own consumer (no consumer group, nothing "
                        + "committed), folds each transaction to its final state, reads SL read-only, and puts every "
                        + "transaction in one category: matched, open review, missing in SL, unknown to PayTrace, "
                        + "differs, posted twice, dead-letter queue; and every settlement batch whose net differs from its SL deposit. Writes "
                        + "reconcile-<from>-<to>.json, .csv and .html to --report and prints a summary; progress goes "
                        + "to stderr.",
                "%nTimes are in the merchant's zone (--zone): today, yesterday, now, a date (2026-12-01) or a "
                        + "date-time (2026-12-01T08:00). A date as --from is its start, as --to its end; without --to "
                        + "the window ends with --from's day.",
                "%nExit code: 0 no variance; 1 variance (lines need attention); 2 usage error, or Kafka/SL "
                        + "unreachable, a topic missing, no data in the window (nothing written).%n"},
        footerHeading = "%nExamples:%n",
        footer = {"  Yesterday, nightly from cron, with the pipeline's environment set",
                "  (KAFKA_BOOTSTRAP_SERVERS, SL_JDBC_URL, SL_DB_USER, SL_DB_PASSWORD):",
                "    ptsl reconcile --from yesterday",
                "  One day, naming everything (the password from the environment):",
                "    SL_DB_PASSWORD=... ptsl reconcile --bootstrap-server kafka-1:9092 \\",
                "      --sl-jdbc-url 'jdbc:sqlserver://sl-db:1433;databaseName=SLAPP' \\",
                "      --sl-user ptsl_ro --from 2026-12-01 --report /srv/reports",
                "  A week; a morning in another zone:",
                "    ptsl reconcile --from 2026-12-01 --to 2026-12-07",
                "    ptsl reconcile --from 2026-12-01T06:00 --to 2026-12-01T12:00 \\",
                "      --zone America/Chicago",
                "  Send what is missing in SL again (once, however often it runs), then check:",
                "    ptsl reconcile --from yesterday --redrive",
                "    ptsl reconcile --from yesterday",
                "  Against './ptsl run --stay', with the Kafka and SL addresses it prints:",
                "    ptsl reconcile --bootstrap-server 127.0.0.1:PORT \\",
                "      --sl-jdbc-url 'jdbc:h2:file:...' --sl-user sa --from today"})
public final class ReconcileCommand implements Callable<Integer> {

    /** The sandbox's and the services' default merchant zone (SandboxConfig.DEFAULT_ZONE, PAYTRACE_MERCHANT_ZONE). */
    static final String DEFAULT_ZONE = "America/Los_Angeles";
    static final String DEFAULT_PROGRAM = "PTSL";

    /** The reconciliation itself; {@link Reconciler#run} except in tests of the command line. */
    @FunctionalInterface
    interface Run {
        Report reconcile(ReconcileOptions options) throws ReconcileException;
    }

    @Option(names = "--bootstrap-server", paramLabel = "HOST:PORT",
            description = "Kafka broker(s), comma separated. Default: KAFKA_BOOTSTRAP_SERVERS.")
    String bootstrapServers;

    @Option(names = "--sl-jdbc-url", paramLabel = "URL",
            description = "The SL application database (jdbc:sqlserver:… or jdbc:h2:…), read only. Default: SL_JDBC_URL.")
    String slJdbcUrl;

    @Option(names = "--sl-user", paramLabel = "USER", description = "Database user. Default: SL_DB_USER.")
    String slUser;

    @Option(names = "--sl-password", paramLabel = "PASSWORD",
            description = "Database password. Default: SL_DB_PASSWORD, which is better: a password on the command "
                    + "line is visible to every user of the machine. Never printed.")
    String slPassword;

    @Option(names = "--from", paramLabel = "TIME", required = true,
            description = "Start of the window, included: today, yesterday, now, 2026-12-01, 2026-12-01T08:00.")
    String from;

    @Option(names = "--to", paramLabel = "TIME",
            description = "End of the window, excluded; a date means the end of that day. Default: the end of --from's day.")
    String to;

    @Option(names = "--zone", paramLabel = "ZONE",
            description = "The merchant's time zone (what PayTrace's times and days are in). Default: "
                    + "PAYTRACE_MERCHANT_ZONE, else " + DEFAULT_ZONE + ".")
    String zone;

    @Option(names = "--program", paramLabel = "ID",
            description = "The sink's SL program id, which marks the integration's documents and batches. Default: "
                    + "SL_PROG, else " + DEFAULT_PROGRAM + ".")
    String program;

    @Option(names = "--report", paramLabel = "DIR", defaultValue = "reports",
            description = "Directory for the JSON, CSV and HTML reports, created if needed (default: ./${DEFAULT-VALUE}).")
    Path reportDir;

    @Option(names = "--redrive",
            description = "Send each posting missing in SL to erp.commands again, with a deterministic command id (so "
                    + "running it twice changes SL once), and list what was sent. Nothing else is ever sent.")
    boolean redrive;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "Summary on stdout: text or json (default: ${DEFAULT-VALUE}). The report files are always written.")
    String format;

    @Spec
    CommandSpec spec;

    private final Map<String, String> env;
    private final Clock clock;
    private final Run run;

    public ReconcileCommand() {
        this(System.getenv(), Clock.systemUTC(), Reconciler::run);
    }

    ReconcileCommand(Map<String, String> env, Clock clock, Run run) {
        this.env = env;
        this.clock = clock;
        this.run = run;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            return reconcile(out, err);
        } finally {
            out.flush();
            err.flush();
        }
    }

    private int reconcile(PrintWriter out, PrintWriter err) {
        if (!format.equalsIgnoreCase("text") && !format.equalsIgnoreCase("json")) {
            return fail(err, "--format " + format + ": give text or json");
        }
        String bootstrap = orEnv(bootstrapServers, "KAFKA_BOOTSTRAP_SERVERS");
        if (bootstrap == null) {
            return fail(err, "no Kafka to read: give --bootstrap-server HOST:PORT or set KAFKA_BOOTSTRAP_SERVERS");
        }
        if (!bootstrapShape(bootstrap)) {
            return fail(err, "--bootstrap-server " + bootstrap + ": give HOST:PORT, comma separated for several brokers");
        }
        String jdbcUrl = orEnv(slJdbcUrl, "SL_JDBC_URL");
        if (jdbcUrl == null) {
            return fail(err, "no SL database to read: give --sl-jdbc-url URL or set SL_JDBC_URL");
        }
        String password = slPassword != null ? slPassword : env.getOrDefault("SL_DB_PASSWORD", "");
        if (!jdbcUrl.startsWith("jdbc:")) {
            return fail(err, redact("--sl-jdbc-url " + jdbcUrl + ": not a JDBC URL (jdbc:sqlserver://HOST:1433;databaseName=… "
                    + "or jdbc:h2:…)", password));
        }
        String zoneId = orDefault(orEnv(zone, "PAYTRACE_MERCHANT_ZONE"), DEFAULT_ZONE);
        ZoneId merchantZone;
        try {
            merchantZone = ZoneId.of(zoneId);
        } catch (DateTimeException e) {
            return fail(err, "--zone " + zoneId + ": not a time zone id (e.g. America/Los_Angeles)");
        }
        Window window;
        try {
            window = WindowArguments.resolve(from, to, merchantZone, clock);
        } catch (WindowArguments.BadWindow e) {
            return fail(err, e.getMessage());
        }
        String programId = orDefault(orEnv(program, "SL_PROG"), DEFAULT_PROGRAM);
        ReconcileOptions options = new ReconcileOptions(bootstrap, jdbcUrl, orEnv(slUser, "SL_DB_USER"), password,
                window.from(), window.to(), merchantZone, programId, redrive, line -> {
                    err.println("[reconcile] " + redact(line, password));
                    err.flush();
                });

        Report report;
        try {
            report = run.reconcile(options);
        } catch (ReconcileException e) {
            return fail(err, redact(e.getMessage(), password));
        } catch (RuntimeException e) {
            // Not a variance: nothing was compared. Exit 2 so a scheduler does not read it as "differences found".
            return fail(err, redact("the reconciliation failed: " + e, password));
        }

        List<Path> written = new ArrayList<>();
        try {
            written = RunReconciliation.writeReports(report, reportDir);
        } catch (IOException | RuntimeException e) {
            // The summary still matters: with --redrive, commands have been sent.
            out.print(summary(report, written));
            return fail(err, "cannot write the reports to " + reportDir + ": " + e.getMessage());
        }
        out.print(summary(report, written));
        return report.exitCode();
    }

    private String summary(Report report, List<Path> written) {
        return format.equalsIgnoreCase("json") ? ReconcileSummary.json(report, written) : ReconcileSummary.text(report, redrive, written);
    }

    private String orEnv(String option, String variable) {
        if (option != null && !option.isBlank()) {
            return option.strip();
        }
        String value = env.get(variable);
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static String orDefault(String value, String fallback) {
        return value == null ? fallback : value;
    }

    private static final Pattern HOST_PORT = Pattern.compile("(\\[[0-9a-fA-F:.]+]|[^\\s,:\\[\\]]+):\\d{1,5}");

    private static boolean bootstrapShape(String servers) {
        for (String server : servers.split(",")) {
            if (!HOST_PORT.matcher(server.strip()).matches()) {
                return false;
            }
        }
        return true;
    }

    private static final Pattern URL_SECRET = Pattern.compile("(?i)(password|pwd)=[^;&\\s]*");

    /** A message that may quote the JDBC URL or a driver's words, without the password in any form. */
    static String redact(String text, String password) {
        if (text == null) {
            return "";
        }
        String out = URL_SECRET.matcher(text).replaceAll("$1=***");
        return password == null || password.isEmpty() ? out : out.replace(password, "***");
    }

    private static int fail(PrintWriter err, String message) {
        err.println("Error: " + message);
        err.flush();
        return 2;
    }
}
