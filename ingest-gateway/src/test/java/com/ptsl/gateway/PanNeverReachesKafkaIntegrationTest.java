package com.ptsl.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.ptsl.gateway.json.Json;
import com.ptsl.gateway.pci.CardNumberOracle;
import com.ptsl.gateway.pci.TypedCards;
import com.ptsl.gateway.pci.TypedCards.TypedCard;
import com.ptsl.gateway.poll.PollResult;
import com.ptsl.kafka.embedded.KafkaClusterExtension;
import com.ptsl.sandbox.paytrace.PayTraceSandbox;
import com.ptsl.sandbox.paytrace.SandboxConfig;
import com.ptsl.sandbox.paytrace.TestCards;
import com.ptsl.schemas.Topics;
import com.ptsl.schemas.avro.RawPayTraceRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Card numbers typed into every free-text field PayTrace keeps, in every separator form, go through the real chain
 * (PayTrace sandbox over HTTP, {@link GatewayService#pollOnce()}, a real broker), and none of them is readable on
 * the raw topic: checked on every record of the topic with {@link CardNumberOracle}, which shares no code with the
 * scrubber.
 */
class PanNeverReachesKafkaIntegrationTest {

    @RegisterExtension
    static final KafkaClusterExtension kafka = KafkaClusterExtension.singleBroker();

    /** The free-text fields of a keyed sale that PayTrace echoes into its exports (reference §3.1). */
    private static final List<String> FIELDS = List.of("description", "invoice_id", "customer_reference_id", "email",
            "billing_address.name", "billing_address.street_address", "billing_address.street_address2",
            "billing_address.city", "shipping_address.name", "shipping_address.street_address2");

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @TempDir
    Path tmp;

    private PayTraceSandbox sandbox;

    @BeforeEach
    void startSandbox() {
        sandbox = PayTraceSandbox.start(SandboxConfig.defaults());
    }

    @AfterEach
    void stopSandbox() {
        sandbox.close();
    }

    @Test
    void noCardNumberTypedIntoAnyFieldInAnyFormIsReadableOnTheRawTopic() throws Exception {
        Random random = new Random(8_2026);
        List<TypedCard> cards = new ArrayList<>();
        for (String separator : TypedCards.SEPARATORS) {
            cards.add(TypedCards.withSeparator(TypedCards.randomLuhnValid(random, 16), TypedCards.Form.FOURS, separator));
            cards.add(TypedCards.withSeparator(TypedCards.randomLuhnValid(random, 15), TypedCards.Form.AMEX_OR_DINERS, separator));
            cards.add(TypedCards.withSeparator(TypedCards.randomLuhnValid(random, 14), TypedCards.Form.AMEX_OR_DINERS, separator));
        }
        for (int i = 0; i < 40; i++) {
            cards.add(TypedCards.random(random)); // every form, random lengths 13-19
        }
        String token = token();
        Map<Long, List<TypedCard>> typedBySale = new HashMap<>();
        // One sale per field per ten cards: every card lands in some field, every field gets every kind of card.
        for (int start = 0; start < cards.size(); start += FIELDS.size()) {
            List<TypedCard> inThisSale = cards.subList(start, Math.min(start + FIELDS.size(), cards.size()));
            typedBySale.put(sale(token, inThisSale), inThisSale);
        }

        PollResult poll;
        try (GatewayService gateway = new GatewayService(config(tmp.resolve("gateway")))) {
            poll = gateway.pollOnce();
        }

        assertThat(poll.published()).isEqualTo(typedBySale.size());
        List<ConsumerRecord<byte[], byte[]>> topic = TopicReader.readAll(kafka.bootstrapServers(), Topics.RAW_TRANSACTIONS.name());
        assertThat(topic).hasSize(typedBySale.size());
        int masksSeen = 0;
        for (ConsumerRecord<byte[], byte[]> record : topic) {
            String bytes = new String(record.value(), StandardCharsets.ISO_8859_1);
            RawPayTraceRecord raw = Topics.RAW_TRANSACTIONS.valueSerde().deserializer().deserialize(record.topic(), record.value());
            JsonNode json = Json.parse(raw.getJson());
            List<TypedCard> typed = typedBySale.get(json.get("transaction_id").asLong());
            assertThat(typed).as("a sale of this test").isNotNull();

            // Independent oracle over every value and every field name of the published record.
            forEachText(json, text -> assertThat(CardNumberOracle.luhnValidSequences(text)).as("in '%s'", text).isEmpty());
            TestCards.ALL.forEach(card -> assertThat(bytes).doesNotContain(card));
            List<String> texts = new ArrayList<>();
            forEachText(json, texts::add);
            for (TypedCard card : typed) {
                assertThat(bytes).doesNotContain(card.digits()).doesNotContain(card.text());
                // ... and it was not dropped either: its field holds the card's mask, last four kept.
                if (texts.stream().anyMatch(t -> t.contains(card.masked()))) {
                    masksSeen++;
                }
            }
            assertThat(raw.getPansScrubbed()).isEqualTo(typed.size());
        }
        assertThat(masksSeen).isEqualTo(cards.size());
    }

    /** A keyed sale (PayTrace's test card) with card number {@code i} typed into free-text field {@code i}. */
    private long sale(String token, List<TypedCard> typed) throws IOException, InterruptedException {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("amount", "42.00");
        ObjectNode card = body.putObject("credit_card");
        card.put("number", TestCards.VISA);
        card.put("expiration_month", "12");
        card.put("expiration_year", "2031");
        body.put("csc", "123");
        body.putObject("billing_address").put("zip", "99201").put("street_address", "100 Main St");
        body.putObject("shipping_address");
        for (int i = 0; i < typed.size(); i++) {
            String field = FIELDS.get(i);
            String value = (field.equals("email") ? "cc " : "card ") + typed.get(i).text() + " ok";
            int dot = field.indexOf('.');
            if (dot < 0) {
                body.put(field, value);
            } else {
                ((ObjectNode) body.get(field.substring(0, dot))).put(field.substring(dot + 1), value);
            }
        }
        HttpResponse<String> reply = HTTP.send(HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + "/v1/transactions/sale/keyed"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(Json.compact(body))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(reply.statusCode()).as(reply.body()).isEqualTo(200);
        return Json.parse(reply.body()).get("transaction_id").asLong();
    }

    private String token() throws IOException, InterruptedException {
        String form = "grant_type=password&username=" + URLEncoder.encode(sandbox.config().username(), StandardCharsets.UTF_8)
                + "&password=" + URLEncoder.encode(sandbox.config().password(), StandardCharsets.UTF_8);
        HttpResponse<String> reply = HTTP.send(HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + "/oauth/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(reply.statusCode()).isEqualTo(200);
        return Json.parse(reply.body()).get("access_token").asText();
    }

    private GatewayConfig config(Path stateDir) {
        Map<String, String> env = new HashMap<>();
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        env.put("PAYTRACE_BASE_URL", sandbox.baseUrl());
        env.put("PAYTRACE_USERNAME", sandbox.config().username());
        env.put("PAYTRACE_PASSWORD", sandbox.config().password());
        env.put("PAYTRACE_MERCHANT_ZONE", sandbox.config().merchantZone().getId());
        env.put("GATEWAY_LOOKBACK_DAYS", "1");
        env.put("GATEWAY_STATE_DIR", stateDir.toString());
        return GatewayConfig.fromEnv(env);
    }

    private static void forEachText(JsonNode node, java.util.function.Consumer<String> check) {
        if (node.isObject()) {
            node.properties().forEach(e -> {
                check.accept(e.getKey());
                forEachText(e.getValue(), check);
            });
        } else if (node.isArray()) {
            node.forEach(e -> forEachText(e, check));
        } else if (!node.isNull()) {
            check.accept(node.asText());
        }
    }
}
