package com.ptsl.launcher;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ptsl}: the one command that runs the pipeline on one machine. */
@Command(name = "ptsl", mixinStandardHelpOptions = true, version = "ptsl 0.1.0",
        description = "PayTrace -> Kafka -> Dynamics SL pipeline, on one machine.",
        subcommands = {RunCommand.class, StatusCommand.class, com.ptsl.launcher.review.ReviewCommand.class,
                com.ptsl.launcher.dlq.DlqCommand.class, com.ptsl.launcher.reconcile.ReconcileCommand.class,
                com.ptsl.launcher.replay.ReplayCommand.class, com.ptsl.launcher.reconcile.ReconcileBench.class,
                com.ptsl.launcher.bench.BenchCommand.class,
                CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /**
     * Kafka's broker and clients narrate start-up and shutdown at WARN (controller activation,
     * closing network clients); in this one-machine console only their errors matter. Set as system
     * properties because those win over simplelogger.properties, and before any Kafka class logs.
     */
    private static void quietKafka() {
        for (String logger : new String[] {"org.apache.kafka", "kafka", "state.change.logger", "org.eclipse.jetty"}) {
            String key = "org.slf4j.simpleLogger.log." + logger;
            if (System.getProperty(key) == null) {
                System.setProperty(key, "error");
            }
        }
    }

    @Override
    public void run() {
        // No subcommand: show what there is rather than guessing.
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        quietKafka();
        System.exit(new CommandLine(new Main()).execute(args));
    }
}
