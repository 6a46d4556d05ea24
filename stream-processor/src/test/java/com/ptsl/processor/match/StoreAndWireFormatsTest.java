package com.ptsl.processor.match;

import com.ptsl.processor.classify.TransactionKind;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The new store values and repartition messages round-trip, and what older versions wrote still reads: store
 * entries and in-flight repartition records survive an upgrade.
 */
class StoreAndWireFormatsTest {

    private static final PaymentFacts FACTS = new PaymentFacts("77", new BigDecimal("12.50"), "INV1", "PO1", "vault", "desc",
            "2026-01-05T10:00", "401200******5439", "TAS001", 1_000L, "{}", 0, "merchant-east");

    @Test
    void matchInputsOfEveryKindRoundTrip() {
        MatchInputSerde serde = new MatchInputSerde();
        for (MatchInput in : List.of(new MatchInput.Reverse(FACTS, TransactionKind.AUTO_VOIDED), new MatchInput.Refund(FACTS, "55"),
                new MatchInput.Refund(FACTS, ""), MatchInput.Payment.of(FACTS))) {
            assertThat(serde.deserialize("t", serde.serialize("t", in))).isEqualTo(in);
        }
    }

    @Test
    void resolveInputsOfTheRefundsTopicRoundTrip() {
        ResolveInputSerde serde = new ResolveInputSerde();
        for (ResolveInput in : List.of(new ResolveInput.Refund(FACTS, "55"), new ResolveInput.Voided(FACTS, TransactionKind.VOIDED, "55"),
                new ResolveInput.Payment(FACTS))) {
            assertThat(serde.deserialize("t", serde.serialize("t", in))).isEqualTo(in);
        }
    }

    @Test
    void paymentFactsWrittenBeforeTheMerchantAccountReadWithABlankOne() {
        String old = "{\"transactionId\":\"1\",\"amount\":5.00,\"invoiceId\":\"\",\"customerReferenceId\":\"\",\"customerId\":\"\","
                + "\"description\":\"\",\"createdAt\":\"2026-01-05T10:00\",\"maskedCard\":\"\",\"approvalCode\":\"\",\"receivedAtMs\":1,"
                + "\"json\":\"{}\",\"heldSinceMs\":0}";

        PaymentFacts read = new JsonSerde<>(PaymentFacts.class).deserialize("t", old.getBytes(StandardCharsets.UTF_8));

        assertThat(read.createdBy()).isEmpty();
        assertThat(read.amount()).isEqualByComparingTo("5.00");
    }

    @Test
    void decidedEntriesWrittenBeforeIssue7ReadAsPaymentsWithNothingRefunded() {
        String old = "{\"amount\":100.00,\"onAccount\":10.00,\"reviewReason\":\"OVERPAYMENT\",\"json\":\"{}\",\"atMs\":5}";

        MatchStores.Decided d = new JsonSerde<>(MatchStores.Decided.class).deserialize("t", old.getBytes(StandardCharsets.UTF_8));

        assertThat(d.ofRefund()).isFalse();
        assertThat(d.postedBy("9")).isEqualTo("PostPayment:9");
        assertThat(d.applications()).isEmpty();
        assertThat(d.refundable()).isEqualByComparingTo("100.00");
        assertThat(d.reversed()).isFalse();
        assertThat(d.reviewOpen()).isTrue();
    }

    @Test
    void decidedEntriesRoundTripWithTheirApplicationsAndRefunds() {
        JsonSerde<MatchStores.Decided> serde = new JsonSerde<>(MatchStores.Decided.class);
        MatchStores.Decided d = MatchStores.Decided.payment("PostPayment:9", new BigDecimal("100.00"), BigDecimal.ZERO, null, null, 5,
                List.of(new MatchStores.AppliedTo("PTSL|0000010001", "0000010001", "IN", new BigDecimal("60.00"))))
                .withRefunded(new BigDecimal("40.00"));

        MatchStores.Decided read = serde.deserialize("t", serde.serialize("t", d));

        assertThat(read).isEqualTo(d);
        assertThat(read.refundable()).isEqualByComparingTo("60.00");
        assertThat(read.reversedNow().refundable()).isEqualByComparingTo("0");
    }

    @Test
    void unresolvedEntriesWrittenBeforeIssue7ArePayments() {
        String old = "{\"facts\":{\"transactionId\":\"1\",\"amount\":5.00,\"createdAt\":\"2026-01-05T10:00\",\"receivedAtMs\":1},"
                + "\"sinceMs\":3,\"awaitingReview\":true}";

        MatchStores.Unresolved u = new JsonSerde<>(MatchStores.Unresolved.class).deserialize("t", old.getBytes(StandardCharsets.UTF_8));

        assertThat(u.ofRefund()).isFalse();
        assertThat(u.awaitingReview()).isTrue();
        assertThat(u.facts().transactionId()).isEqualTo("1");
    }
}
