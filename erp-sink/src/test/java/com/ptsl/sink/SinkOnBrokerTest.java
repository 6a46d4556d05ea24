package com.ptsl.sink;

import com.ptsl.kafka.embedded.KafkaClusterExtension;
import com.ptsl.schemas.TopicCreator;
import com.ptsl.schemas.Topics;
import com.ptsl.schemas.avro.ErpResult;
import com.ptsl.schemas.avro.ResultStatus;
import com.ptsl.sink.support.DeadLetterTopics;
import com.ptsl.sink.support.H2SlSandboxDatabase;
import com.ptsl.sink.support.KafkaTopics;
import com.ptsl.sink.support.SlReader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.awaitility.Awaitility.await;

/**
 * The sink on one real broker and a fresh seeded SL sandbox per test: the topics it reads and writes (truncated before
 * each test), the sinks a test started (closed after it), and the reads of erp.results every such test needs.
 */
abstract class SinkOnBrokerTest {

    @RegisterExtension
    static final KafkaClusterExtension kafka = KafkaClusterExtension.singleBroker();

    static final Duration DEADLINE = Duration.ofSeconds(60);
    static final LocalDate TODAY = LocalDate.now();
    static KafkaTopics topics;
    static DeadLetterTopics dlq;

    H2SlSandboxDatabase db;
    SlReader sl;
    String groupId;
    private final List<SinkService> services = new ArrayList<>();

    @BeforeAll
    static void createTopics() {
        TopicCreator.ensure(kafka.bootstrapServers(), List.of(Topics.ERP_COMMANDS, Topics.ERP_RESULTS, Topics.COMMANDS_DLQ,
                Topics.PAYMENTS_REVIEW));
        topics = new KafkaTopics(kafka.bootstrapServers());
        dlq = new DeadLetterTopics(kafka.bootstrapServers());
    }

    @AfterAll
    static void closeTopics() {
        topics.close();
        dlq.close();
    }

    @BeforeEach
    void freshDatabaseGroupAndTopics() {
        for (var t : List.of(Topics.ERP_COMMANDS, Topics.ERP_RESULTS, Topics.COMMANDS_DLQ, Topics.PAYMENTS_REVIEW)) {
            topics.truncate(t);
        }
        topics.readResultsFromStart();
        dlq.readFromStart();
        db = H2SlSandboxDatabase.seeded();
        sl = new SlReader(db);
        groupId = getClass().getSimpleName() + "-" + UUID.randomUUID();
    }

    @AfterEach
    void stopEverything() {
        services.forEach(SinkService::close);
        services.clear();
        db.close();
    }

    /** The sink on this test's broker, database and group, without the SL feed. */
    SinkConfig config() {
        Map<String, String> env = new HashMap<>();
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        env.put("SINK_GROUP_ID", groupId);
        env.put("SL_JDBC_URL", db.jdbcUrl());
        env.put("SL_DB_USER", db.user());
        env.put("SL_DB_PASSWORD", db.password());
        env.put("ADMIN_PORT", "0");
        env.put("SINK_FEED_ENABLED", "false");
        return SinkConfig.fromEnv(env);
    }

    SinkService start(SinkConfig config) {
        SinkService service = new SinkService(config).start();
        services.add(service);
        return service;
    }

    Map<String, List<ErpResult>> results() {
        Map<String, List<ErpResult>> out = new HashMap<>();
        topics.results().forEach(r -> out.computeIfAbsent(r.getCommandId(), k -> new ArrayList<>()).add(r));
        return out;
    }

    List<ResultStatus> statuses(String commandId) {
        return results().getOrDefault(commandId, List.of()).stream().map(ErpResult::getStatus).toList();
    }

    ErpResult last(String commandId) {
        List<ErpResult> all = results().get(commandId);
        return all.get(all.size() - 1);
    }

    void awaitStatuses(String commandId, int count) {
        await().atMost(DEADLINE).until(() -> statuses(commandId).size() >= count);
    }
}
