package com.ptsl.launcher.dlq;

import com.ptsl.launcher.kafka.KafkaAccessException;
import com.ptsl.launcher.kafka.KafkaOptions;
import com.ptsl.launcher.kafka.KafkaTopicReader;
import com.ptsl.launcher.review.Formats;
import com.ptsl.schemas.Topics;
import com.ptsl.schemas.avro.DeadLetter;
import com.ptsl.schemas.avro.ErpResult;
import com.ptsl.schemas.avro.ResultStatus;
import org.apache.kafka.common.TopicPartition;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code ptsl dlq redrive}: sends dead letters back to {@code erp.commands} byte for byte, with their original key
 * (so they land in their customer's partition, in order after what came before) and the re-drive header. The sink's
 * ledger turns a second re-drive of the same command into a DUPLICATE, so running this twice changes SL once.
 */
@Command(name = "redrive", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Send dead letters back to the erp-sink after the cause was fixed, then wait for the sink's verdict.",
                "%nEach command keeps its commandId, so the sink's ledger applies it at most once: re-driving twice "
                        + "applies once, and a command that was already applied is reported as DUPLICATE.",
                "%nExit code: 0 every re-driven command was applied (or --wait 0); 1 some were rejected again or got "
                        + "no answer in time; 2 bad usage (no id and no --all, an id not in the queue), Kafka unreachable.%n"},
        footerHeading = "%nExamples:%n",
        footer = {"  ptsl dlq redrive PostPayment:1000123", "  ptsl dlq redrive --all --wait 60"})
final class DlqRedriveCommand implements Callable<Integer> {

    @Parameters(paramLabel = "COMMAND", arity = "0..*", description = "commandIds to re-drive, as 'ptsl dlq list' shows them.")
    List<String> ids = new ArrayList<>();

    @Option(names = "--all", description = "Re-drive every open dead letter.")
    boolean all;

    @Option(names = "--wait", paramLabel = "SECONDS", defaultValue = "30",
            description = "Seconds to wait for the sink's result of each command (0: send and return). Default: ${DEFAULT-VALUE}.")
    int waitSeconds;

    @Mixin
    KafkaOptions kafka;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (ids.isEmpty() == !all) {
            err.println("Error: name the commands to re-drive (see 'ptsl dlq list'), or use --all" + (all ? ", not both" : ""));
            err.flush();
            return 2;
        }
        try (KafkaTopicReader reader = kafka.reader(err)) {
            Map<String, DeadLetter> open = new LinkedHashMap<>();
            DeadLetters.open(reader).forEach(d -> open.put(d.getId(), d));
            List<DeadLetter> chosen = new ArrayList<>();
            for (String id : all ? List.copyOf(open.keySet()) : ids) {
                DeadLetter d = open.get(id.strip());
                if (d == null) {
                    err.println("Error: " + id + " is not in erp.commands.dlq (already re-driven and applied, or a typo); nothing was sent");
                    err.flush();
                    return 2;
                }
                chosen.add(d);
            }
            if (chosen.isEmpty()) {
                out.println("No dead letters to re-drive.");
                out.flush();
                return 0;
            }
            // Results written from here on are the verdicts on this re-drive.
            Map<TopicPartition, Long> resultsFrom = reader.readLatest(Topics.ERP_RESULTS).endOffsets();
            try (RedriveWriter writer = new RedriveWriter(kafka.bootstrapServers, kafka.timeout())) {
                for (DeadLetter d : chosen) {
                    writer.send(d);
                    out.printf("sent %s (attempt %d) to %s%n", d.getId(), d.getAttempts() + 1, Topics.ERP_COMMANDS.name());
                }
            }
            out.flush();
            if (waitSeconds <= 0) {
                return 0;
            }
            return report(reader, resultsFrom, chosen, out);
        } catch (KafkaAccessException e) {
            err.println("Error: " + e.getMessage());
            err.flush();
            return 2;
        }
    }

    private int report(KafkaTopicReader reader, Map<TopicPartition, Long> from, List<DeadLetter> chosen, PrintWriter out) {
        Instant deadline = Instant.now().plusSeconds(waitSeconds);
        int failed = 0;
        for (DeadLetter d : chosen) {
            Duration left = Duration.between(Instant.now(), deadline);
            Optional<ErpResult> result = left.isNegative() ? Optional.empty()
                    : reader.awaitLatest(Topics.ERP_RESULTS, from, d.getId(), r -> true, left);
            if (result.isEmpty()) {
                failed++;
                out.printf("%s: no result within %d s (is the erp-sink running?)%n", d.getId(), waitSeconds);
                continue;
            }
            ErpResult r = result.get();
            if (r.getStatus() == ResultStatus.REJECTED) {
                failed++;
                out.printf("%s: REJECTED again: %s%n", d.getId(), Formats.oneLine(r.getReason()));
            } else {
                out.printf("%s: %s%s%n", d.getId(), r.getStatus(), r.getBatNbr() == null ? "" : " (batch " + r.getBatNbr()
                        + ", RefNbr " + r.getRefNbr() + ")");
            }
        }
        out.flush();
        return failed == 0 ? 0 : 1;
    }
}
