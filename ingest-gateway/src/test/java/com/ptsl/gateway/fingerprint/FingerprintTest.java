package com.ptsl.gateway.fingerprint;

import com.fasterxml.jackson.databind.JsonNode;
import com.ptsl.gateway.json.Json;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FingerprintTest {

    private static JsonNode json(String text) throws Exception {
        return Json.parse(text);
    }

    @Test
    void sameContentInAnyKeyOrderHasTheSameFingerprint() throws Exception {
        JsonNode a = json("{\"transaction_id\":1,\"amount\":110.10,\"created\":{\"at\":\"4/10/2015 4:06:30 PM\",\"by\":\"u\"},\"list\":[{\"b\":1,\"a\":2}]}");
        JsonNode b = json("{ \"list\" : [ {\"a\":2, \"b\":1} ], \"created\":{\"by\":\"u\",\"at\":\"4/10/2015 4:06:30 PM\"},\"amount\":110.10,\"transaction_id\":1}");

        assertThat(Fingerprint.of(a)).isEqualTo(Fingerprint.of(b)).matches("[0-9a-f]{64}");
    }

    @Test
    void canonicalFormSortsKeysRecursivelyWithoutWhitespace() throws Exception {
        assertThat(Fingerprint.canonicalJson(json("{\"b\": {\"d\": 1, \"c\": [3, {\"f\": null, \"e\": \"x\"}]}, \"a\": 10.50}")))
                .isEqualTo("{\"a\":10.50,\"b\":{\"c\":[3,{\"e\":\"x\",\"f\":null}],\"d\":1}}");
    }

    @Test
    void isTheSha256OfTheCanonicalForm() throws Exception {
        // sha256("{}") is a published constant; pins the hash and the hex encoding.
        assertThat(Fingerprint.of(json("{}"))).isEqualTo("44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a");
    }

    @Test
    void anyChangeGivesANewFingerprint() throws Exception {
        String pending = Fingerprint.of(json("{\"transaction_id\":1,\"status_code\":\"Y\",\"amount\":5.00}"));

        assertThat(Fingerprint.of(json("{\"transaction_id\":1,\"status_code\":\"GB571\",\"amount\":5.00}"))).isNotEqualTo(pending);
        assertThat(Fingerprint.of(json("{\"transaction_id\":1,\"status_code\":\"Y\",\"amount\":5.01}"))).isNotEqualTo(pending);
        assertThat(Fingerprint.of(json("{\"transaction_id\":1,\"status_code\":\"Y\",\"amount\":5.00,\"x\":null}"))).isNotEqualTo(pending);
        assertThat(Fingerprint.of(json("{\"transaction_id\":1,\"status_code\":\"Y\",\"amount\":5.00}"))).isEqualTo(pending);
    }

    @Test
    void arrayOrderIsContent() throws Exception {
        assertThat(Fingerprint.of(json("{\"a\":[1,2]}"))).isNotEqualTo(Fingerprint.of(json("{\"a\":[2,1]}")));
    }
}
