package com.ptsl.reconciler.redrive;

import com.ptsl.reconciler.ReconcileException;
import com.ptsl.reconciler.compare.RedriveNeed;
import com.ptsl.reconciler.log.KafkaClients;
import com.ptsl.reconciler.model.Money;
import com.ptsl.reconciler.report.RedriveLine;
import com.ptsl.schemas.AvroSerde;
import com.ptsl.schemas.Topics;
import com.ptsl.schemas.avro.ErpCommand;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * {@code --redrive}: sends each missing posting to erp.commands again as an ordinary ERP command, with the id
 * {@link RepostIds} derives, under the original record's key (so it stays in its customer's order), through an
 * idempotent producer with acks=all. The original record is read back from where the first read saw it; a re-post is
 * that record with only its commandId changed. Nothing else is ever sent.
 */
public final class Redriver {

    @SuppressWarnings("unchecked")
    private static final AvroSerde<ErpCommand> SERDE = (AvroSerde<ErpCommand>) Topics.ERP_COMMANDS.valueSerde();

    private final String bootstrapServers;
    private final Duration timeout;
    private final Consumer<String> progress;

    public Redriver(String bootstrapServers, Duration timeout, Consumer<String> progress) {
        this.bootstrapServers = bootstrapServers;
        this.timeout = timeout;
        this.progress = progress;
    }

    public List<RedriveLine> redrive(List<RedriveNeed> needs) throws ReconcileException {
        List<Planned> plan = new ArrayList<>();
        for (RedriveNeed need : needs) {
            Optional<RepostIds.Decision> decision = RepostIds.decide(need.originalCommandId(), need.transactionId(), need.ledger());
            if (decision.isEmpty()) {
                progress.accept("not re-driven: " + need.originalCommandId() + " is REJECTED in the ledger (see the dead-letter queue)");
                continue;
            }
            plan.add(new Planned(need, decision.get()));
        }
        if (plan.isEmpty()) {
            progress.accept("--redrive: nothing to send");
            return List.of();
        }
        Map<String, ConsumerRecord<byte[], byte[]>> originals = fetch(plan);
        List<RedriveLine> sent = new ArrayList<>();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(KafkaClients.producer(bootstrapServers, timeout))) {
            for (Planned p : plan) {
                ConsumerRecord<byte[], byte[]> original = originals.get(place(p.need()));
                if (original == null) {
                    throw new ReconcileException("--redrive: " + p.need().originalCommandId() + " is no longer at "
                            + Topics.ERP_COMMANDS.name() + " " + place(p.need()) + "; sent so far: " + ids(sent));
                }
                byte[] value = p.decision().original() ? original.value() : repost(original.value(), p.decision().commandId());
                try {
                    producer.send(new ProducerRecord<>(Topics.ERP_COMMANDS.name(), null, original.key(), value))
                            .get(timeout.toMillis() * 2, TimeUnit.MILLISECONDS);
                } catch (ExecutionException | TimeoutException e) {
                    throw new ReconcileException("--redrive: Kafka " + bootstrapServers + " did not take " + p.decision().commandId()
                            + "; sent so far: " + ids(sent), e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new ReconcileException("--redrive interrupted; sent so far: " + ids(sent), e);
                }
                RedriveNeed n = p.need();
                sent.add(new RedriveLine(p.decision().commandId(), n.originalCommandId(), n.transactionId(), n.custId(),
                        n.command().type().wireName(), Money.amount(n.command().amountCents()), n.why()));
                progress.accept("re-driven: " + p.decision().commandId() + " (customer " + n.custId() + ")");
            }
        } catch (KafkaException e) {
            throw new ReconcileException("--redrive: cannot write to " + Topics.ERP_COMMANDS.name() + " on Kafka " + bootstrapServers
                    + ": " + e.getMessage() + "; sent so far: " + ids(sent), e);
        }
        return sent;
    }

    private record Planned(RedriveNeed need, RepostIds.Decision decision) {
    }

    private static String place(RedriveNeed need) {
        return need.command().partition() + ":" + need.command().offset();
    }

    private static String ids(List<RedriveLine> sent) {
        return sent.isEmpty() ? "none" : String.join(", ", sent.stream().map(RedriveLine::commandId).toList());
    }

    /** The original command with a new id, everything else as it was. */
    private static byte[] repost(byte[] original, String commandId) {
        ErpCommand command = SERDE.deserialize(Topics.ERP_COMMANDS.name(), original);
        ErpCommand copy = ErpCommand.newBuilder(command).setCommandId(commandId).build();
        return SERDE.serialize(Topics.ERP_COMMANDS.name(), copy);
    }

    /** Reads back the original records, by partition and offset. */
    private Map<String, ConsumerRecord<byte[], byte[]>> fetch(List<Planned> plan) throws ReconcileException {
        Map<String, ConsumerRecord<byte[], byte[]>> out = new HashMap<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(KafkaClients.consumer(bootstrapServers,
                "ptsl-reconcile-redrive", timeout))) {
            for (Planned p : plan) {
                String place = place(p.need());
                if (out.containsKey(place)) {
                    continue;
                }
                TopicPartition tp = new TopicPartition(Topics.ERP_COMMANDS.name(), p.need().command().partition());
                long offset = p.need().command().offset();
                consumer.assign(List.of(tp));
                consumer.seek(tp, offset);
                long deadline = System.nanoTime() + timeout.toNanos();
                ConsumerRecord<byte[], byte[]> found = null;
                while (found == null && System.nanoTime() < deadline) {
                    ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(200));
                    for (ConsumerRecord<byte[], byte[]> r : records.records(tp)) {
                        if (r.offset() == offset) {
                            found = r;
                            break;
                        }
                        if (r.offset() > offset) {
                            break;
                        }
                    }
                    if (found == null && !records.isEmpty()) {
                        break; // the offset was passed: the record is gone
                    }
                }
                if (found != null) {
                    out.put(place, found);
                }
            }
        } catch (KafkaException e) {
            throw new ReconcileException("--redrive: cannot read the original commands from Kafka " + bootstrapServers + ": "
                    + e.getMessage(), e);
        }
        return out;
    }
}
