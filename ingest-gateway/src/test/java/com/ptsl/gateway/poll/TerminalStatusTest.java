package com.ptsl.gateway.poll;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.ptsl.gateway.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** One row per record state of the lifecycle table (design contract, issue 7), plus what the rule must tolerate. */
class TerminalStatusTest {

    @ParameterizedTest(name = "{0} {1} \"{2}\" -> terminal {3}")
    @CsvSource(delimiter = '|', value = {
            // event: sale approved, captured authorization, refunds: pending settlement, may still be voided
            "SALE          | Y      | Pending Settlement    | false",
            "AUTHORIZATION | Y      | Pending Settlement    | false",
            "REFUND        | Y      | Pending Settlement    | false",
            // authorization approved, not captured: may be captured, voided or expire
            "AUTHORIZATION | N      | Authorization Only    | false",
            // settled, whatever the type
            "SALE          | GB571  | GB571                 | true",
            "AUTHORIZATION | GB12   | GB12                  | true",
            "REFUND        | GB571  | GB571                 | true",
            "SALE          | Settled| Settled               | true",
            // declined sale or authorization
            "DECLINED      | N      | Declined              | true",
            "DECLINED      | ''     | ''                    | true",
            // 103 auto-void, void of a sale, capture, refund or uncaptured authorization
            "SALE          | N      | Voided                | true",
            "AUTHORIZATION | N      | Voided                | true",
            "REFUND        | N      | Voided                | true",
            // authorization that expired uncaptured
            "AUTHORIZATION | N      | Authorization Expired | true",
            // what other PayTrace clients match on (reference §3.1): upper case, other wording
            "SALE          | N      | VOIDED                | true",
            "SALE          | N      | DECLINE - Do not honor| true",
            // unknown states are followed rather than dropped
            "SALE          | N      | Something new         | false",
            "SALE          | X      | Voided                | false",
            "SALE          | ''     | ''                    | false",
    })
    void followsTheLifecycleTable(String type, String code, String message, boolean terminal) {
        ObjectNode record = Json.object();
        record.put("transaction_id", 392483000L);
        record.put("transaction_type", type);
        record.put("status_code", code);
        record.put("status_message", message);

        assertThat(TerminalStatus.isTerminal(record)).isEqualTo(terminal);
    }

    @Test
    void aRecordWithoutStatusFieldsIsOpen() {
        assertThat(TerminalStatus.isTerminal(Json.object().put("transaction_id", 1))).isFalse();
        assertThat(TerminalStatus.isTerminal(null)).isFalse();
    }

    @Test
    void readsTheFieldsOfARealExportRecord() throws Exception {
        ObjectNode settled = (ObjectNode) Json.parse("{\"transaction_id\":79388123,\"transaction_type\":\"SALE\","
                + "\"amount\":110,\"status_code\":\"GB571\",\"status_message\":\"GB571\",\"settled\":\"4/10/2015 8:13:45 PM\"}");
        ObjectNode pending = settled.deepCopy().put("status_code", "Y").put("status_message", "Pending Settlement");

        assertThat(TerminalStatus.isTerminal(settled)).isTrue();
        assertThat(TerminalStatus.isTerminal(pending)).isFalse();
    }
}
