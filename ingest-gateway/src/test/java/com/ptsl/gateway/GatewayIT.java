package com.ptsl.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.ptsl.gateway.json.Json;
import com.ptsl.kafka.embedded.KafkaClusterExtension;
import com.ptsl.sandbox.paytrace.PayTraceSandbox;
import com.ptsl.schemas.Topics;
import com.ptsl.schemas.avro.RawPayTraceRecord;
import com.ptsl.schemas.avro.RawSettlementBatch;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Shared set-up of the sandbox-backed gateway tests: configuration and reading the raw topics back. */
final class GatewayIT {

    private GatewayIT() {
    }

    /** The gateway's variables pointed at {@code sandbox} and {@code kafka}; {@code extra} overrides. */
    static GatewayConfig config(KafkaClusterExtension kafka, PayTraceSandbox sandbox, Path stateDir, Map<String, String> extra) {
        Map<String, String> env = new HashMap<>();
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        env.put("PAYTRACE_BASE_URL", sandbox.baseUrl());
        env.put("PAYTRACE_USERNAME", sandbox.config().username());
        env.put("PAYTRACE_PASSWORD", sandbox.config().password());
        env.put("PAYTRACE_MERCHANT_ZONE", sandbox.config().merchantZone().getId());
        env.put("GATEWAY_POLL_INTERVAL_MS", "1000");
        env.put("GATEWAY_LOOKBACK_DAYS", "1");
        env.put("GATEWAY_STATE_DIR", stateDir.toString());
        env.putAll(extra);
        return GatewayConfig.fromEnv(env);
    }

    /** Every raw transaction record of these ids, by id, each list in topic (= publication) order. */
    static Map<String, List<RawPayTraceRecord>> rawRecordsById(KafkaClusterExtension kafka, Set<String> ids) {
        Map<String, List<RawPayTraceRecord>> byId = new LinkedHashMap<>();
        for (ConsumerRecord<byte[], byte[]> record : TopicReader.readAll(kafka.bootstrapServers(), Topics.RAW_TRANSACTIONS.name())) {
            String key = new String(record.key(), StandardCharsets.UTF_8);
            if (ids.contains(key)) {
                byId.computeIfAbsent(key, k -> new java.util.ArrayList<>())
                        .add(Topics.RAW_TRANSACTIONS.valueSerde().deserializer().deserialize(record.topic(), record.value()));
            }
        }
        return byId;
    }

    /** Every raw batch record of these batch numbers, with its key and raw value bytes, in topic order. */
    static List<ConsumerRecord<byte[], byte[]>> rawBatches(KafkaClusterExtension kafka, Set<String> numbers) {
        return TopicReader.readAll(kafka.bootstrapServers(), Topics.RAW_BATCHES.name()).stream()
                .filter(r -> numbers.contains(new String(r.key(), StandardCharsets.UTF_8)))
                .collect(Collectors.toList());
    }

    static RawSettlementBatch decodeBatch(ConsumerRecord<byte[], byte[]> record) {
        return Topics.RAW_BATCHES.valueSerde().deserializer().deserialize(record.topic(), record.value());
    }

    static JsonNode json(String text) {
        try {
            return Json.parse(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
