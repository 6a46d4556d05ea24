package com.ptsl.processor;

import com.ptsl.kafka.embedded.KafkaClusterExtension;
import com.ptsl.schemas.Topic;
import com.ptsl.schemas.Topics;
import com.ptsl.service.admin.AdminConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static com.ptsl.processor.PayTraceExportRecord.sale;
import static com.ptsl.processor.RawTopicClient.partitionCount;
import static com.ptsl.processor.RawTopicClient.produce;
import static com.ptsl.processor.RawTopicClient.produceSlFeed;
import static com.ptsl.processor.RawTopicClient.raw;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

/** Voids, refunds and declines through the service on a real KRaft broker: partitions are real here, unlike under TopologyTestDriver. */
class LifecycleIntegrationTest {

    @RegisterExtension
    static final KafkaClusterExtension kafka = KafkaClusterExtension.singleBroker();

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @TempDir
    Path stateDir;

    /**
     * A refund is a new transaction with its own id, so it usually lands in another partition of the raw topic than
     * the sale it refunds; the refunds-by-original repartition must bring it to the sale's task (and through it to the
     * sale's customer) on a real broker with several partitions, and a void must undo its sale.
     */
    @Test
    void refundsAndVoidsFindTheirOriginalAcrossPartitions() throws Exception {
        ProcessorConfig config = ProcessorConfig.defaults()
                .withBootstrapServers(kafka.bootstrapServers())
                .withApplicationId("processor-it-lifecycle")
                .withStateDir(stateDir)
                .withAdmin(AdminConfig.ephemeral());
        long sale = 910001;
        long refund = firstIdInAnotherPartition(sale);
        // Posted first, then undone and refunded: a void that overtook its sale's posting would rightly post nothing.
        List<ProducerRecord<String, byte[]>> sales = List.of(
                raw(sale(sale).customerReference("C00004").invoice("").amount("100.00")),
                raw(sale(sale).customerReference("C00004").invoice("").amount("100.00").settledIn(590)),
                raw(sale(910100).customerReference("C00004").invoice("").amount("15.00")),
                raw(sale(910101).customerReference("C00004").amount("1.12").declined()));
        List<ProducerRecord<String, byte[]>> undone = List.of(
                raw(PayTraceExportRecord.refund(refund, sale).customerReference("").invoice("").amount("40.00")),
                raw(sale(910100).customerReference("C00004").invoice("").amount("15.00").voided()));

        ProcessorService service = new ProcessorService(config);
        try {
            service.start();
            await().atMost(PATIENCE).until(() -> service.state() == KafkaStreams.State.RUNNING);
            produceSlFeed(kafka.bootstrapServers(), List.of("C00004"), Map.of());
            produce(kafka.bootstrapServers(), sales);
            await().atMost(PATIENCE).until(() -> readCommitted(Topics.ERP_COMMANDS).size() >= 2);
            produce(kafka.bootstrapServers(), undone);
            await().atMost(PATIENCE).until(() -> readCommitted(Topics.ERP_COMMANDS).size() >= 4);

            assertThat(readCommitted(Topics.ERP_COMMANDS)).extracting(ConsumerRecord::key, r -> r.value().getCommandId())
                    .containsExactlyInAnyOrder(
                            tuple("C00004", "PostPayment:" + sale),
                            tuple("C00004", "PostRefund:" + refund),
                            tuple("C00004", "PostPayment:910100"),
                            tuple("C00004", "ReversePayment:910100"));
            await().atMost(PATIENCE).until(() -> readCommitted(Topics.ERP_RESULTS).size() >= 1);
            assertThat(readCommitted(Topics.ERP_RESULTS)).extracting(ConsumerRecord::key).containsExactly("Status:910101:DECLINED");
            assertThat(partitionCount(kafka.bootstrapServers(), config.applicationId() + "-refunds-by-original-repartition"))
                    .as("the raw topic's count, so a re-keyed refund meets its original's task")
                    .isEqualTo(partitionCount(kafka.bootstrapServers(), Topics.RAW_TRANSACTIONS.name()));
        } finally {
            service.close();
        }
    }

    /** The first transaction id after {@code id} whose raw-topic partition differs from {@code id}'s. */
    private static long firstIdInAnotherPartition(long id) {
        int partitions = Topics.RAW_TRANSACTIONS.partitions();
        long other = id + 1;
        while (partitionOf(Long.toString(other), partitions) == partitionOf(Long.toString(id), partitions)) {
            other++;
        }
        return other;
    }

    private static int partitionOf(String key, int partitions) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    private static <V> List<ConsumerRecord<String, V>> readCommitted(Topic<String, V> topic) throws Exception {
        return RawTopicClient.readCommitted(kafka.bootstrapServers(), topic, PATIENCE);
    }
}
