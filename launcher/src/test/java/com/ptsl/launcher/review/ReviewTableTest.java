package com.ptsl.launcher.review;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.ptsl.schemas.avro.ReviewItem;
import com.ptsl.schemas.avro.ReviewReason;
import com.ptsl.schemas.avro.ReviewStatus;
import org.junit.jupiter.api.Test;

import java.util.List;

import static com.ptsl.launcher.review.Fixtures.candidate;
import static com.ptsl.launcher.review.Fixtures.item;
import static com.ptsl.launcher.review.Fixtures.money;
import static org.assertj.core.api.Assertions.assertThat;

/** What a person (or a script) sees of review items. */
class ReviewTableTest {

    private static final ReviewItem UNMATCHED = item("1000001")
            .setCandidates(List.of(candidate("C00001", "0000010001", "80.00", "same amount"),
                    candidate("C00001", "0000010002", "1250.00", "named in the description")))
            .build();
    private static final ReviewItem UNKNOWN = item("1000002").setReason(ReviewReason.UNKNOWN_CUSTOMER).setCustId(null)
            .setPostedOnAccount(null).setAmount(money("25.50")).setRaisedAt(Fixtures.RAISED.plusSeconds(60))
            .setDecision("Which customer paid?\nCall them.")
            .setCandidates(List.of(candidate("C00002", "0000010003", "25.50", "same amount")))
            .build();
    private static final ReviewItem RESOLVED = item("1000003").setStatus(ReviewStatus.RESOLVED)
            .setResolution("applied to 0000010002 by bob").build();

    @Test
    void rowsShowTheItemsAndTheirCandidatesIndented() {
        String table = ReviewTable.render(List.of(UNMATCHED, UNKNOWN), false);

        assertThat(table.lines().findFirst().orElseThrow())
                .startsWith("TRANSACTION  REASON            STATUS  CUSTOMER  AMOUNT  ON ACCOUNT  RAISED AT (UTC)");
        assertThat(table).contains("1000001      UNMATCHED         OPEN    C00001    100.00      100.00  2026-11-30T09:15:00Z")
                .contains("1000002      UNKNOWN_CUSTOMER  OPEN    unknown    25.50           -  2026-11-30T09:16:00Z")
                .contains("    decide: Which invoices does this payment pay?")
                .contains("    candidate invoices:")
                .contains("      0000010001  available   80.00  same amount")
                .contains("      0000010002  available 1250.00  named in the description")
                // the item's customer is unknown, so each candidate says whose invoice it is
                .contains("      0000010003  available 25.50  customer C00002  same amount")
                // a newline in a topic's text must not break the table
                .contains("    decide: Which customer paid? Call them.");
    }

    @Test
    void totalsCountItemsAndAmountsByReason() {
        assertThat(ReviewTable.totals(List.of(UNMATCHED, UNKNOWN), false))
                .isEqualTo("2 open items: UNKNOWN_CUSTOMER 1 (25.50), UNMATCHED 1 (100.00); amount 125.50, on account 100.00");
        assertThat(ReviewTable.totals(List.of(UNMATCHED, RESOLVED), true))
                .isEqualTo("2 items (1 open, 1 resolved): UNMATCHED 2 (200.00); amount 200.00, on account 200.00");
        assertThat(ReviewTable.render(List.of(), false)).isEqualTo("No open review items.\n");
        assertThat(ReviewTable.render(List.of(), true)).isEqualTo("No review items.\n");
    }

    @Test
    void resolvedItemsShowHowTheyWereResolved() {
        assertThat(ReviewTable.render(List.of(RESOLVED), true))
                .contains("1000003      UNMATCHED  RESOLVED")
                .contains("    resolution: applied to 0000010002 by bob");
    }

    @Test
    void thePayTraceRecordIsNeverShown() throws Exception {
        List<ReviewItem> items = List.of(UNMATCHED, UNKNOWN, RESOLVED);

        assertThat(ReviewTable.render(items, true)).doesNotContain(Fixtures.CARDHOLDER).doesNotContain("Secret Lane");
        String json = ReviewJson.render(items);
        assertThat(json).doesNotContain(Fixtures.CARDHOLDER).doesNotContain("Secret Lane");
        assertThat(new ObjectMapper().readTree(json).get(0).has("json")).isFalse();
    }

    @Test
    void jsonHasTheFieldsWithMoneyAsStrings() throws Exception {
        JsonNode items = new ObjectMapper().readTree(ReviewJson.render(List.of(UNMATCHED, UNKNOWN)));

        assertThat(items).hasSize(2);
        JsonNode first = items.get(0);
        assertThat(first.get("transactionId").asText()).isEqualTo("1000001");
        assertThat(first.get("reason").asText()).isEqualTo("UNMATCHED");
        assertThat(first.get("status").asText()).isEqualTo("OPEN");
        assertThat(first.get("amount").isTextual()).isTrue();
        assertThat(first.get("amount").asText()).isEqualTo("100.00");
        assertThat(first.get("raisedAt").asText()).isEqualTo("2026-11-30T09:15:00Z");
        assertThat(first.get("candidates").get(1).get("refNbr").asText()).isEqualTo("0000010002");
        assertThat(first.get("candidates").get(1).get("available").asText()).isEqualTo("1250.00");
        assertThat(items.get(1).get("custId").isNull()).isTrue();
        assertThat(items.get(1).get("postedOnAccount").isNull()).isTrue();
    }
}
