package com.ptsl.launcher.replay;

import com.ptsl.launcher.kafka.KafkaOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code ptsl replay --from T [--dry-run]}: Kafka Streams application reset for the stream-processor, done with the
 * Admin API so each input gets its own starting point. With the processor stopped it resets the consumer group's input
 * offsets (event logs to the time, tables to their beginning), deletes the application's changelog and repartition
 * topics and, with {@code --state-dir}, its local state. Started again, the processor rebuilds its state from the log
 * and re-emits its commands; the sink's ledger makes each one it already applied a DUPLICATE no-op, so SL does not
 * change.
 */
@Command(name = "replay", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Reprocess the event log from a time: reset the stream-processor (Kafka Streams application reset) so "
                + "that, started again, it rebuilds its state from the topics and re-emits its commands. The erp-sink's "
                + "ledger answers every command it already applied with DUPLICATE: SL does not change.",
                "%nStop the stream-processor (every instance) first; replay refuses while its consumer group has members. "
                        + "Then: event logs (paytrace.transactions.raw, paytrace.batches.raw, payments.review.resolutions) "
                        + "are reset to the first record at/after --from, never past what was not read yet; tables "
                        + "(sl.invoices, sl.customers) to their beginning; the application's changelog and repartition "
                        + "topics are deleted; with --state-dir its local state too. Try --dry-run first: it prints the "
                        + "same plan and changes nothing.",
                "%nExit code: 0 done (or planned, with --dry-run); 1 failed part of the way (run it again before starting "
                        + "the processor); 2 usage error, processor still running, topic or group missing, Kafka unreachable.%n"},
        footerHeading = "%nExamples:%n",
        footer = {"  ptsl replay --from 2026-03-02 --dry-run",
                "  ptsl replay --from 2026-03-02T06:00 --state-dir /var/lib/ptsl/streams",
                "  ptsl replay --from earliest --wait 60 --state-dir ./data/streams"})
public final class ReplayCommand implements Callable<Integer> {

    /** ProcessorConfig.APPLICATION_ID's default (a test keeps them equal; annotations need a constant). */
    static final String DEFAULT_APPLICATION_ID = "ptsl-stream-processor";
    /** ProcessorConfig.MERCHANT_ZONE's default. */
    static final String DEFAULT_ZONE = "America/Los_Angeles";
    /** How long the brokers get to show a topic deletion. */
    private static final Duration DELETION_WAIT = Duration.ofSeconds(30);

    @Mixin
    KafkaOptions kafka;

    @Option(names = "--application-id", paramLabel = "ID",
            defaultValue = "${env:PROCESSOR_APPLICATION_ID:-" + DEFAULT_APPLICATION_ID + "}",
            description = "The stream-processor's Kafka Streams application id (its consumer group). Default: "
                    + "PROCESSOR_APPLICATION_ID when set, else " + DEFAULT_APPLICATION_ID + " (now: ${DEFAULT-VALUE}).")
    String applicationId;

    @Option(names = "--from", required = true, paramLabel = "T",
            description = "Where the event logs are replayed from: an ISO date (the start of that day in --zone), a local "
                    + "date-time (2026-03-02T06:00, in --zone), a date-time with an offset (2026-03-02T14:00:00Z), or earliest.")
    String from;

    @Option(names = "--zone", paramLabel = "ZONE", defaultValue = "${env:PAYTRACE_MERCHANT_ZONE:-" + DEFAULT_ZONE + "}",
            description = "The merchant's time zone for --from. Default: PAYTRACE_MERCHANT_ZONE when set, else "
                    + DEFAULT_ZONE + " (now: ${DEFAULT-VALUE}).")
    String zone;

    @Option(names = "--state-dir", paramLabel = "DIR",
            description = "The stream-processor's PROCESSOR_STATE_DIR on this machine: its application directory "
                    + "(DIR/<application id>) is deleted too. Without it, delete that directory yourself on every host "
                    + "that runs the processor before starting it.")
    Path stateDir;

    @Option(names = "--dry-run", description = "Print the plan (per partition: committed -> new offset, records to "
            + "reprocess; topics and state to delete) and change nothing.")
    boolean dryRun;

    @Option(names = "--wait", paramLabel = "SECONDS", defaultValue = "0",
            description = "Wait up to SECONDS for the consumer group to empty: a stopped processor stays a member until "
                    + "the broker expires its session (45 s by default). Default: ${DEFAULT-VALUE}, refuse at once.")
    int waitSeconds;

    @Spec
    CommandSpec spec;

    public ReplayCommand() {
        // picocli instantiates it; options are injected.
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ReplayStart start;
        try {
            start = ReplayStart.parse(from, ZoneId.of(zone));
        } catch (DateTimeException e) {
            return fail(err, "--zone '" + zone + "' is not a time zone (e.g. America/Los_Angeles): " + e.getMessage(), 2);
        } catch (IllegalArgumentException e) {
            return fail(err, e.getMessage(), 2);
        }
        if (applicationId == null || applicationId.isBlank()) {
            return fail(err, "--application-id must not be blank", 2);
        }
        ProcessorTopics topics = ProcessorTopics.ofProcessor(applicationId);

        try (AdminCalls calls = AdminCalls.connect(kafka.bootstrapServers, kafka.timeout())) {
            ReplayPlanner planner = new ReplayPlanner(calls);
            List<String> members = planner.activeMembers(applicationId, Duration.ofSeconds(Math.max(0, waitSeconds)));
            ReplayPlan plan = planner.plan(applicationId, start, topics, Optional.ofNullable(stateDir), members);
            out.print(ReplayPlanText.render(plan));
            out.flush();
            if (!members.isEmpty()) {
                return fail(err, "the stream-processor is still running: consumer group " + applicationId + " has "
                        + members.size() + " active member(s) (" + String.join(", ", members) + "). Stop the stream-processor "
                        + "first (every instance). One stopped moments ago stays a member until the broker expires its session "
                        + "(45 s by default): wait, or pass --wait 60. Nothing was changed.", 2);
            }
            if (dryRun) {
                out.println("\nDry run: nothing was changed. Run the same command without --dry-run to replay.");
                out.flush();
                return 0;
            }
            out.println();
            new ReplayExecutor(calls, DELETION_WAIT).apply(plan, step -> {
                out.println("done: " + step);
                out.flush();
            });
            out.print(nextSteps(plan));
            out.flush();
            return 0;
        } catch (ReplayException e) {
            if (e.partial()) {
                return fail(err, "the replay stopped part of the way: " + e.getMessage() + ". Do not start the stream-processor: "
                        + "run the same replay again (every step can be repeated), then start it.", 1);
            }
            return fail(err, e.getMessage() + " (nothing was changed)", 2);
        }
    }

    private static String nextSteps(ReplayPlan plan) {
        StringBuilder b = new StringBuilder("\nThe stream-processor is reset. Next:\n");
        if (plan.localState().isEmpty()) {
            b.append("  0. Delete <PROCESSOR_STATE_DIR>/").append(plan.applicationId())
                    .append(" on every host that runs the stream-processor.\n");
        }
        b.append("  1. Start the stream-processor. It recreates its internal topics, rebuilds its state from the inputs and\n")
                .append("     re-emits the commands of what it reprocesses: the erp-sink answers each commandId it already applied\n")
                .append("     with DUPLICATE on erp.results and writes nothing: SL keeps what they did. New events are applied as usual.\n")
                .append("  2. Follow it on /metrics (consumer lag of group ").append(plan.applicationId())
                .append(", ptsl_sink_commands_total{result=\"DUPLICATE\"}).\n")
                .append("  3. Run ptsl reconcile for the replayed window. A decision that depended on timing (a void or an invoice\n")
                .append("     arriving while a payment waited) can come out differently in a replay: a command the run already sent\n")
                .append("     stays a no-op, but one it never sent would be applied.\n");
        return b.toString();
    }

    private static int fail(PrintWriter err, String message, int exit) {
        err.println("Error: " + message);
        err.flush();
        return exit;
    }
}
