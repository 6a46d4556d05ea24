package com.ptsl.gateway;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.ptsl.gateway.paytrace.PayTraceClient;
import com.ptsl.sandbox.paytrace.PayTraceSandbox;
import com.ptsl.schemas.Topics;
import com.ptsl.schemas.avro.RawPayTraceRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** Shared set-up of the push receiver tests. */
final class PushIT {

    static final String SECRET = "push-test-secret-0123456789abcdef";
    static final String PREVIOUS_SECRET = "push-test-previous-secret-0123456789";

    private PushIT() {
    }

    /**
     * Push receivers on an ephemeral loopback port with a transactional.id of their own, polling once an hour (the
     * loop's first poll runs at start) and sweeping whenever a poll is run by hand.
     */
    static Map<String, String> pushEnv(Map<String, String> extra) {
        Map<String, String> env = new HashMap<>();
        env.put("GATEWAY_PUSH_HOST", "127.0.0.1");
        env.put("GATEWAY_PUSH_PORT", "0");
        env.put("GATEWAY_PUSH_SECRET", SECRET);
        env.put("GATEWAY_PUSH_TRANSACTIONAL_ID", "gateway-push-test-" + UUID.randomUUID());
        env.put("GATEWAY_POLL_INTERVAL_MS", "3600000");
        env.put("GATEWAY_SWEEP_INTERVAL_MS", "1");
        env.putAll(extra);
        return env;
    }

    /** The record exactly as export/by_id returns it, read with a client of the test's own (not counted by the gateway). */
    static ObjectNode byId(PayTraceSandbox sandbox, long transactionId) {
        PayTraceClient client = new PayTraceClient(URI.create(sandbox.baseUrl()),
                new PayTraceClient.Credentials(sandbox.config().username(), sandbox.config().password(), null));
        return client.exportById(transactionId).orElseThrow();
    }

    /** Every committed raw record of these ids, by id, in topic order. */
    static Map<String, List<RawPayTraceRecord>> raw(String bootstrap, Set<String> ids) {
        Map<String, List<RawPayTraceRecord>> byId = new LinkedHashMap<>();
        for (ConsumerRecord<byte[], byte[]> record : TopicReader.readAll(bootstrap, Topics.RAW_TRANSACTIONS.name())) {
            String key = new String(record.key(), StandardCharsets.UTF_8);
            if (ids.contains(key)) {
                byId.computeIfAbsent(key, k -> new ArrayList<>())
                        .add(Topics.RAW_TRANSACTIONS.valueSerde().deserializer().deserialize(record.topic(), record.value()));
            }
        }
        return byId;
    }
}
