package com.ptsl.processor;

import com.ptsl.kafka.embedded.KafkaClusterExtension;
import com.ptsl.schemas.Topic;
import com.ptsl.schemas.Topics;
import com.ptsl.schemas.avro.ErpCommand;
import com.ptsl.schemas.avro.InvalidRecord;
import com.ptsl.schemas.avro.PostPayment;
import com.ptsl.service.admin.AdminConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static com.ptsl.processor.PayTraceExportRecord.sale;
import static com.ptsl.processor.RawTopicClient.committedInputOffsets;
import static com.ptsl.processor.RawTopicClient.produce;
import static com.ptsl.processor.RawTopicClient.produceSlFeed;
import static com.ptsl.processor.RawTopicClient.raw;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

/** The service on a real KRaft broker with exactly_once_v2: duplicates, a status change and garbage in, exact commands out. */
class ProcessorServiceIntegrationTest {

    @RegisterExtension
    static final KafkaClusterExtension kafka = KafkaClusterExtension.singleBroker();

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @TempDir
    Path stateDir;

    @Test
    void postsEverySaleOnceAndKeepsGarbageWhileStayingRunning() throws Exception {
        ProcessorConfig config = ProcessorConfig.defaults()
                .withBootstrapServers(kafka.bootstrapServers())
                .withApplicationId("processor-it")
                .withStateDir(stateDir)
                .withAdmin(AdminConfig.ephemeral());
        byte[] garbage = "not a RawPayTraceRecord".getBytes(StandardCharsets.UTF_8);
        PayTraceExportRecord first = sale(900001).customerReference("C00001").amount("10.10");
        List<ProducerRecord<String, byte[]>> input = List.of(
                raw(first),
                raw(sale(900002).customerReference("C00002").invoice("INV0002").amount("20.20")),
                raw(first), // the next poll window reports it again
                raw(sale(900003).customerReference("C00001").amount("30.30")),
                raw(sale(900003).customerReference("C00001").amount("30.30").settledIn(571)),
                raw(sale(900004).customerReference("C00003").declined()),
                new ProducerRecord<>(Topics.RAW_TRANSACTIONS.name(), "900005", garbage));

        ProcessorService service = new ProcessorService(config);
        try {
            service.start();
            await().atMost(PATIENCE).until(() -> service.state() == KafkaStreams.State.RUNNING);

            produceSlFeed(kafka.bootstrapServers(), List.of("C00001", "C00002", "C00003"),
                    Map.of("INV0001", "C00001", "INV0002", "C00002"));
            produce(kafka.bootstrapServers(), input);
            await().atMost(PATIENCE).until(() -> committedInputOffsets(kafka.bootstrapServers(), config.applicationId()) == input.size());
            // The commands come from the matcher, one repartition topic further on.
            await().atMost(PATIENCE).until(() -> readCommitted(Topics.ERP_COMMANDS).size() >= 3);

            List<ConsumerRecord<String, ErpCommand>> commands = readCommitted(Topics.ERP_COMMANDS);
            assertThat(commands)
                    .extracting(ConsumerRecord::key, r -> r.value().getCommandId(), r -> ((PostPayment) r.value().getPayload()).getAmount())
                    .containsExactlyInAnyOrder(
                            tuple("C00001", "PostPayment:900001", new BigDecimal("10.10")),
                            tuple("C00002", "PostPayment:900002", new BigDecimal("20.20")),
                            tuple("C00001", "PostPayment:900003", new BigDecimal("30.30")));

            List<ConsumerRecord<String, InvalidRecord>> invalid = readCommitted(Topics.RAW_INVALID);
            assertThat(invalid).hasSize(1);
            InvalidRecord kept = invalid.get(0).value();
            assertThat(kept.getValue()).isEqualTo(ByteBuffer.wrap(garbage));
            assertThat(kept.getKey()).isEqualTo(ByteBuffer.wrap("900005".getBytes(StandardCharsets.UTF_8)));
            assertThat(kept.getStage()).isEqualTo("parse");
            assertThat(kept.getSourceTopic()).isEqualTo(Topics.RAW_TRANSACTIONS.name());

            assertThat(readCommitted(Topics.PAYMENTS_REVIEW)).isEmpty();
            assertThat(service.state()).isEqualTo(KafkaStreams.State.RUNNING);
            assertThat(service.metrics().duplicatesDropped()).isGreaterThanOrEqualTo(1);
            assertThat(service.metrics().alreadyPosted()).isGreaterThanOrEqualTo(1);
        } finally {
            service.close();
        }
        service.close(); // idempotent
        assertThat(service.state()).isEqualTo(KafkaStreams.State.NOT_RUNNING);
    }

    private static <V> List<ConsumerRecord<String, V>> readCommitted(Topic<String, V> topic) throws Exception {
        return RawTopicClient.readCommitted(kafka.bootstrapServers(), topic, PATIENCE);
    }
}
