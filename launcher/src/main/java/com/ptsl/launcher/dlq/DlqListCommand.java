package com.ptsl.launcher.dlq;

import com.ptsl.launcher.kafka.KafkaAccessException;
import com.ptsl.launcher.kafka.KafkaOptions;
import com.ptsl.launcher.kafka.KafkaTopicReader;
import com.ptsl.launcher.review.Formats;
import com.ptsl.schemas.avro.DeadLetter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code ptsl dlq list}: one line per open dead letter, oldest failure first. */
@Command(name = "list", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"List the commands waiting in erp.commands.dlq: commandId, type, SL customer, PayTrace transaction, "
                + "attempts, last failure (UTC) and SL's reason. Read from the topic's beginning to its end at start, "
                + "with no consumer group and nothing committed.",
                "%nExit code: 0 listed (also when empty); 2 Kafka unreachable or topic missing.%n"},
        footerHeading = "%nExamples:%n",
        footer = {"  ptsl dlq list", "  ptsl dlq list --bootstrap-server kafka-1:9092"})
final class DlqListCommand implements Callable<Integer> {

    @Mixin
    KafkaOptions kafka;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<DeadLetter> open;
        try (KafkaTopicReader reader = kafka.reader(err)) {
            open = DeadLetters.open(reader);
        } catch (KafkaAccessException e) {
            err.println("Error: " + e.getMessage());
            err.flush();
            return 2;
        }
        out.print(render(open));
        out.flush();
        return 0;
    }

    static String render(List<DeadLetter> letters) {
        if (letters.isEmpty()) {
            return "No dead letters: every command SL refused has been re-driven and applied.\n";
        }
        StringBuilder b = new StringBuilder();
        b.append(String.format("%-28s %-15s %-12s %-12s %8s  %-20s  %s%n", "COMMAND", "TYPE", "CUSTOMER", "TRANSACTION",
                "ATTEMPTS", "LAST FAILED", "REASON"));
        for (DeadLetter d : letters) {
            b.append(String.format("%-28s %-15s %-12s %-12s %8d  %-20s  %s%n", Formats.oneLine(d.getId()),
                    Formats.oneLine(d.getCommandType()), blankAsDash(d.getCustId()), blankAsDash(d.getSourceTransactionId()),
                    d.getAttempts(), Formats.instant(d.getLastFailedAt()), Formats.oneLine(d.getReason())));
        }
        b.append(letters.size()).append(letters.size() == 1 ? " dead letter" : " dead letters")
                .append("; fix the cause, then: ptsl dlq redrive <COMMAND>... (or --all)\n");
        return b.toString();
    }

    private static String blankAsDash(String s) {
        return s == null || s.isBlank() ? "-" : Formats.oneLine(s);
    }
}
