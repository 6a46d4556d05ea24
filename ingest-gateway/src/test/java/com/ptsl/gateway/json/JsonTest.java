package com.ptsl.gateway.json;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;

class JsonTest {

    @Test
    void numbersSurviveARoundTripVerbatim() throws Exception {
        String text = "{\"amount\":110.10,\"zero\":1.0,\"big\":12345678901234567890.123,\"id\":392483066,\"tax_amount\":\"8.10\",\"e\":1E+2}";

        JsonNode node = Json.parse(text);

        assertThat(Json.compact(node)).isEqualTo(text);
        assertThat(node.get("amount").decimalValue()).isEqualTo(new BigDecimal("110.10"));
        assertThat(node.get("amount").isBigDecimal()).isTrue();
    }
}
