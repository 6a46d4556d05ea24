package com.ptsl.processor.match;

import com.ptsl.processor.classify.TransactionKind;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

    @Test
    void repartitionRecordsWrittenAsJsonBeforeIssue8StillRead() {
        String facts = new String(new JsonSerde<>(PaymentFacts.class).serialize("t", FACTS), StandardCharsets.UTF_8);
        MatchInputSerde match = new MatchInputSerde();
        MatchInput.Forced forced = new MatchInput.Forced(false, List.of("INV1", "INV2"), java.util.Arrays.asList(null, new BigDecimal("1.50")));

        assertThat(match.deserialize("t", tagged(1, "{\"facts\":" + facts + ",\"forced\":{\"onAccount\":false,\"invoices\":[\"INV1\",\"INV2\"],"
                + "\"amounts\":[null,1.50]}}"))).isEqualTo(new MatchInput.Payment(FACTS, forced));
        assertThat(match.deserialize("t", tagged(5, "{\"facts\":" + facts + ",\"kind\":\"VOIDED\"}")))
                .isEqualTo(new MatchInput.Reverse(FACTS, TransactionKind.VOIDED));
        assertThat(match.deserialize("t", tagged(6, "{\"facts\":" + facts + ",\"originalTransactionId\":\"55\"}")))
                .isEqualTo(new MatchInput.Refund(FACTS, "55"));

        ResolveInputSerde resolve = new ResolveInputSerde();
        assertThat(resolve.deserialize("t", tagged(1, facts))).isEqualTo(new ResolveInput.Payment(FACTS));
        assertThat(resolve.deserialize("t", tagged(2, "{\"facts\":" + facts + ",\"originalTransactionId\":\"55\"}")))
                .isEqualTo(new ResolveInput.Refund(FACTS, "55"));
        assertThat(resolve.deserialize("t", tagged(3, "{\"facts\":" + facts + ",\"kind\":\"AUTO_VOIDED\",\"originalTransactionId\":\"\"}")))
                .isEqualTo(new ResolveInput.Voided(FACTS, TransactionKind.AUTO_VOIDED, ""));
    }

    @Test
    void aPaymentWithAPersonsInstructionRoundTripsInTheBinaryForm() {
        MatchInputSerde serde = new MatchInputSerde();
        PaymentFacts sparse = new PaymentFacts("78", new BigDecimal("0.10"), null, null, null, null, "2026-01-05T10:00:01", null, null,
                2L, "{\"note\":\"caf\u00e9\"}", 9L, null);
        for (MatchInput in : List.of(new MatchInput.Payment(sparse, new MatchInput.Forced(true, List.of(), null)),
                new MatchInput.Payment(FACTS, new MatchInput.Forced(false, List.of("A"), java.util.Arrays.asList(new BigDecimal("3.00"), null))))) {
            byte[] bytes = serde.serialize("t", in);
            assertThat(bytes[0]).as("binary tag").isEqualTo((byte) 7);
            assertThat(serde.deserialize("t", bytes)).isEqualTo(in);
        }
        assertThatThrownBy(() -> serde.deserialize("t", java.util.Arrays.copyOf(serde.serialize("t", MatchInput.Payment.of(FACTS)), 20)))
                .isInstanceOf(org.apache.kafka.common.errors.SerializationException.class);
    }

    @Test
    void reservationsAndDecidedPaymentsReadTheirJsonAndWriteBinary() {
        StoreValueSerde.Reservations reservations = new StoreValueSerde.Reservations();
        MatchStores.Reservation r = new MatchStores.Reservation(new BigDecimal("-12.30"), 77L);
        assertThat(reservations.deserialize("t", "{\"amount\":-12.30,\"atMs\":77}".getBytes(StandardCharsets.UTF_8))).isEqualTo(r);
        assertThat(reservations.serialize("t", r)[0]).isEqualTo((byte) 1);
        assertThat(reservations.deserialize("t", reservations.serialize("t", r))).isEqualTo(r);

        StoreValueSerde.DecidedPayments decided = new StoreValueSerde.DecidedPayments();
        MatchStores.Decided d = new MatchStores.Decided(new BigDecimal("100.00"), new BigDecimal("10.00"), "OVERPAYMENT", "{}", 5,
                "PostPayment:9", List.of(new MatchStores.AppliedTo("PTSL/0001", "0001", "IN", new BigDecimal("90.00"))),
                new BigDecimal("20.00"), true, "");
        byte[] json = new JsonSerde<>(MatchStores.Decided.class).serialize("t", d);
        assertThat(decided.deserialize("t", json)).isEqualTo(d);
        assertThat(decided.deserialize("t", decided.serialize("t", d))).isEqualTo(d);
        MatchStores.Decided refund = MatchStores.Decided.refund("PostRefund:10", new BigDecimal("5.00"), null, null, 6, "9");
        assertThat(decided.deserialize("t", decided.serialize("t", refund))).isEqualTo(refund);
        assertThatThrownBy(() -> decided.deserialize("t", new byte[] {2, 0}))
                .isInstanceOf(org.apache.kafka.common.errors.SerializationException.class).hasMessageContaining("format 2");
    }

    private static byte[] tagged(int tag, String json) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[body.length + 1];
        out[0] = (byte) tag;
        System.arraycopy(body, 0, out, 1, body.length);
        return out;
    }
}
